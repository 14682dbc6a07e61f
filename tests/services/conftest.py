"""Client flavours for the service tests: what one writes, another reads.

A flavour wraps one way of talking to S3 (boto3 client or resource,
aiobotocore client, aioboto3 client or resource) behind the same small async
interface, so each S3 behaviour is written once and checked in both
directions. What aiomoto adds sits between the sync and the async side, so
most tests pair flavours across that line rather than every flavour with
every other (which would mostly re-test boto3 against Moto):

- ``writer`` x ``reader``: every pair of flavours, both directions;
- ``@across_sync_and_async``: each sync flavour with each async flavour, in
  both directions, for behaviour the resource APIs reach in their own way;
- ``@across_clients``: the boto3 client with each async client, in both
  directions, for behaviour reached through ``call`` (a resource's ``call``
  is its client's, so resources would only repeat the clients' cases);
- ``async_s3``: each async client, for async-only API details;
- ``boto3_s3``: the boto3 client, the reference an async answer is held to;
- ``@only(fixture, *names)``: a flavour fixture narrowed to some flavours,
  for tests that only those can run or that are too slow to repeat.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from aiomoto import mock_aws
from tests.optional import needs_aioboto3
from tests.services.flavours import S3Flavour, make_flavour

SYNC_FLAVOURS = ["boto3-client", "boto3-resource"]
ASYNC_FLAVOURS = ["aiobotocore-client", "aioboto3-client", "aioboto3-resource"]
ASYNC_CLIENTS = ["aiobotocore-client", "aioboto3-client"]


def _param(*names: str) -> Any:
    """One fixture value (or a pair), skipped where aioboto3 is not installed."""
    uses_aioboto3 = any(name.startswith("aioboto3") for name in names)
    return pytest.param(
        *names, id="-".join(names), marks=[needs_aioboto3] if uses_aioboto3 else []
    )


def _both_ways(
    sync_flavours: list[str], async_flavours: list[str]
) -> pytest.MarkDecorator:
    """``writer`` x ``reader`` for each sync-async pair, in both directions."""
    return pytest.mark.parametrize(
        ("writer", "reader"),
        [
            _param(*pair)
            for sync in sync_flavours
            for async_ in async_flavours
            for pair in ((sync, async_), (async_, sync))
        ],
        indirect=True,
    )


across_sync_and_async = _both_ways(SYNC_FLAVOURS, ASYNC_FLAVOURS)
across_clients = _both_ways(["boto3-client"], ASYNC_CLIENTS)


def only(fixture: str, *names: str) -> pytest.MarkDecorator:
    """Narrow the flavour fixture ``fixture`` to the flavours ``names``."""
    return pytest.mark.parametrize(
        fixture, [_param(name) for name in names], indirect=True
    )


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


@pytest.fixture(params=[_param(name) for name in SYNC_FLAVOURS + ASYNC_FLAVOURS])
async def writer(request: pytest.FixtureRequest, aws: None) -> AsyncIterator[S3Flavour]:
    """The client flavour that writes; every flavour in turn."""
    async for flavour in _opened(request.param):
        yield flavour


@pytest.fixture(params=[_param(name) for name in SYNC_FLAVOURS + ASYNC_FLAVOURS])
async def reader(request: pytest.FixtureRequest, aws: None) -> AsyncIterator[S3Flavour]:
    """The client flavour that reads back; every flavour in turn."""
    async for flavour in _opened(request.param):
        yield flavour


@pytest.fixture(params=[_param(name) for name in ASYNC_CLIENTS])
async def async_s3(
    request: pytest.FixtureRequest, aws: None
) -> AsyncIterator[S3Flavour]:
    """Each async client flavour; ``.client`` is its low-level client."""
    async for flavour in _opened(request.param):
        yield flavour


@pytest.fixture
async def boto3_s3(aws: None) -> AsyncIterator[S3Flavour]:
    """The boto3 client: writes test data fast, and answers as the reference."""
    async for flavour in _opened("boto3-client"):
        yield flavour
