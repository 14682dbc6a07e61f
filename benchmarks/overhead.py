"""Per-test overhead: entering and leaving mocks, servers and clients.

- ``mock_aws()`` enter+exit: aiomoto (``with`` and ``async with``) against
  plain ``moto.mock_aws()``; each includes building the context object and
  Moto's backend reset, as a test would;
- server start+stop: ``with aiomoto.mock_aws(server_mode=True): pass`` against
  Moto's ``ThreadedMotoServer`` ``start()`` + ``stop()``;
- client create+close: an aiobotocore client under aiomoto, against the same
  client with no mock active and a boto3 client under plain Moto (one session
  each, already warm, as a session-scoped fixture would hold).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import boto3
import moto
from aiobotocore.session import AioSession
from harness import Figures, Stopwatch, Variant

import aiomoto

REGION = "us-east-1"


def _per_op(watch: Stopwatch, count: int) -> Figures:
    return {
        "seconds": watch.seconds,
        "cpu_seconds": watch.cpu_seconds,
        "ms_per_op": 1000 * watch.seconds / count,
    }


def _timed_loop(body: Callable[[], object], count: int) -> Figures:
    with Stopwatch() as watch:
        for _ in range(count):
            body()
    return _per_op(watch, count)


# -- mock_aws() enter+exit --------------------------------------------------------


def _aiomoto_with() -> None:
    with aiomoto.mock_aws():
        pass


def _moto_with() -> None:
    with moto.mock_aws():
        pass


def _aiomoto_async_with(count: int) -> Figures:
    async def main() -> Figures:
        with Stopwatch() as watch:
            for _ in range(count):
                async with aiomoto.mock_aws():
                    pass
        return _per_op(watch, count)

    return asyncio.run(main())


def mock_variants(count: int) -> list[Variant]:
    return [
        Variant(
            "aiomoto",
            "with aiomoto.mock_aws(): pass",
            lambda: _timed_loop(_aiomoto_with, count),
        ),
        Variant(
            "aiomoto_async",
            "async with aiomoto.mock_aws(): pass",
            lambda: _aiomoto_async_with(count),
        ),
        Variant(
            "moto",
            "with moto.mock_aws(): pass",
            lambda: _timed_loop(_moto_with, count),
        ),
    ]


# -- server start+stop ------------------------------------------------------------


def _aiomoto_server() -> None:
    with aiomoto.mock_aws(server_mode=True):
        pass


def _moto_server() -> None:
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    server.stop()


def server_variants(count: int) -> list[Variant]:
    return [
        Variant(
            "aiomoto",
            "with aiomoto.mock_aws(server_mode=True): pass",
            lambda: _timed_loop(_aiomoto_server, count),
        ),
        Variant(
            "moto",
            "ThreadedMotoServer(port=0) start() + stop()",
            lambda: _timed_loop(_moto_server, count),
        ),
    ]


# -- client create+close ----------------------------------------------------------


async def _aiobotocore_clients(session: AioSession, count: int) -> Figures:
    async with session.create_client("s3", region_name=REGION):
        pass  # the session's loaders are warm from here on
    with Stopwatch() as watch:
        for _ in range(count):
            async with session.create_client("s3", region_name=REGION):
                pass
    return _per_op(watch, count)


def _aiobotocore_under_aiomoto(count: int) -> Figures:
    async def main() -> Figures:
        async with aiomoto.mock_aws():
            return await _aiobotocore_clients(AioSession(), count)

    return asyncio.run(main())


def _aiobotocore_unmocked(count: int) -> Figures:
    return asyncio.run(_aiobotocore_clients(AioSession(), count))


def _boto3_under_moto(count: int) -> Figures:
    session = boto3.session.Session()
    with moto.mock_aws():
        session.client("s3", region_name=REGION).close()
        with Stopwatch() as watch:
            for _ in range(count):
                session.client("s3", region_name=REGION).close()
    return _per_op(watch, count)


def client_variants(count: int) -> list[Variant]:
    return [
        Variant(
            "aiomoto",
            "aiobotocore client, under aiomoto.mock_aws()",
            lambda: _aiobotocore_under_aiomoto(count),
        ),
        Variant(
            "unmocked",
            "aiobotocore client, no mock active",
            lambda: _aiobotocore_unmocked(count),
        ),
        Variant(
            "moto",
            "boto3 client, under plain moto.mock_aws()",
            lambda: _boto3_under_moto(count),
        ),
    ]
