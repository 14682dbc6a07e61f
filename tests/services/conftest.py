"""Client flavours for the service tests: every test runs writer x reader.

A flavour wraps one way of talking to S3 (boto3 client or resource,
aiobotocore client, aioboto3 client or resource) behind the same small async
interface, so each S3 behaviour is written once and checked in both
directions across every pair of flavours.
"""

from __future__ import annotations

import importlib.util
from collections.abc import AsyncIterator

import pytest
from aiomoto import mock_aws
from tests.services.flavours import S3Flavour, make_flavour

HAS_AIOBOTO3 = importlib.util.find_spec("aioboto3") is not None
needs_aioboto3 = pytest.mark.skipif(
    not HAS_AIOBOTO3,
    reason="aioboto3 pins aiobotocore 2.25, so it is installed only in the "
    "'aioboto3' environment (make test runs both)",
)

SYNC_FLAVOURS = ["boto3-client", "boto3-resource"]
ASYNC_FLAVOURS = [
    "aiobotocore-client",
    pytest.param("aioboto3-client", marks=needs_aioboto3),
    pytest.param("aioboto3-resource", marks=needs_aioboto3),
]


@pytest.fixture
async def aws() -> AsyncIterator[None]:
    """An isolated, empty Moto backend for one test."""
    async with mock_aws():
        yield


async def _opened(name: str) -> AsyncIterator[S3Flavour]:
    flavour = make_flavour(name)
    await flavour.open()
    try:
        yield flavour
    finally:
        await flavour.close()


@pytest.fixture(params=SYNC_FLAVOURS + ASYNC_FLAVOURS)
async def writer(request: pytest.FixtureRequest, aws: None) -> AsyncIterator[S3Flavour]:
    """The client flavour that writes; every flavour in turn."""
    async for flavour in _opened(request.param):
        yield flavour


@pytest.fixture(params=SYNC_FLAVOURS + ASYNC_FLAVOURS)
async def reader(request: pytest.FixtureRequest, aws: None) -> AsyncIterator[S3Flavour]:
    """The client flavour that reads back; every flavour in turn."""
    async for flavour in _opened(request.param):
        yield flavour


@pytest.fixture(params=ASYNC_FLAVOURS)
async def async_s3(
    request: pytest.FixtureRequest, aws: None
) -> AsyncIterator[S3Flavour]:
    """Each async flavour; ``.client`` is its low-level client."""
    async for flavour in _opened(request.param):
        yield flavour
