"""Fixtures of the escape tests: an active mock, a bucket, HTTP clients, URL makers."""

from __future__ import annotations

import socket
from collections.abc import AsyncIterator, Iterator
from contextlib import closing
from typing import Any

import boto3
import pytest
from aiobotocore.session import AioSession
from botocore.config import Config

from aiomoto import mock_aws
from aiomoto._inprocess.native_tools import Responder
from tests.escape.http_clients import HTTP_CLIENTS, HttpClient, make_client
from tests.loopback import listening

REGION = "us-east-1"
BUCKET = "escape-hatch"


@pytest.fixture
async def aws() -> AsyncIterator[None]:
    """An isolated, empty Moto backend for one test."""
    async with mock_aws():
        yield


@pytest.fixture
def s3(aws: None) -> Iterator[Any]:
    """A boto3 S3 client with one bucket, ``BUCKET``, to read and write."""
    with closing(boto3.client("s3", region_name=REGION)) as client:
        client.create_bucket(Bucket=BUCKET)
        yield client


@pytest.fixture
def listener() -> Iterator[socket.socket]:
    """A loopback listener, to point endpoints at: it notices any connection."""
    with listening() as server:
        yield server


@pytest.fixture
def responder() -> Iterator[str]:
    """The native-tools responder on its own: a loopback endpoint whose every
    answer is an S3 error (``AiomotoServerModeRequired``)."""
    serving = Responder()
    try:
        yield serving.endpoint
    finally:
        serving.stop()


@pytest.fixture(params=HTTP_CLIENTS)
def http(request: pytest.FixtureRequest) -> HttpClient:
    """Each HTTP client a test might fetch a URL with itself."""
    return make_client(request.param)


class Presigner:
    """Makes presigned URLs and POST forms with boto3 or aiobotocore."""

    def __init__(self, library: str, signature_version: str) -> None:
        self.library = library
        self.signature_version = signature_version
        self.config = Config(signature_version=signature_version)

    async def url(self, operation: str, key: str, **params: Any) -> str:
        arguments = {"Params": {"Bucket": BUCKET, "Key": key, **params}}
        if self.library == "boto3":
            with closing(self._boto3()) as client:
                url: str = client.generate_presigned_url(operation, **arguments)
                return url
        async with self._aiobotocore() as client:
            signed: str = await client.generate_presigned_url(operation, **arguments)
        return signed

    async def post(self, key: str) -> dict[str, Any]:
        if self.library == "boto3":
            with closing(self._boto3()) as client:
                form: dict[str, Any] = client.generate_presigned_post(BUCKET, key)
                return form
        async with self._aiobotocore() as client:
            fields: dict[str, Any] = await client.generate_presigned_post(BUCKET, key)
        return fields

    def _boto3(self) -> Any:
        return boto3.client("s3", region_name=REGION, config=self.config)

    def _aiobotocore(self) -> Any:
        session: Any = AioSession()
        return session.create_client("s3", region_name=REGION, config=self.config)

    def __repr__(self) -> str:
        return f"{self.library}-{self.signature_version}"


@pytest.fixture(
    params=[
        ("boto3", "s3v4"),
        ("boto3", "s3"),
        ("aiobotocore", "s3v4"),
        ("aiobotocore", "s3"),
    ],
    ids=lambda p: f"{p[0]}-{'sigv4' if p[1] == 's3v4' else 'sigv2'}",
)
def presigner(request: pytest.FixtureRequest) -> Presigner:
    """URLs made by boto3 or aiobotocore, with either signature version."""
    library, version = request.param
    return Presigner(library, version)
