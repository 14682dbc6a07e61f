"""aiohttp's in-memory connection to Moto behaves as a socket would.

A response read late is held back (the transport pauses when aiohttp's
buffer is full) and arrives whole; a response abandoned half-read closes the
connection and the next request gets a new one; large uploads, which aiohttp
writes in several pieces at once, arrive whole; and no in-memory connection
is kept in aiohttp's pool.
"""

from __future__ import annotations

import asyncio
import io
from typing import Any

import aiohttp
import pytest

from tests.escape.conftest import BUCKET, Presigner

pytestmark = pytest.mark.anyio

PAYLOAD = bytes(range(256)) * 8192  # 2 MiB


async def presigned(operation: str, key: str) -> str:
    return await Presigner("boto3", "s3v4").url(operation, key)


async def test_a_response_read_late_is_held_back_and_arrives_whole(s3: Any) -> None:
    s3.put_object(Bucket=BUCKET, Key="large.bin", Body=PAYLOAD)
    url = await presigned("get_object", "large.bin")

    async with aiohttp.ClientSession() as session:
        async with session.get(url) as response:
            for _ in range(200):  # let the transport fill aiohttp's buffer
                await asyncio.sleep(0)
            body = await response.read()

    assert body == PAYLOAD


async def test_a_response_abandoned_half_read_closes_its_connection(s3: Any) -> None:
    s3.put_object(Bucket=BUCKET, Key="large.bin", Body=PAYLOAD)
    url = await presigned("get_object", "large.bin")

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
