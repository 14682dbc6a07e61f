"""One small async interface over every way of talking to S3.

Every flavour has a low-level ``client`` and three primitives over it:
``call`` (any operation), ``read`` (a whole streaming body, closed after) and
``pages`` (a paginator's pages). The sync flavours call boto3 directly (a sync
call inside a coroutine is fine for a test); the async ones await aiobotocore
or aioboto3. The object-level methods are written once over those primitives;
the resource flavours override them with the resource API.

Sessions are shared by all tests: a fresh session loads the S3 model again,
which would cost a tenth of a second per client.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

import boto3
from aiobotocore.session import AioSession

REGION = "us-east-1"


@dataclass(frozen=True)
class ObjectInfo:
    size: int
    content_type: str
    metadata: dict[str, str]


@functools.cache
def _boto3_session() -> boto3.Session:
    return boto3.Session(region_name=REGION)


@functools.cache
def aiobotocore_session() -> AioSession:
    return AioSession()


@functools.cache
def _aioboto3_session() -> Any:
    import aioboto3

    return aioboto3.Session(region_name=REGION)


class S3Flavour:
    """The interface, written over a low-level client's three primitives."""

    name = "abstract"
    is_async = False
    client: Any

    async def open(self) -> None:
        raise NotImplementedError

    async def close(self) -> None:
        raise NotImplementedError

    async def call(self, operation: str, **params: Any) -> dict[str, Any]:
        """``client.<operation>(**params)``, awaited when the client is async."""
        raise NotImplementedError

    async def read(self, body: Any) -> bytes:
        """The whole of a streaming ``Body``, which is closed afterwards."""
        raise NotImplementedError

    async def pages(self, operation: str, **params: Any) -> list[dict[str, Any]]:
        """Every page of the operation's paginator."""
        raise NotImplementedError

    async def create_bucket(self, bucket: str) -> None:
        await self.call("create_bucket", Bucket=bucket)

    async def put(self, bucket: str, key: str, body: bytes, **params: Any) -> None:
        await self.call("put_object", Bucket=bucket, Key=key, Body=body, **params)

    async def get(self, bucket: str, key: str, **params: Any) -> bytes:
        response = await self.call("get_object", Bucket=bucket, Key=key, **params)
        return await self.read(response["Body"])

    async def head(self, bucket: str, key: str) -> ObjectInfo:
        head = await self.call("head_object", Bucket=bucket, Key=key)
        return ObjectInfo(head["ContentLength"], head["ContentType"], head["Metadata"])

    async def list_keys(self, bucket: str, prefix: str = "") -> list[str]:
        pages = await self.pages("list_objects_v2", Bucket=bucket, Prefix=prefix)
        return [entry["Key"] for page in pages for entry in page.get("Contents", [])]

    async def delete(self, bucket: str, key: str) -> None:
        await self.call("delete_object", Bucket=bucket, Key=key)

    async def bucket_names(self) -> set[str]:
        return {b["Name"] for b in (await self.call("list_buckets"))["Buckets"]}

    async def delete_bucket(self, bucket: str) -> None:
        await self.call("delete_bucket", Bucket=bucket)

    def __repr__(self) -> str:
        return self.name


class Boto3S3Client(S3Flavour):
    name = "boto3-client"

    async def open(self) -> None:
        self.client = _boto3_session().client("s3")

    async def close(self) -> None:
        self.client.close()

    async def call(self, operation: str, **params: Any) -> dict[str, Any]:
        response: dict[str, Any] = getattr(self.client, operation)(**params)
        return response

    async def read(self, body: Any) -> bytes:
        with body:
            data: bytes = body.read()
        return data

    async def pages(self, operation: str, **params: Any) -> list[dict[str, Any]]:
        return list(self.client.get_paginator(operation).paginate(**params))


class Boto3S3Resource(Boto3S3Client):
    name = "boto3-resource"

    async def open(self) -> None:
        self.resource = _boto3_session().resource("s3")
        self.client = self.resource.meta.client

    async def create_bucket(self, bucket: str) -> None:
        self.resource.Bucket(bucket).create()

    async def put(self, bucket: str, key: str, body: bytes, **params: Any) -> None:
        self.resource.Object(bucket, key).put(Body=body, **params)

    async def get(self, bucket: str, key: str, **params: Any) -> bytes:
        return await self.read(self.resource.Object(bucket, key).get(**params)["Body"])

    async def head(self, bucket: str, key: str) -> ObjectInfo:
        obj = self.resource.Object(bucket, key)
        return ObjectInfo(obj.content_length, obj.content_type, obj.metadata)

    async def list_keys(self, bucket: str, prefix: str = "") -> list[str]:
        objects = self.resource.Bucket(bucket).objects.filter(Prefix=prefix)
        return [summary.key for summary in objects]

    async def delete(self, bucket: str, key: str) -> None:
        self.resource.Object(bucket, key).delete()

    async def bucket_names(self) -> set[str]:
        return {b.name for b in self.resource.buckets.all()}

    async def delete_bucket(self, bucket: str) -> None:
        self.resource.Bucket(bucket).delete()


class _AsyncFlavour(S3Flavour):
    """The async primitives, shared by every aiobotocore-based flavour."""

    is_async = True
    _context: Any

    async def close(self) -> None:
        await self._context.__aexit__(None, None, None)

    async def call(self, operation: str, **params: Any) -> dict[str, Any]:
        response: dict[str, Any] = await getattr(self.client, operation)(**params)
        return response

    async def read(self, body: Any) -> bytes:
        # Not ``async with body as x``: on aiobotocore 2.x, x is the raw response.
        async with body:
            data: bytes = await body.read()
        return data

    async def pages(self, operation: str, **params: Any) -> list[dict[str, Any]]:
        paginator = self.client.get_paginator(operation)
        return [page async for page in paginator.paginate(**params)]


class _AsyncClientFlavour(_AsyncFlavour):
    async def open(self) -> None:
        self.client = await self._context.__aenter__()


class AiobotocoreS3(_AsyncClientFlavour):
    name = "aiobotocore-client"

    def __init__(self) -> None:
        self._context = aiobotocore_session().create_client("s3", region_name=REGION)


class Aioboto3S3Client(_AsyncClientFlavour):
    name = "aioboto3-client"

    def __init__(self) -> None:
        self._context = _aioboto3_session().client("s3")


class Aioboto3S3Resource(_AsyncFlavour):
    name = "aioboto3-resource"

    def __init__(self) -> None:
        self._context = _aioboto3_session().resource("s3")

    async def open(self) -> None:
        self.resource = await self._context.__aenter__()
        self.client = self.resource.meta.client

    async def create_bucket(self, bucket: str) -> None:
        await (await self.resource.Bucket(bucket)).create()

    async def put(self, bucket: str, key: str, body: bytes, **params: Any) -> None:
        obj = await self.resource.Object(bucket, key)
        await obj.put(Body=body, **params)

    async def get(self, bucket: str, key: str, **params: Any) -> bytes:
        obj = await self.resource.Object(bucket, key)
        return await self.read((await obj.get(**params))["Body"])

    async def head(self, bucket: str, key: str) -> ObjectInfo:
        obj = await self.resource.Object(bucket, key)
        await obj.load()
        return ObjectInfo(
            await obj.content_length, await obj.content_type, await obj.metadata
        )

    async def list_keys(self, bucket: str, prefix: str = "") -> list[str]:
        objects = (await self.resource.Bucket(bucket)).objects.filter(Prefix=prefix)
        return [summary.key async for summary in objects]

    async def delete(self, bucket: str, key: str) -> None:
        await (await self.resource.Object(bucket, key)).delete()

    async def bucket_names(self) -> set[str]:
        return {b.name async for b in self.resource.buckets.all()}

    async def delete_bucket(self, bucket: str) -> None:
        await (await self.resource.Bucket(bucket)).delete()


_FLAVOURS: dict[str, type[S3Flavour]] = {
    cls.name: cls
    for cls in (
        Boto3S3Client,
        Boto3S3Resource,
        AiobotocoreS3,
        Aioboto3S3Client,
        Aioboto3S3Resource,
    )
}


def make_flavour(name: str) -> S3Flavour:
    return _FLAVOURS[name]()
