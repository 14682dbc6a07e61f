"""Every kind of S3 client, opened the same way for the endpoint-injection tests.

``opened(kind, endpoint_url)`` makes one client of that kind (passing
``endpoint_url`` only when it is given), yields its endpoint and a way to create
a bucket through it, and closes it afterwards. Sessions are shared: endpoint
injection patches ``create_client`` on the session classes, so a session made
before a context still injects inside it.
"""

from __future__ import annotations

import functools
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager, closing
from dataclasses import dataclass
from typing import Any

import boto3
import botocore.session
import pytest
from aiobotocore.session import AioSession

from aiomoto import AutoEndpointMode
from tests.optional import needs_aioboto3

#: Where S3 lives in us-east-1 when nothing points a client elsewhere.
AWS_S3_ENDPOINT = "https://s3.amazonaws.com"
#: An explicit endpoint that is never contacted: FORCE re-points such a client.
ELSEWHERE = "http://127.0.0.1:9"

# Each auto_endpoint mode as it may be given: default, string or enum member.
FORCE = [
    pytest.param(None, id="default"),
    pytest.param("force", id="str"),
    pytest.param(AutoEndpointMode.FORCE, id="enum"),
]
IF_MISSING = [
    pytest.param("if_missing", id="str"),
    pytest.param(AutoEndpointMode.IF_MISSING, id="enum"),
]
DISABLED = [
    pytest.param("disabled", id="str"),
    pytest.param(AutoEndpointMode.DISABLED, id="enum"),
]

CLIENT_KINDS = [
    "boto3-client",
    "boto3-resource",
    "botocore-session",
    "aiobotocore-client",
    pytest.param("aioboto3-client", marks=needs_aioboto3),
    pytest.param("aioboto3-resource", marks=needs_aioboto3),
]


@functools.cache
def _botocore_session() -> botocore.session.Session:
    # A fresh session loads the S3 model again: a few tenths of a second each.
    return botocore.session.get_session()


@functools.cache
def _aiobotocore_session() -> AioSession:
    return AioSession()


@functools.cache
def _aioboto3_session() -> Any:
    import aioboto3

    return aioboto3.Session()


@dataclass(frozen=True)
class Opened:
    endpoint: str
    create_bucket: Callable[[str], Awaitable[None]]


@asynccontextmanager
async def opened(kind: str, endpoint_url: str | None = None) -> AsyncIterator[Opened]:
    kwargs: dict[str, Any] = {"region_name": "us-east-1"}
    if endpoint_url is not None:
        kwargs["endpoint_url"] = endpoint_url
    if kind in {"boto3-client", "boto3-resource", "botocore-session"}:
        async with _opened_sync(kind, kwargs) as client:
            yield client
    elif kind == "aiobotocore-client":
        async with _aiobotocore_session().create_client("s3", **kwargs) as s3:

            async def create_bucket(name: str) -> None:
                await s3.create_bucket(Bucket=name)

            yield Opened(s3.meta.endpoint_url, create_bucket)
    else:
        async with _opened_aioboto3(kind, kwargs) as client:
            yield client


@asynccontextmanager
async def _opened_sync(kind: str, kwargs: dict[str, Any]) -> AsyncIterator[Opened]:
    s3: Any
    if kind == "boto3-client":
        s3 = boto3.client("s3", **kwargs)
    elif kind == "boto3-resource":
        resource = boto3.resource("s3", **kwargs)
        s3 = resource.meta.client
    else:
        s3 = _botocore_session().create_client("s3", **kwargs)

    async def create_bucket(name: str) -> None:
        if kind == "boto3-resource":
            resource.create_bucket(Bucket=name)
        else:
            s3.create_bucket(Bucket=name)

    with closing(s3):
        yield Opened(s3.meta.endpoint_url, create_bucket)


@asynccontextmanager
async def _opened_aioboto3(kind: str, kwargs: dict[str, Any]) -> AsyncIterator[Opened]:
    session = _aioboto3_session()
    if kind == "aioboto3-client":
        async with session.client("s3", **kwargs) as s3:

            async def create_bucket(name: str) -> None:
                await s3.create_bucket(Bucket=name)

            yield Opened(s3.meta.endpoint_url, create_bucket)
    else:
        async with session.resource("s3", **kwargs) as resource:

            async def create_with_resource(name: str) -> None:
                await resource.create_bucket(Bucket=name)

            yield Opened(resource.meta.client.meta.endpoint_url, create_with_resource)
