"""aiobotocore's streaming body over an in-process response, all of its API.

The raw response under the body stands in for ``aiohttp.ClientResponse``;
aiobotocore's ``AioStreamingBody`` (newer 3.x releases) keeps it in
``body.raw_stream``, while the older ``StreamingBody`` (2.x and early 3.x) is a
proxy of it, so its attributes (``content_length``, ``closed``) are the body's own.
"""

from __future__ import annotations

import asyncio
from typing import Any

import aiobotocore.response
import pytest

from tests.services.conftest import only
from tests.services.flavours import S3Flavour

pytestmark = pytest.mark.anyio

BUCKET = "streaming"
DATA = (bytes(range(256)) * 40)[:10_000]  # every byte value: not UTF-8
PROXY_BODY = not hasattr(aiobotocore.response, "AioStreamingBody")


def raw_response(body: Any) -> Any:
    """The in-memory response under ``body``, as aiobotocore exposes it."""
    return body if PROXY_BODY else body.raw_stream


@pytest.fixture
async def s3(async_s3: S3Flavour) -> S3Flavour:
    await async_s3.create_bucket(BUCKET)
    return async_s3


async def get_body(s3: S3Flavour, data: bytes = DATA, **params: Any) -> Any:
    """Store ``data`` and open a ``get_object`` body on it."""
    await s3.put(BUCKET, "object", data)
    response = await s3.call("get_object", Bucket=BUCKET, Key="object", **params)
    return response["Body"]


async def test_read_returns_the_whole_body_and_then_nothing(s3: S3Flavour) -> None:
    body = await get_body(s3)

    async with body:
        assert await body.read() == DATA
        assert await body.read() == b""


async def test_read_n_in_a_loop_returns_pieces_of_at_most_n_bytes(
    s3: S3Flavour,
) -> None:
    body = await get_body(s3)
    pieces = []

    async with body:
        while piece := await body.read(4096):
            pieces.append(piece)
        assert body.tell() == len(DATA)

    assert [len(piece) for piece in pieces] == [4096, 4096, 1808]
    assert b"".join(pieces) == DATA


async def test_iter_chunks_yields_chunks_of_the_requested_size(s3: S3Flavour) -> None:
    body = await get_body(s3)

    async with body:
        chunks = [chunk async for chunk in body.iter_chunks(3000)]

    assert [len(chunk) for chunk in chunks] == [3000, 3000, 3000, 1000]
    assert b"".join(chunks) == DATA


async def test_async_iteration_yields_the_body_in_one_kib_chunks(
    s3: S3Flavour,
) -> None:
    body = await get_body(s3)

    async with body:
        chunks = [chunk async for chunk in body]

    assert [len(chunk) for chunk in chunks] == [1024] * 9 + [784]
    assert b"".join(chunks) == DATA


async def test_iter_lines_splits_lines_across_chunk_boundaries(s3: S3Flavour) -> None:
    body = await get_body(s3, b"alpha\nbeta\r\ngamma\n\ndelta")

    async with body:
        lines = [line async for line in body.iter_lines(chunk_size=4)]

    assert lines == [b"alpha", b"beta", b"gamma", b"", b"delta"]


async def test_readinto_fills_a_buffer_until_it_returns_zero(s3: S3Flavour) -> None:
    body = await get_body(s3)
    buffer = bytearray(4096)
    received = bytearray()

    async with body:
        while count := await body.readinto(buffer):
            received += buffer[:count]

    assert received == DATA


async def test_readlines_returns_every_line_without_its_line_break(
    s3: S3Flavour,
) -> None:
    body = await get_body(s3, b"one\ntwo\nthree")

    async with body:
        assert await body.readlines() == [b"one", b"two", b"three"]


async def test_the_raw_response_reports_the_content_length(s3: S3Flavour) -> None:
    body = await get_body(s3)

    async with body:
        assert raw_response(body).content_length == len(DATA)
        await body.read()


async def test_the_body_is_readable_until_it_is_read_to_the_end(s3: S3Flavour) -> None:
    body = await get_body(s3)

    async with body:
        assert body.readable()
        assert await body.read(10) == DATA[:10]
        assert body.readable()
        assert await body.read() == DATA[10:]
        assert not body.readable()


async def test_leaving_async_with_closes_a_body_read_only_in_part(
    s3: S3Flavour,
) -> None:
    body = await get_body(s3)

    async with body:
        assert await body.read(10) == DATA[:10]
        assert not raw_response(body).closed

    assert raw_response(body).closed


async def test_an_empty_body_reads_as_empty_bytes_and_yields_no_chunks(
    s3: S3Flavour,
) -> None:
    body = await get_body(s3, b"")

    async with body:
        assert raw_response(body).content_length == 0
        assert [chunk async for chunk in body.iter_chunks()] == []
        assert await body.read() == b""


async def test_a_ranged_get_answers_206_with_the_content_range(s3: S3Flavour) -> None:
    await s3.put(BUCKET, "object", DATA)

    response = await s3.call(
        "get_object", Bucket=BUCKET, Key="object", Range="bytes=2-5"
    )

    assert response["ResponseMetadata"]["HTTPStatusCode"] == 206
    assert response["ContentRange"] == f"bytes 2-5/{len(DATA)}"
    assert response["ContentLength"] == 4
    body = response["Body"]
    async with body:
        assert raw_response(body).content_length == 4
        assert await body.read() == DATA[2:6]


@only("async_s3", "aiobotocore-client")  # the adapter is shared by all of them
async def test_200_concurrent_gets_each_receive_their_own_bytes(
    s3: S3Flavour,
) -> None:
    records = [f"record {number:04}\n".encode() for number in range(200)]
    await s3.put(BUCKET, "records", b"".join(records))
    width = len(records[0])

    async def get_record(number: int) -> bytes:
        start = number * width
        return await s3.get(BUCKET, "records", Range=f"bytes={start}-{start + 9}")

    received = await asyncio.gather(*(get_record(n) for n in range(200)))

    assert received == [record[:10] for record in records]


async def test_a_select_streams_the_same_events_as_boto3_receives(
    boto3_s3: S3Flavour, s3: S3Flavour
) -> None:
    await s3.put(BUCKET, "people.csv", b"name,age\nana,41\nbo,25\n")
    query = {
        "Bucket": BUCKET,
        "Key": "people.csv",
        "Expression": "SELECT * FROM S3Object",
        "ExpressionType": "SQL",
        "InputSerialization": {"CSV": {"FileHeaderInfo": "USE"}},
        "OutputSerialization": {"CSV": {}},
    }
    expected = list((await boto3_s3.call("select_object_content", **query))["Payload"])

    payload = (await s3.call("select_object_content", **query))["Payload"]
    try:
        events = [event async for event in payload]
    finally:
        payload.close()

    assert events == expected
    assert events[0]["Records"]["Payload"].split() == [b"ana,41", b"bo,25"]
    assert "End" in events[-1]
