"""Multipart uploads across clients, and request bodies that are async.

Every part but the last must be at least 5 MiB, in S3 and in Moto alike.
"""

from __future__ import annotations

import io
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiofiles
import pytest
from aiobotocore.config import AioConfig
from boto3.s3.transfer import TransferConfig

from tests.services.conftest import across_clients, only
from tests.services.flavours import REGION, S3Flavour, aiobotocore_session

pytestmark = pytest.mark.anyio

BUCKET = "uploads"
MiB = 1024 * 1024
FIRST_PART = b"5 MiB of this " * (5 * MiB // 14 + 1)
LAST_PART = b"and a short last part"


async def start_upload(s3: S3Flavour, key: str) -> str:
    upload = await s3.call("create_multipart_upload", Bucket=BUCKET, Key=key)
    upload_id: str = upload["UploadId"]
    return upload_id


async def upload_part(
    s3: S3Flavour, key: str, upload_id: str, number: int, data: bytes
) -> dict[str, Any]:
    response = await s3.call(
        "upload_part",
        Bucket=BUCKET,
        Key=key,
        UploadId=upload_id,
        PartNumber=number,
        Body=data,
    )
    return {"PartNumber": number, "ETag": response["ETag"]}


@across_clients
async def test_a_multipart_upload_reads_back_as_its_parts_joined(
    writer: S3Flavour, reader: S3Flavour
) -> None:
    await writer.create_bucket(BUCKET)
    upload_id = await start_upload(writer, "joined")
    parts = [
        await upload_part(writer, "joined", upload_id, 1, FIRST_PART),
        await upload_part(writer, "joined", upload_id, 2, LAST_PART),
    ]

    await writer.call(
        "complete_multipart_upload",
        Bucket=BUCKET,
        Key="joined",
        UploadId=upload_id,
        MultipartUpload={"Parts": parts},
    )

    assert await reader.get(BUCKET, "joined") == FIRST_PART + LAST_PART
    head = await reader.call("head_object", Bucket=BUCKET, Key="joined")
    assert head["ETag"].endswith('-2"')


@across_clients
async def test_an_aborted_upload_leaves_neither_an_object_nor_an_upload(
    writer: S3Flavour, reader: S3Flavour
) -> None:
    await writer.create_bucket(BUCKET)
    upload_id = await start_upload(writer, "abandoned")
    await upload_part(writer, "abandoned", upload_id, 1, LAST_PART)
    listed = await reader.call("list_multipart_uploads", Bucket=BUCKET)
    assert [upload["UploadId"] for upload in listed["Uploads"]] == [upload_id]

    await reader.call(
        "abort_multipart_upload", Bucket=BUCKET, Key="abandoned", UploadId=upload_id
    )

    assert "Uploads" not in await writer.call("list_multipart_uploads", Bucket=BUCKET)
    assert await writer.list_keys(BUCKET) == []


async def test_an_async_file_is_read_as_the_body_of_a_put(
    boto3_s3: S3Flavour, tmp_path: Path
) -> None:
    data = bytes(range(256)) * 1000
    path = tmp_path / "upload.bin"
    path.write_bytes(data)
    await boto3_s3.create_bucket(BUCKET)
    # aiobotocore (against AWS as here) cannot size, checksum or sign an async
    # file: it would call the file's sync seek, tell and read. So the caller
    # gives the length and turns off the body checksum and payload signing.
    config = AioConfig(
        request_checksum_calculation="when_required",
        s3={"payload_signing_enabled": False},
    )
    session = aiobotocore_session()
    async with (
        session.create_client("s3", region_name=REGION, config=config) as client,
        aiofiles.open(path, "rb") as file,
    ):
        body: Any = file  # the stubs know only sync bodies
        await client.put_object(
            Bucket=BUCKET, Key="from-file", Body=body, ContentLength=len(data)
        )

    assert await boto3_s3.get(BUCKET, "from-file") == data


class Pipe:
    """A body that can only be read: neither its length nor a position is known."""

    def __init__(self, data: bytes) -> None:
        self._stream = io.BytesIO(data)

    def read(self, size: int = -1) -> bytes:
        return self._stream.read(size)


@only("async_s3", "aiobotocore-client")  # the adapter is shared by all of them
async def test_a_body_of_unknown_length_is_sent_in_frames_and_stored_whole(
    async_s3: S3Flavour, boto3_s3: S3Flavour
) -> None:
    data = bytes(range(256)) * (3 * MiB // 256) + b"tail"  # several 1 MiB frames
    await boto3_s3.create_bucket(BUCKET)
    body: Any = Pipe(data)  # the stubs know only sized bodies

    await async_s3.call("put_object", Bucket=BUCKET, Key="piped", Body=body)

    assert await boto3_s3.get(BUCKET, "piped") == data


@only("async_s3", "aioboto3-client")
async def test_aioboto3_uploads_and_downloads_a_file_object_in_parallel_parts(
    async_s3: S3Flavour, boto3_s3: S3Flavour
) -> None:
    data = FIRST_PART * 2 + LAST_PART  # three parts of at most 5 MiB
    five_mib = TransferConfig(multipart_threshold=5 * MiB, multipart_chunksize=5 * MiB)
    await async_s3.create_bucket(BUCKET)

    await async_s3.client.upload_fileobj(
        io.BytesIO(data), BUCKET, "transferred", Config=five_mib
    )
    downloaded = io.BytesIO()
    await async_s3.client.download_fileobj(
        BUCKET, "transferred", downloaded, Config=five_mib
    )

    assert downloaded.getvalue() == data
    head = await boto3_s3.call("head_object", Bucket=BUCKET, Key="transferred")
    assert head["ContentLength"] == len(data)
    assert head["ETag"].endswith('-3"')


async def test_an_async_iterable_body_is_read_chunk_by_chunk_for_moto(
    boto3_s3: S3Flavour,
) -> None:
    async def chunks() -> AsyncIterator[bytes | bytearray | memoryview | str]:
        for chunk in (b"one ", b"", "two ", bytearray(b"three "), memoryview(b"four")):
            yield chunk

    await boto3_s3.create_bucket(BUCKET)
    # botocore's own validation accepts only bodies with read(); an async
    # iterable is what aiohttp itself sends, so a caller that turns the
    # validation off may pass one (and then signs no payload, as above).
    config = AioConfig(
        parameter_validation=False,
        request_checksum_calculation="when_required",
        s3={"payload_signing_enabled": False},
    )
    session = aiobotocore_session()
    async with session.create_client("s3", region_name=REGION, config=config) as client:
        body: Any = chunks()  # the stubs know only sync bodies
        await client.put_object(Bucket=BUCKET, Key="iterated", Body=body)

    assert await boto3_s3.get(BUCKET, "iterated") == b"one two three four"
