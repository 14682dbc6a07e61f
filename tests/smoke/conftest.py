"""The smoke suite's fixtures: an empty backend, and each kind of async client.

The smoke suite is what ``make sweep`` runs against every upstream release in
the declared range (see scripts/sweep.py), so it needs nothing beyond aiomoto,
``moto[server]``, anyio and pytest (the ``smoke`` dependency group), and
aioboto3 where a swept release is the one aioboto3 pins.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from aiomoto import mock_aws
from tests.services.aws_clients import ASYNC_CLIENT_KINDS


@pytest.fixture
async def aws() -> AsyncIterator[None]:
    """An isolated, empty Moto backend for one test."""
    async with mock_aws():
        yield


@pytest.fixture(params=ASYNC_CLIENT_KINDS)
def kind(request: pytest.FixtureRequest) -> str:
    """Each kind of async client this environment has: aiobotocore, aioboto3."""
    name: str = request.param
    return name
