"""In-process requests behave like I/O on every loop and HTTP backend.

On asyncio with aiohttp or httpx, and on trio with httpx, a request lets the
loop run just before Moto does, and between chunks of a streamed body: a
cancellation or a deadline arriving there leaves Moto untouched, and
concurrent requests interleave. With the httpx session a streamed body is the
httpx kind, as against a real endpoint. Cancellations and deadlines are made
to arrive at a chosen step; nothing sleeps and nothing is timed.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from typing import Any

import anyio
import boto3
import pytest
from aiobotocore.config import AioConfig
from aiobotocore.response import HttpxStreamingBody, StreamingBody
from aiobotocore.session import AioSession

from aiomoto import mock_aws
from tests.clock import jumping_clock

pytestmark = pytest.mark.anyio

BUCKET = "io-like"
#: Three socket-sized chunks (the httpx stream hands over 64 KiB at a time).
CHUNK = 64 * 1024


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
            async for _ in body.iter_chunks(CHUNK):
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
            async for chunk in body.iter_chunks(CHUNK):
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
