"""Response checksums: stored at put, returned and validated on get.

A checksum that does not match the stored bytes must fail the read, in the
async clients as in boto3; that is what shows the validation really runs.
"""

from __future__ import annotations

import base64
import hashlib
import zlib

import pytest
from botocore.exceptions import FlexibleChecksumError

from tests.services.conftest import across_clients
from tests.services.flavours import S3Flavour

pytestmark = pytest.mark.anyio

BUCKET = "checksums"
DATA = b"checksummed line\n" * 300  # 5,100 bytes: several chunks of 1,024
ALGORITHMS = ["SHA256", "CRC32"]


def checksum(algorithm: str, data: bytes) -> str:
    """The base64 checksum S3 reports in ``x-amz-checksum-<algorithm>``."""
    if algorithm == "SHA256":
        digest = hashlib.sha256(data).digest()
    else:
        digest = zlib.crc32(data).to_bytes(4, "big")
    return base64.b64encode(digest).decode()


def stored_with_wrong_checksum(algorithm: str) -> dict[str, str]:
    """Put arguments that store ``DATA`` with the checksum of other bytes."""
    return {
        "ChecksumAlgorithm": algorithm,
        f"Checksum{algorithm}": checksum(algorithm, b"other bytes"),
    }


@across_clients
@pytest.mark.parametrize("algorithm", ALGORITHMS)
async def test_a_checksum_stored_at_put_is_returned_and_the_read_validates(
    writer: S3Flavour, reader: S3Flavour, algorithm: str
) -> None:
    await writer.create_bucket(BUCKET)
    await writer.put(BUCKET, "object", DATA, ChecksumAlgorithm=algorithm)

    response = await reader.call(
        "get_object", Bucket=BUCKET, Key="object", ChecksumMode="ENABLED"
    )

    assert response[f"Checksum{algorithm}"] == checksum(algorithm, DATA)
    assert await reader.read(response["Body"]) == DATA


@across_clients
@pytest.mark.parametrize("algorithm", ALGORITHMS)
async def test_a_body_that_does_not_match_its_checksum_fails_the_read(
    writer: S3Flavour, reader: S3Flavour, algorithm: str
) -> None:
    await writer.create_bucket(BUCKET)
    await writer.put(BUCKET, "object", DATA, **stored_with_wrong_checksum(algorithm))

    response = await reader.call(
        "get_object", Bucket=BUCKET, Key="object", ChecksumMode="ENABLED"
    )

    with pytest.raises(FlexibleChecksumError, match="did not match"):
        await reader.read(response["Body"])


async def test_a_checksum_validated_body_still_streams_in_chunks(
    async_s3: S3Flavour,
) -> None:
    await async_s3.create_bucket(BUCKET)
    await async_s3.put(BUCKET, "object", DATA, ChecksumAlgorithm="SHA256")
    response = await async_s3.call(
        "get_object", Bucket=BUCKET, Key="object", ChecksumMode="ENABLED"
    )

    body = response["Body"]
    async with body:
        chunks = [chunk async for chunk in body.iter_chunks(1024)]

    assert len(chunks) == 5
    assert b"".join(chunks) == DATA


async def test_a_streamed_read_hands_over_every_byte_before_a_bad_checksum_fails(
    boto3_s3: S3Flavour, async_s3: S3Flavour
) -> None:
    await boto3_s3.create_bucket(BUCKET)
    await boto3_s3.put(BUCKET, "object", DATA, **stored_with_wrong_checksum("CRC32"))
    response = await async_s3.call(
        "get_object", Bucket=BUCKET, Key="object", ChecksumMode="ENABLED"
    )

    body = response["Body"]
    received = bytearray()

    async def stream_to_the_end() -> None:
        async for chunk in body.iter_chunks(1024):
            received.extend(chunk)

    async with body:
        with pytest.raises(FlexibleChecksumError):
            await stream_to_the_end()

    assert received == DATA
