"""In-process requests behave like I/O on asyncio: timeouts, cancellation, interleaving.

Against a real endpoint a request suspends its task while it waits for the
answer, and again for each chunk of a streamed body. aiomoto yields to the
loop at the same places: once just before Moto runs, and on every read of a
body. No test here sleeps or measures time: a cancellation or a deadline is
made to arrive at a known step (from a ``before-send`` handler, or by moving
the loop's clock), and the order of events is observed directly.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from typing import Any

import anyio
import pytest
from moto.s3.models import S3Backend

from tests.clock import jumping_clock
from tests.services.conftest import only
from tests.services.flavours import S3Flavour

pytestmark = pytest.mark.anyio

BUCKET = "cancellation"


@pytest.fixture
async def s3(async_s3: S3Flavour) -> S3Flavour:
    await async_s3.create_bucket(BUCKET)
    return async_s3


def on_before_send(s3: S3Flavour, handler: Callable[..., None]) -> None:
    """Call ``handler`` once aiobotocore has prepared a request, before it is sent."""
    s3.client.meta.events.register("before-send.s3", handler)


async def keys(s3: S3Flavour) -> list[str]:
    return await s3.list_keys(BUCKET)


async def test_a_put_cancelled_once_sent_raises_and_leaves_no_object(
    s3: S3Flavour,
) -> None:
    def cancel_me(**_: Any) -> None:
        task = asyncio.current_task()
        assert task is not None
        task.cancel()

    on_before_send(s3, cancel_me)

    with pytest.raises(asyncio.CancelledError):
        await s3.put(BUCKET, "never-written", b"data")
    s3.client.meta.events.unregister("before-send.s3", cancel_me)

    assert await keys(s3) == []


@pytest.fixture
async def clock_jump() -> AsyncIterator[Callable[[], None]]:
    async with jumping_clock() as jump:
        yield jump


async def test_wait_for_times_out_before_moto_runs_when_its_deadline_passes(
    s3: S3Flavour, clock_jump: Callable[[], None]
) -> None:
    on_before_send(s3, lambda **_: clock_jump())

    with pytest.raises(asyncio.TimeoutError):
        await asyncio.wait_for(s3.put(BUCKET, "too-late", b"data"), timeout=1)

    assert await keys(s3) == []


async def test_a_deadline_that_passes_before_moto_runs_leaves_no_object(
    s3: S3Flavour, clock_jump: Callable[[], None]
) -> None:
    on_before_send(s3, lambda **_: clock_jump())

    with pytest.raises(TimeoutError):
        with anyio.fail_after(1):
            await s3.put(BUCKET, "too-late", b"data")

    assert await keys(s3) == []


@only("async_s3", "aiobotocore-client")  # the adapter is shared by all of them
async def test_two_gathered_puts_are_both_sent_before_either_finishes(
    s3: S3Flavour,
) -> None:
    events: list[str] = []
    on_before_send(s3, lambda request, **_: events.append(f"sent {request.url[-1]}"))

    async def put(key: str) -> None:
        await s3.put(BUCKET, key, b"data")
        events.append(f"done {key}")

    await asyncio.gather(put("a"), put("b"))

    assert events == ["sent a", "sent b", "done a", "done b"]


@only("async_s3", "aiobotocore-client")
async def test_a_streamed_body_lets_other_tasks_run_between_chunks(
    s3: S3Flavour,
) -> None:
    await s3.put(BUCKET, "object", b"x" * 3000)
    events: list[str] = []

    async def stream(name: str) -> None:
        response = await s3.call("get_object", Bucket=BUCKET, Key="object")
        body = response["Body"]
        async with body:
            async for chunk in body.iter_chunks(1000):
                events.append(f"{name} {len(chunk)}")

    await asyncio.gather(stream("a"), stream("b"))

    assert events == ["a 1000", "b 1000"] * 3


async def test_a_cancellation_once_moto_ran_keeps_the_write_and_the_client_works(
    s3: S3Flavour, monkeypatch: pytest.MonkeyPatch
) -> None:
    task = asyncio.current_task()
    assert task is not None
    put_object = S3Backend.put_object

    def put_then_cancel(self: S3Backend, *args: Any, **kwargs: Any) -> Any:
        task.cancel()  # arrives at the next cancellation point: reading the answer
        return put_object(self, *args, **kwargs)

    monkeypatch.setattr(S3Backend, "put_object", put_then_cancel)
    with pytest.raises(asyncio.CancelledError):
        await s3.put(BUCKET, "written", b"data")
    monkeypatch.undo()

    assert await s3.get(BUCKET, "written") == b"data"
    await s3.put(BUCKET, "after", b"more")
    assert await keys(s3) == ["after", "written"]
