"""Every HTTP backend and event loop aiobotocore supports, as fixtures.

aiobotocore 3.x can send through httpx instead of aiohttp
(``AioConfig(http_session_cls=HttpxSession)``), and the httpx backend also
runs under trio (through anyio). ``combination`` is each (loop, backend) pair
this environment has; ``anyio_backend`` and ``config`` follow from it.
"""

from __future__ import annotations

import importlib
import importlib.util
from importlib.metadata import version
from typing import Any, cast

import pytest
from aiobotocore.config import AioConfig

# aiobotocore's httpx backend uses httpx2 (the maintained fork) or httpx. It is
# tested from aiobotocore 3.0 on (2.x's HttpxSession is experimental). httpx
# itself may be installed in every cell (respx, a test dependency, brings it).
AIOBOTOCORE_3 = int(version("aiobotocore").split(".")[0]) >= 3
HAS_HTTPX = (
    AIOBOTOCORE_3
    and importlib.util.find_spec("aiobotocore.httpxsession") is not None
    and any(importlib.util.find_spec(name) is not None for name in ("httpx2", "httpx"))
)
HAS_TRIO = importlib.util.find_spec("trio") is not None
# Before aiobotocore 3.8, an httpx-backed streaming body is a thin wrapper with
# read() (whole body only), and no iter_chunks, iter_lines or read(amt): the
# same against a real endpoint as in-process, so tests that stream need 3.8.
HTTPX_BODY_API = AIOBOTOCORE_3 and hasattr(
    importlib.import_module("aiobotocore.response"), "AioHttpxStreamingBody"
)
NOT_HERE = "for aiobotocore 3.x, in the 'latest' matrix cells only (see matrix.json)"

COMBINATIONS = [
    pytest.param(("asyncio", "aiohttp"), id="asyncio-aiohttp"),
    pytest.param(
        ("asyncio", "httpx"),
        id="asyncio-httpx",
        marks=pytest.mark.skipif(not HAS_HTTPX, reason=f"httpx is {NOT_HERE}"),
    ),
    pytest.param(
        ("trio", "httpx"),
        id="trio-httpx",
        marks=pytest.mark.skipif(
            not (HAS_HTTPX and HAS_TRIO), reason=f"trio and httpx are {NOT_HERE}"
        ),
    ),
]


@pytest.fixture(params=COMBINATIONS)
def combination(request: pytest.FixtureRequest) -> tuple[str, str]:
    value: tuple[str, str] = request.param
    return value


@pytest.fixture
def anyio_backend(combination: tuple[str, str]) -> str:
    return combination[0]


@pytest.fixture
def config(combination: tuple[str, str]) -> AioConfig:
    if combination[1] == "httpx":
        from aiobotocore.httpxsession import HttpxSession

        return AioConfig(http_session_cls=cast(Any, HttpxSession))
    return AioConfig()


@pytest.fixture
def streams(combination: tuple[str, str]) -> None:
    """Skips the httpx backend where its bodies cannot stream (before 3.8)."""
    if combination[1] == "httpx" and not HTTPX_BODY_API:
        pytest.skip(
            f"aiobotocore {version('aiobotocore')}'s httpx bodies have no "
            "iter_chunks, iter_lines or read(amt) (they arrive in 3.8)"
        )
