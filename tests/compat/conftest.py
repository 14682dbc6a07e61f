"""Every HTTP backend and event loop aiobotocore supports, as fixtures.

aiobotocore 3.x can send through httpx instead of aiohttp
(``AioConfig(http_session_cls=HttpxSession)``), and the httpx backend also
runs under trio (through anyio). ``combination`` is each (loop, backend) pair
this environment has; ``anyio_backend`` and ``config`` follow from it.
"""

from __future__ import annotations

import importlib.util
import inspect
from collections.abc import AsyncIterator
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


# Before aiobotocore 3.8, an httpx-backed streaming body is a proxy of the
# httpx response with read() (whole body only) and no iter_chunks or
# async iterator methods (httpx's own iter_lines is sync), against a real
# endpoint as in-process: it streams through the response's own aiter_bytes
# and aiter_lines, as its users' code does.
def chunks_of(body: Any, size: int) -> AsyncIterator[bytes]:
    """The body in chunks of ``size``, through the API its release offers."""
    if inspect.isasyncgenfunction(getattr(body, "iter_chunks", None)):
        chunks: AsyncIterator[bytes] = body.iter_chunks(size)
        return chunks
    raw: AsyncIterator[bytes] = body.aiter_bytes(size)
    return raw


async def lines_of(body: Any) -> list[bytes]:
    """The body's lines, through the API its release offers."""
    if inspect.isasyncgenfunction(getattr(body, "iter_lines", None)):
        return [line async for line in body.iter_lines()]
    return [line.encode() async for line in body.aiter_lines()]
