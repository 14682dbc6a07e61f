"""In-process requests behave like I/O on every loop and HTTP backend.

On asyncio with aiohttp or httpx, and on trio with httpx, a request lets the
loop run just before Moto does, and between chunks of a streamed body: a
cancellation or a deadline arriving there leaves Moto untouched, and
concurrent requests interleave. With the httpx session a streamed body is the
httpx kind, as against a real endpoint. Cancellations and deadlines are made
to arrive at a chosen step; nothing sleeps and nothing is timed.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import AsyncIterator, Callable
from typing import Any

import anyio
import anyio.from_thread
import anyio.lowlevel
import anyio.to_thread
import boto3
import pytest
from aiobotocore.config import AioConfig
from aiobotocore.response import HttpxStreamingBody, StreamingBody
from aiobotocore.session import AioSession
from moto.s3.models import S3Backend

from aiomoto import mock_aws
from tests.clock import jumping_clock
from tests.compat.conftest import chunks_of

pytestmark = pytest.mark.anyio

BUCKET = "io-like"
#: Three socket-sized chunks (the httpx stream hands over 64 KiB at a time).
CHUNK = 64 * 1024
#: A body Moto digests in a worker thread (aiomoto's threshold is 1 MiB).
LARGE = b"x" * (2 * 1024 * 1024)
#: How long a worker thread waits for the loop before the test fails.
PATIENCE = 30


@pytest.fixture
def anyio_backend(combination: tuple[str, str]) -> Any:
    if combination[0] == "trio":
        from trio.testing import MockClock

        # Runs at real speed; jump() moves it on for the deadline tests.
        return ("trio", {"clock": MockClock(rate=1.0)})
    return "asyncio"


@pytest.fixture
async def s3(config: AioConfig) -> AsyncIterator[Any]:
    async with mock_aws():
        boto3.client("s3", region_name="us-east-1").create_bucket(Bucket=BUCKET)
        session: Any = AioSession()
        async with session.create_client(
            "s3", region_name="us-east-1", config=config
        ) as client:
            yield client


def stored_keys() -> list[str]:
    listing = boto3.client("s3", region_name="us-east-1").list_objects_v2(Bucket=BUCKET)
    return [entry["Key"] for entry in listing.get("Contents", [])]


def on_before_send(s3: Any, handler: Callable[..., None]) -> None:
    """Call ``handler`` once aiobotocore has prepared a request, before it is sent."""
    s3.meta.events.register("before-send.s3", handler)


async def test_a_put_cancelled_once_sent_leaves_no_object(s3: Any) -> None:
    with anyio.CancelScope() as scope:
        on_before_send(s3, lambda **_: scope.cancel())
        await s3.put_object(Bucket=BUCKET, Key="never-written", Body=b"data")

    assert scope.cancelled_caught
    assert stored_keys() == []


async def test_a_deadline_passing_before_moto_runs_leaves_no_object(s3: Any) -> None:
    async with jumping_clock() as jump:
        on_before_send(s3, lambda **_: jump())
        with pytest.raises(TimeoutError), anyio.fail_after(1):
            await s3.put_object(Bucket=BUCKET, Key="too-late", Body=b"data")

    assert stored_keys() == []


async def test_two_puts_in_a_task_group_are_both_sent_before_either_finishes(
    s3: Any,
) -> None:
    events: list[str] = []
    on_before_send(s3, lambda request, **_: events.append(f"sent {request.url[-1]}"))

    async def put(key: str) -> None:
        await s3.put_object(Bucket=BUCKET, Key=key, Body=b"data")
        events.append(f"done {key}")

    async with anyio.create_task_group() as group:
        group.start_soon(put, "a")
        group.start_soon(put, "b")

    assert sorted(events[:2]) == ["sent a", "sent b"]
    assert sorted(events[2:]) == ["done a", "done b"]


async def test_two_streamed_bodies_are_read_chunk_by_chunk_in_turn(s3: Any) -> None:
    await s3.put_object(Bucket=BUCKET, Key="object", Body=b"x" * (3 * CHUNK))
    events: list[str] = []

    async def stream(name: str) -> None:
        response = await s3.get_object(Bucket=BUCKET, Key="object")
        body = response["Body"]
        async with body:
            async for _ in chunks_of(body, CHUNK):
                events.append(name)

    async with anyio.create_task_group() as group:
        group.start_soon(stream, "a")
        group.start_soon(stream, "b")

    # Each task reads one chunk per turn of the loop (trio picks the order
    # within a turn at random): every turn has one chunk of each.
    turns = [sorted(events[i : i + 2]) for i in range(0, len(events), 2)]
    assert turns == [["a", "b"]] * 3


async def test_a_read_cancelled_mid_stream_stops_and_the_client_still_works(
    s3: Any,
) -> None:
    await s3.put_object(Bucket=BUCKET, Key="object", Body=b"x" * (3 * CHUNK))
    received = 0

    response = await s3.get_object(Bucket=BUCKET, Key="object")
    body = response["Body"]
    async with body:
        with anyio.CancelScope() as scope:
            async for chunk in chunks_of(body, CHUNK):
                received += len(chunk)
                scope.cancel()

    assert scope.cancelled_caught
    assert received == CHUNK
    again = await s3.get_object(Bucket=BUCKET, Key="object")
    body = again["Body"]
    async with body:
        assert len(await body.read()) == 3 * CHUNK


async def test_a_streamed_body_is_the_kind_the_http_backend_gives(
    s3: Any, combination: tuple[str, str]
) -> None:
    await s3.put_object(Bucket=BUCKET, Key="object", Body=b"data")

    response = await s3.get_object(Bucket=BUCKET, Key="object")
    body = response["Body"]
    async with body:
        expected = HttpxStreamingBody if combination[1] == "httpx" else StreamingBody
        assert isinstance(body, expected)
        assert await body.read() == b"data"


async def test_the_loop_runs_other_tasks_while_moto_digests_a_large_body(
    s3: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    moto_started = threading.Event()
    other_task_ran = threading.Event()
    waited: list[bool] = []
    put_object = S3Backend.put_object

    def put_once_the_other_task_ran(self: S3Backend, *args: Any, **kw: Any) -> Any:
        moto_started.set()
        # Were Moto running on the loop's thread, the other task could not run.
        waited.append(other_task_ran.wait(PATIENCE))
        return put_object(self, *args, **kw)

    async def other_task() -> None:
        await anyio.to_thread.run_sync(moto_started.wait, PATIENCE)
        other_task_ran.set()

    monkeypatch.setattr(S3Backend, "put_object", put_once_the_other_task_ran)
    async with anyio.create_task_group() as group:
        group.start_soon(other_task)
        await s3.put_object(Bucket=BUCKET, Key="large", Body=LARGE)

    assert waited == [True]
    assert stored_keys() == ["large"]


async def test_a_large_put_cancelled_while_moto_runs_is_written_then_cancelled(
    s3: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    loop = anyio.lowlevel.current_token()
    put_object = S3Backend.put_object

    with anyio.CancelScope() as scope:

        def put_cancelled_meanwhile(self: S3Backend, *args: Any, **kw: Any) -> Any:
            anyio.from_thread.run_sync(scope.cancel, token=loop)
            return put_object(self, *args, **kw)

        monkeypatch.setattr(S3Backend, "put_object", put_cancelled_meanwhile)
        await s3.put_object(Bucket=BUCKET, Key="large", Body=LARGE)

    assert scope.cancelled_caught
    # The cancellation waited for Moto: the object is there as soon as it lands.
    assert stored_keys() == ["large"]


def test_a_task_cancelled_once_while_moto_runs_raises_once_the_write_landed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """asyncio's ``task.cancel()`` arrives once (anyio's scopes repeat it)."""
    put_object = S3Backend.put_object

    async def main() -> None:
        loop = asyncio.get_running_loop()
        put: list[asyncio.Task[Any]] = []

        def put_cancelled_meanwhile(self: S3Backend, *args: Any, **kw: Any) -> Any:
            loop.call_soon_threadsafe(put[0].cancel)
            return put_object(self, *args, **kw)

        monkeypatch.setattr(S3Backend, "put_object", put_cancelled_meanwhile)
        async with mock_aws():
            boto3.client("s3", region_name="us-east-1").create_bucket(Bucket=BUCKET)
            session: Any = AioSession()
            async with session.create_client("s3", region_name="us-east-1") as s3:
                put.append(
                    asyncio.ensure_future(
                        s3.put_object(Bucket=BUCKET, Key="large", Body=LARGE)
                    )
                )
                with pytest.raises(asyncio.CancelledError):
                    await put[0]
                # The cancellation waited for Moto: the object landed first.
                assert stored_keys() == ["large"]

    asyncio.run(main())
