"""S3 through every door a release could break: both directions, streaming,
checksums, an error and an event stream."""

from __future__ import annotations

import base64
import json
import zlib
from collections.abc import AsyncIterator, Iterator
from typing import TYPE_CHECKING, Any

import pytest

from tests.services.aws_clients import sync_client
from tests.smoke.clients import async_client

if TYPE_CHECKING:
    from mypy_boto3_s3 import S3Client
    from types_aiobotocore_s3 import S3Client as AsyncS3Client

pytestmark = pytest.mark.anyio

BUCKET = "smoke"
#: Every byte value (not UTF-8), 64 KiB and a bit: several chunks of any size.
DATA = bytes(range(256)) * 257


@pytest.fixture
def boto3_s3(aws: None) -> Iterator[S3Client]:
    """A boto3 client and an empty bucket, made before any async client."""
    with sync_client("s3") as client:
        client.create_bucket(Bucket=BUCKET)
        yield client


@pytest.fixture
async def s3(kind: str, boto3_s3: S3Client) -> AsyncIterator[AsyncS3Client]:
    """An async client of each kind, next to ``boto3_s3`` and its bucket."""
    async with async_client(kind, "s3") as client:
        yield client


async def read(body: Any) -> bytes:
    async with body:
        data: bytes = await body.read()
    return data


async def test_an_object_boto3_writes_reads_back_through_an_async_client(
    boto3_s3: S3Client, s3: AsyncS3Client
) -> None:
    boto3_s3.put_object(Bucket=BUCKET, Key="from-boto3", Body=DATA)

    response = await s3.get_object(Bucket=BUCKET, Key="from-boto3")

    assert await read(response["Body"]) == DATA


async def test_an_object_an_async_client_writes_reads_back_through_boto3(
    boto3_s3: S3Client, s3: AsyncS3Client
) -> None:
    await s3.put_object(Bucket=BUCKET, Key="from-async", Body=DATA)

    with boto3_s3.get_object(Bucket=BUCKET, Key="from-async")["Body"] as body:
        assert body.read() == DATA


async def test_a_body_streams_back_in_chunks_of_the_requested_size(
    boto3_s3: S3Client, s3: AsyncS3Client
) -> None:
    boto3_s3.put_object(Bucket=BUCKET, Key="streamed", Body=DATA)

    body = (await s3.get_object(Bucket=BUCKET, Key="streamed"))["Body"]
    async with body:
        chunks = [chunk async for chunk in body.iter_chunks(16384)]

    assert [len(chunk) for chunk in chunks] == [16384] * 4 + [256]
    assert b"".join(chunks) == DATA


async def test_a_checksummed_async_upload_is_stored_and_validated_when_read(
    boto3_s3: S3Client, s3: AsyncS3Client
) -> None:
    crc32 = base64.b64encode(zlib.crc32(DATA).to_bytes(4, "big")).decode()

    await s3.put_object(Bucket=BUCKET, Key="sum", Body=DATA, ChecksumAlgorithm="CRC32")
    from_async = await s3.get_object(Bucket=BUCKET, Key="sum", ChecksumMode="ENABLED")
    from_boto3 = boto3_s3.get_object(Bucket=BUCKET, Key="sum", ChecksumMode="ENABLED")

    assert from_async["ChecksumCRC32"] == from_boto3["ChecksumCRC32"] == crc32
    assert await read(from_async["Body"]) == DATA
    assert from_boto3["Body"].read() == DATA


async def test_a_missing_key_raises_the_same_modeled_error_as_in_boto3(
    boto3_s3: S3Client, s3: AsyncS3Client
) -> None:
    with pytest.raises(boto3_s3.exceptions.NoSuchKey) as from_boto3:
        boto3_s3.get_object(Bucket=BUCKET, Key="absent")
    with pytest.raises(s3.exceptions.NoSuchKey) as from_async:
        await s3.get_object(Bucket=BUCKET, Key="absent")

    assert from_async.value.response["Error"] == from_boto3.value.response["Error"]
    assert from_async.value.response["Error"]["Code"] == "NoSuchKey"
    assert from_async.value.response["ResponseMetadata"]["HTTPStatusCode"] == 404


async def test_a_select_streams_the_same_events_as_boto3_receives(
    boto3_s3: S3Client, s3: AsyncS3Client
) -> None:
    people = b'{"name": "ana", "age": 41}\n{"name": "bo", "age": 25}\n'
    boto3_s3.put_object(Bucket=BUCKET, Key="people.jsonl", Body=people)
    query: dict[str, Any] = {
        "Bucket": BUCKET,
        "Key": "people.jsonl",
        "Expression": "SELECT * FROM S3Object s",
        "ExpressionType": "SQL",
        "InputSerialization": {"JSON": {"Type": "LINES"}},
        "OutputSerialization": {"JSON": {}},
    }
    expected = list(boto3_s3.select_object_content(**query)["Payload"])

    payload = (await s3.select_object_content(**query))["Payload"]
    try:
        events = [event async for event in payload]
    finally:
        payload.close()

    assert events == expected
    records = events[0]["Records"]["Payload"].splitlines()
    assert [json.loads(record)["name"] for record in records] == ["ana", "bo"]
    assert "End" in events[-1]
