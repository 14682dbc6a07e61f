"""aiohttp's in-memory connection to Moto behaves as a socket would.

A response read late is held back (the transport pauses when aiohttp's
buffer is full) and arrives whole; a response abandoned half-read closes the
connection and the next request gets a new one; large uploads, which aiohttp
writes in several pieces at once, arrive whole, their progress counted as
each piece is written; an aborted connection fails only its own response;
and no in-memory connection is kept in aiohttp's pool.
"""

from __future__ import annotations

import asyncio
import io
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest

from tests.escape.conftest import BUCKET, Presigner

pytestmark = pytest.mark.anyio

PAYLOAD = bytes(range(256)) * 8192  # 2 MiB


async def presigned(operation: str, key: str) -> str:
    return await Presigner("boto3", "s3v4").url(operation, key)


@pytest.fixture
async def url(s3: Any) -> str:
    """A presigned GET of a stored object of ``PAYLOAD``."""
    s3.put_object(Bucket=BUCKET, Key="large.bin", Body=PAYLOAD)
    return await presigned("get_object", "large.bin")


async def test_a_response_read_late_is_held_back_and_arrives_whole(url: str) -> None:

    async with aiohttp.ClientSession() as session:
        async with session.get(url) as response:
            for _ in range(200):  # let the transport fill aiohttp's buffer
                await asyncio.sleep(0)
            body = await response.read()

    assert body == PAYLOAD


async def test_a_response_abandoned_half_read_closes_its_connection(url: str) -> None:

    async with aiohttp.ClientSession() as session:
        async with session.get(url) as response:
            first = await response.content.read(1024)
            response.release()
        async with session.get(url) as response:
            again = await response.read()
        connector: Any = session.connector
        pooled = sum(len(conns) for conns in connector._conns.values())

    assert (first, again) == (PAYLOAD[:1024], PAYLOAD)
    assert pooled == 0


async def test_a_large_upload_written_in_pieces_arrives_whole(s3: Any) -> None:
    url = await presigned("put_object", "upload.bin")

    async with aiohttp.ClientSession() as session:
        async with session.put(url, data=io.BytesIO(PAYLOAD)) as response:
            assert response.status == 200

    assert s3.get_object(Bucket=BUCKET, Key="upload.bin")["Body"].read() == PAYLOAD


def transport_of(response: aiohttp.ClientResponse) -> asyncio.Transport:
    assert response.connection is not None
    transport = response.connection.transport
    assert transport is not None
    return transport


async def test_a_response_read_as_soon_as_aiohttp_pauses_it_arrives_whole(
    url: str,
) -> None:

    async with aiohttp.ClientSession() as session:
        async with session.get(url) as response:
            transport = transport_of(response)
            for _ in range(100):  # aiohttp pauses it once its buffer is full
                if not transport.is_reading():
                    break
                await asyncio.sleep(0)
            assert not transport.is_reading()
            body = await response.read()

    assert body == PAYLOAD


async def test_a_connection_aborted_mid_response_fails_the_read_not_the_next(
    url: str,
) -> None:

    async with aiohttp.ClientSession() as session:
        async with session.get(url) as response:
            assert await response.content.read(1024) == PAYLOAD[:1024]
            transport = transport_of(response)
            transport.abort()
            transport.abort()  # as asyncio's own transports, once is enough
            with pytest.raises(aiohttp.ClientPayloadError):
                await response.read()
        async with session.get(url) as response:
            assert await response.read() == PAYLOAD


async def test_upload_progress_counts_each_piece_once_it_is_written(s3: Any) -> None:
    url = await presigned("put_object", "tracked.bin")
    tracker = aiohttp.UploadTracker()
    quarter = len(PAYLOAD) // 4
    progress = []

    async def pieces() -> AsyncIterator[bytes]:
        for start in range(0, len(PAYLOAD), quarter):
            progress.append(tracker.bytes_written)
            yield PAYLOAD[start : start + quarter]

    async with aiohttp.ClientSession() as session:
        async with session.put(url, data=pieces(), upload_tracker=tracker) as response:
            assert response.status == 200

    assert progress == [0, quarter, 2 * quarter, 3 * quarter]
    assert tracker.bytes_written == len(PAYLOAD)
    assert s3.get_object(Bucket=BUCKET, Key="tracked.bin")["Body"].read() == PAYLOAD
