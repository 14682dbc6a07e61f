"""Keys and listings: odd keys, prefixes, delimiters, URL encoding, paging."""

from __future__ import annotations

from urllib.parse import unquote_plus

import pytest

from tests.services.conftest import across_clients, across_sync_and_async, only
from tests.services.flavours import S3Flavour

pytestmark = pytest.mark.anyio

BUCKET = "listings"

#: Keys that break naive URL handling: spaces, non-ASCII, and characters with
#: a meaning in URLs or in form encoding.
ODD_KEYS = sorted(
    [
        "odd/with space.txt",
        "odd/ünïcødé/日本.txt",
        "odd/a+b",
        "odd/100%",
        "odd/%2F-looks-encoded",
        "odd/what?.txt",
        "odd/this&that",
        "odd/semi;colon=equals#hash",
        "odd/trailing space ",
    ]
)


@pytest.fixture
async def bucket(writer: S3Flavour) -> str:
    await writer.create_bucket(BUCKET)
    return BUCKET


@across_clients
async def test_objects_under_odd_keys_read_back_by_those_keys(
    writer: S3Flavour, reader: S3Flavour, bucket: str
) -> None:
    for key in ODD_KEYS:
        await writer.put(bucket, key, key.encode())

    assert [await reader.get(bucket, key) for key in ODD_KEYS] == [
        key.encode() for key in ODD_KEYS
    ]


@across_sync_and_async
async def test_a_prefix_listing_returns_only_the_keys_under_the_prefix(
    writer: S3Flavour, reader: S3Flavour, bucket: str
) -> None:
    for key in ("logs/2024/a", "logs/2025/b", "logs-old/c", "data/d"):
        await writer.put(bucket, key, b"x")

    assert await reader.list_keys(bucket, prefix="logs/") == [
        "logs/2024/a",
        "logs/2025/b",
    ]


@across_clients
async def test_a_delimiter_groups_deeper_keys_into_common_prefixes(
    writer: S3Flavour, reader: S3Flavour, bucket: str
) -> None:
    for key in ("photos/2024/a.jpg", "photos/2025/b.jpg", "photos/c.jpg", "readme"):
        await writer.put(bucket, key, b"x")

    page = await reader.call(
        "list_objects_v2", Bucket=bucket, Prefix="photos/", Delimiter="/"
    )

    assert [entry["Key"] for entry in page["Contents"]] == ["photos/c.jpg"]
    assert [entry["Prefix"] for entry in page["CommonPrefixes"]] == [
        "photos/2024/",
        "photos/2025/",
    ]


@across_clients
@pytest.mark.parametrize("operation", ["list_objects", "list_objects_v2"])
async def test_odd_keys_come_back_intact_from_a_listing(
    writer: S3Flavour, reader: S3Flavour, bucket: str, operation: str
) -> None:
    for key in ODD_KEYS:
        await writer.put(bucket, key, b"x")

    page = await reader.call(operation, Bucket=bucket, Prefix="odd/")

    assert [entry["Key"] for entry in page["Contents"]] == ODD_KEYS


@across_clients
async def test_odd_keys_listed_url_encoded_decode_to_the_keys_written(
    writer: S3Flavour, reader: S3Flavour, bucket: str
) -> None:
    for key in ODD_KEYS:
        await writer.put(bucket, key, b"x")

    # Asked for explicitly, the encoding is left for the caller to undo.
    page = await reader.call(
        "list_objects_v2", Bucket=bucket, Prefix="odd/", EncodingType="url"
    )

    listed = [entry["Key"] for entry in page["Contents"]]
    assert "odd/with space.txt" not in listed
    assert [unquote_plus(key) for key in listed] == ODD_KEYS


@across_clients
async def test_a_paginator_walks_every_page_of_a_small_page_size(
    writer: S3Flavour, reader: S3Flavour, bucket: str
) -> None:
    keys = [f"key-{number}" for number in range(7)]
    for key in keys:
        await writer.put(bucket, key, b"x")

    pages = await reader.pages(
        "list_objects_v2", Bucket=bucket, PaginationConfig={"PageSize": 3}
    )

    assert [page["KeyCount"] for page in pages] == [3, 3, 1]
    assert [entry["Key"] for page in pages for entry in page["Contents"]] == keys


@only("async_s3", "aiobotocore-client")  # 1001 writes: once per environment
async def test_an_async_paginator_crosses_the_1000_key_page_limit(
    boto3_s3: S3Flavour, async_s3: S3Flavour
) -> None:
    keys = [f"key-{number:04}" for number in range(1001)]
    await boto3_s3.create_bucket(BUCKET)
    for key in keys:
        await boto3_s3.put(BUCKET, key, b"")

    pages = await async_s3.pages("list_objects_v2", Bucket=BUCKET)

    assert [page["KeyCount"] for page in pages] == [1000, 1]
    assert [entry["Key"] for page in pages for entry in page["Contents"]] == keys
