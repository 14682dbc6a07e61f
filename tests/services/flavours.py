"""One small async interface over every way of talking to S3.

The sync flavours call boto3 directly (a sync call inside a coroutine is fine
for a test); the async ones await aiobotocore or aioboto3. ``client`` is the
underlying low-level client, for tests that need more than the interface.
"""

from __future__ import annotations

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


class S3Flavour:
    """The interface; subclasses implement it for one client flavour."""

    name = "abstract"
    is_async = False
    client: Any

    async def open(self) -> None:
        return None

    async def close(self) -> None:
        return None

    async def create_bucket(self, bucket: str) -> None:
        raise NotImplementedError

    async def put(
        self,
        bucket: str,
        key: str,
        body: bytes,
        *,
        content_type: str | None = None,
        metadata: dict[str, str] | None = None,
    ) -> None:
        raise NotImplementedError

    async def get(self, bucket: str, key: str) -> bytes:
        raise NotImplementedError

    async def head(self, bucket: str, key: str) -> ObjectInfo:
        raise NotImplementedError

    async def list_keys(self, bucket: str, prefix: str = "") -> list[str]:
        raise NotImplementedError

    async def delete(self, bucket: str, key: str) -> None:
        raise NotImplementedError

    async def bucket_names(self) -> set[str]:
        raise NotImplementedError

    async def delete_bucket(self, bucket: str) -> None:
        raise NotImplementedError

    def __repr__(self) -> str:
        return self.name


def _put_args(
    content_type: str | None, metadata: dict[str, str] | None
) -> dict[str, Any]:
    args: dict[str, Any] = {}
    if content_type is not None:
        args["ContentType"] = content_type
    if metadata is not None:
        args["Metadata"] = metadata
    return args


def _info(head: dict[str, Any]) -> ObjectInfo:
    return ObjectInfo(
        size=head["ContentLength"],
        content_type=head["ContentType"],
        metadata=head["Metadata"],
    )


class Boto3S3Client(S3Flavour):
    name = "boto3-client"

    async def open(self) -> None:
        self.client = boto3.client("s3", region_name=REGION)

    async def close(self) -> None:
        self.client.close()

    async def create_bucket(self, bucket: str) -> None:
        self.client.create_bucket(Bucket=bucket)

    async def put(
        self,
        bucket: str,
        key: str,
        body: bytes,
        *,
        content_type: str | None = None,
        metadata: dict[str, str] | None = None,
    ) -> None:
        self.client.put_object(
            Bucket=bucket, Key=key, Body=body, **_put_args(content_type, metadata)
        )

    async def get(self, bucket: str, key: str) -> bytes:
        data: bytes = self.client.get_object(Bucket=bucket, Key=key)["Body"].read()
        return data

    async def head(self, bucket: str, key: str) -> ObjectInfo:
        return _info(self.client.head_object(Bucket=bucket, Key=key))

    async def list_keys(self, bucket: str, prefix: str = "") -> list[str]:
        paginator = self.client.get_paginator("list_objects_v2")
        return [
            entry["Key"]
            for page in paginator.paginate(Bucket=bucket, Prefix=prefix)
            for entry in page.get("Contents", [])
        ]

    async def delete(self, bucket: str, key: str) -> None:
        self.client.delete_object(Bucket=bucket, Key=key)

    async def bucket_names(self) -> set[str]:
        return {b["Name"] for b in self.client.list_buckets()["Buckets"]}

    async def delete_bucket(self, bucket: str) -> None:
        self.client.delete_bucket(Bucket=bucket)


class Boto3S3Resource(S3Flavour):
    name = "boto3-resource"

    async def open(self) -> None:
        self.resource = boto3.resource("s3", region_name=REGION)
        self.client = self.resource.meta.client

    async def close(self) -> None:
        self.client.close()

    async def create_bucket(self, bucket: str) -> None:
        self.resource.Bucket(bucket).create()

    async def put(
        self,
        bucket: str,
        key: str,
        body: bytes,
        *,
        content_type: str | None = None,
        metadata: dict[str, str] | None = None,
    ) -> None:
        self.resource.Object(bucket, key).put(
            Body=body, **_put_args(content_type, metadata)
        )

    async def get(self, bucket: str, key: str) -> bytes:
        data: bytes = self.resource.Object(bucket, key).get()["Body"].read()
        return data

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


class _AsyncClientFlavour(S3Flavour):
    """Shared by the aiobotocore and aioboto3 low-level clients."""

    is_async = True
    _context: Any

    async def open(self) -> None:
        self.client = await self._context.__aenter__()

    async def close(self) -> None:
        await self._context.__aexit__(None, None, None)

    async def create_bucket(self, bucket: str) -> None:
        await self.client.create_bucket(Bucket=bucket)

    async def put(
        self,
        bucket: str,
        key: str,
        body: bytes,
        *,
        content_type: str | None = None,
        metadata: dict[str, str] | None = None,
    ) -> None:
        await self.client.put_object(
            Bucket=bucket, Key=key, Body=body, **_put_args(content_type, metadata)
        )

    async def get(self, bucket: str, key: str) -> bytes:
        response = await self.client.get_object(Bucket=bucket, Key=key)
        body = response["Body"]
        async with body:
            data: bytes = await body.read()
        return data

    async def head(self, bucket: str, key: str) -> ObjectInfo:
        return _info(await self.client.head_object(Bucket=bucket, Key=key))

    async def list_keys(self, bucket: str, prefix: str = "") -> list[str]:
        paginator = self.client.get_paginator("list_objects_v2")
        return [
            entry["Key"]
            async for page in paginator.paginate(Bucket=bucket, Prefix=prefix)
            for entry in page.get("Contents", [])
        ]

    async def delete(self, bucket: str, key: str) -> None:
        await self.client.delete_object(Bucket=bucket, Key=key)

    async def bucket_names(self) -> set[str]:
        return {b["Name"] for b in (await self.client.list_buckets())["Buckets"]}

    async def delete_bucket(self, bucket: str) -> None:
        await self.client.delete_bucket(Bucket=bucket)


class AiobotocoreS3(_AsyncClientFlavour):
    name = "aiobotocore-client"

    def __init__(self) -> None:
        self._context = AioSession().create_client("s3", region_name=REGION)


class Aioboto3S3Client(_AsyncClientFlavour):
    name = "aioboto3-client"

    def __init__(self) -> None:
        import aioboto3

        self._context = aioboto3.Session().client("s3", region_name=REGION)


class Aioboto3S3Resource(S3Flavour):
    name = "aioboto3-resource"
    is_async = True

    def __init__(self) -> None:
        import aioboto3

        self._context = aioboto3.Session().resource("s3", region_name=REGION)

    async def open(self) -> None:
        self.resource = await self._context.__aenter__()
        self.client = self.resource.meta.client

    async def close(self) -> None:
        await self._context.__aexit__(None, None, None)

    async def create_bucket(self, bucket: str) -> None:
        await (await self.resource.Bucket(bucket)).create()

    async def put(
        self,
        bucket: str,
        key: str,
        body: bytes,
        *,
        content_type: str | None = None,
        metadata: dict[str, str] | None = None,
    ) -> None:
        obj = await self.resource.Object(bucket, key)
        await obj.put(Body=body, **_put_args(content_type, metadata))

    async def get(self, bucket: str, key: str) -> bytes:
        obj = await self.resource.Object(bucket, key)
        body = (await obj.get())["Body"]
        async with body:
            data: bytes = await body.read()
        return data

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


def make_flavour(name: str) -> S3Flavour:
    flavours: dict[str, type[S3Flavour]] = {
        cls.name: cls
        for cls in (
            Boto3S3Client,
            Boto3S3Resource,
            AiobotocoreS3,
            Aioboto3S3Client,
            Aioboto3S3Resource,
        )
    }
    return flavours[name]()
