"""Bucket and object CRUD, copies, batch deletes, heads and tags, across flavours."""

from __future__ import annotations

import hashlib

import pytest

from tests.services.conftest import across_clients, across_sync_and_async
from tests.services.flavours import S3Flavour

pytestmark = pytest.mark.anyio

BUCKET = "objects"


@across_sync_and_async
async def test_what_one_flavour_creates_another_lists_and_deletes(
    writer: S3Flavour, reader: S3Flavour
) -> None:
    await writer.create_bucket(BUCKET)
    await writer.put(BUCKET, "a.txt", b"a")
    await writer.put(BUCKET, "b.txt", b"b")

    assert BUCKET in await reader.bucket_names()
    assert await reader.list_keys(BUCKET) == ["a.txt", "b.txt"]

    await reader.delete(BUCKET, "a.txt")
    assert await writer.list_keys(BUCKET) == ["b.txt"]

    await reader.delete(BUCKET, "b.txt")
    await reader.delete_bucket(BUCKET)
    assert BUCKET not in await writer.bucket_names()


@across_clients
async def test_a_copy_has_the_body_and_metadata_of_its_source(
    writer: S3Flavour, reader: S3Flavour
) -> None:
    await writer.create_bucket(BUCKET)
    await writer.put(BUCKET, "original", b"payload", Metadata={"colour": "teal"})

    await reader.call(
        "copy_object",
        Bucket=BUCKET,
        Key="copy",
        CopySource={"Bucket": BUCKET, "Key": "original"},
    )

    assert await writer.get(BUCKET, "copy") == b"payload"
    assert (await writer.head(BUCKET, "copy")).metadata == {"colour": "teal"}


@across_clients
async def test_a_batch_delete_removes_exactly_the_keys_it_names(
    writer: S3Flavour, reader: S3Flavour
) -> None:
    await writer.create_bucket(BUCKET)
    for key in ("keep", "drop-1", "drop-2"):
        await writer.put(BUCKET, key, b"x")

    response = await reader.call(
        "delete_objects",
        Bucket=BUCKET,
        Delete={"Objects": [{"Key": "drop-1"}, {"Key": "drop-2"}]},
    )

    assert sorted(entry["Key"] for entry in response["Deleted"]) == [
        "drop-1",
        "drop-2",
    ]
    assert "Errors" not in response
    assert await writer.list_keys(BUCKET) == ["keep"]


@across_clients
async def test_a_head_reports_the_etag_and_length_of_what_was_written(
    writer: S3Flavour, reader: S3Flavour
) -> None:
    body = b"some bytes worth hashing"
    await writer.create_bucket(BUCKET)
    await writer.put(BUCKET, "hashed", body)

    head = await reader.call("head_object", Bucket=BUCKET, Key="hashed")

    assert head["ETag"] == f'"{hashlib.md5(body).hexdigest()}"'
    assert head["ContentLength"] == len(body)
    assert head["ResponseMetadata"]["HTTPStatusCode"] == 200


@across_clients
async def test_tags_put_by_one_client_are_read_by_another(
    writer: S3Flavour, reader: S3Flavour
) -> None:
    tags = [{"Key": "team", "Value": "data"}, {"Key": "tier", "Value": "gold"}]
    await writer.create_bucket(BUCKET)
    await writer.put(BUCKET, "tagged", b"x")

    await writer.call(
        "put_object_tagging", Bucket=BUCKET, Key="tagged", Tagging={"TagSet": tags}
    )
    response = await reader.call("get_object_tagging", Bucket=BUCKET, Key="tagged")

    assert sorted(response["TagSet"], key=lambda tag: tag["Key"]) == tags
