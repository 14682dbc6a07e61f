"""S3 objects written by one client flavour are read back by every other."""

from __future__ import annotations

import gzip

import pytest

from tests.services.conftest import across_clients, across_sync_and_async
from tests.services.flavours import ObjectInfo, S3Flavour

pytestmark = pytest.mark.anyio


@pytest.fixture
async def bucket(writer: S3Flavour) -> str:
    await writer.create_bucket("round-trip")
    return "round-trip"


async def test_an_object_written_by_one_flavour_reads_back_in_another(
    writer: S3Flavour, reader: S3Flavour, bucket: str
) -> None:
    await writer.put(bucket, "greeting.txt", b"hello")

    assert await reader.get(bucket, "greeting.txt") == b"hello"


@across_sync_and_async
async def test_content_type_and_user_metadata_are_seen_by_the_other_flavour(
    writer: S3Flavour, reader: S3Flavour, bucket: str
) -> None:
    await writer.put(
        bucket,
        "report.csv",
        b"a,b\n1,2\n",
        ContentType="text/csv",
        Metadata={"owner": "ana", "source-system": "ledger"},
    )

    assert await reader.head(bucket, "report.csv") == ObjectInfo(
        size=8,
        content_type="text/csv",
        metadata={"owner": "ana", "source-system": "ledger"},
    )


@across_clients
async def test_every_byte_value_survives_the_round_trip(
    writer: S3Flavour, reader: S3Flavour, bucket: str
) -> None:
    data = bytes(range(256)) * 64  # not UTF-8, and 16 KiB: several chunks

    await writer.put(bucket, "binary.bin", data)

    assert await reader.get(bucket, "binary.bin") == data


@across_clients
async def test_an_empty_object_reads_back_as_empty_bytes(
    writer: S3Flavour, reader: S3Flavour, bucket: str
) -> None:
    await writer.put(bucket, "empty", b"")

    assert await reader.get(bucket, "empty") == b""
    assert (await reader.head(bucket, "empty")).size == 0


@across_clients
async def test_the_last_of_two_writes_is_the_one_read_back(
    writer: S3Flavour, reader: S3Flavour, bucket: str
) -> None:
    await writer.put(bucket, "draft.txt", b"first version, longer")
    await writer.put(bucket, "draft.txt", b"second")

    assert await reader.get(bucket, "draft.txt") == b"second"
    assert await reader.list_keys(bucket) == ["draft.txt"]


@across_clients
async def test_a_ranged_get_returns_only_the_requested_bytes(
    writer: S3Flavour, reader: S3Flavour, bucket: str
) -> None:
    await writer.put(bucket, "digits", b"0123456789")

    assert await reader.get(bucket, "digits", Range="bytes=2-5") == b"2345"
    assert await reader.get(bucket, "digits", Range="bytes=-3") == b"789"


@across_clients
async def test_a_gzip_encoded_object_reads_back_still_compressed(
    writer: S3Flavour, reader: S3Flavour, bucket: str
) -> None:
    compressed = gzip.compress(b"text that compresses well " * 100)

    await writer.put(bucket, "notes.txt.gz", compressed, ContentEncoding="gzip")

    assert await reader.get(bucket, "notes.txt.gz") == compressed
