"""Small-request round trips: S3 objects and DynamoDB items, three ways each.

- ``aiomoto``: an aiobotocore client under ``aiomoto.mock_aws()``, in-process;
- ``moto``: a boto3 client under plain ``moto.mock_aws()``, the floor (Moto's
  own cost, with botocore's sync machinery around it);
- ``server``: an aiobotocore client against Moto's ``ThreadedMotoServer`` on
  127.0.0.1, what async users do without aiomoto.

Each measurement enters its mock (or uses the shared server), creates a client
and a bucket or table, and then times only the ``ops`` writes and ``ops``
reads. A fourth variant repeats the aiomoto one with timers around Moto's
dispatcher and around aiomoto's adapter, to split an async call's time into
Moto's share, aiomoto's and aiobotocore's (the rest), and a fifth runs it
with aiomoto's cancellation points turned into no-ops, to price them. Also
here: ``ops`` concurrent gets with ``asyncio.gather`` against ``ops``
sequential ones, both under aiomoto.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from typing import Any

import boto3
import moto
from aiobotocore.endpoint import AioEndpoint
from aiobotocore.session import AioSession
from harness import Figures, Stopwatch, Variant
from moto.core.botocore_stubber import BotocoreStubber

import aiomoto
from aiomoto._inprocess import endpoint as endpoint_adapter
from aiomoto._inprocess import response as response_adapter
from aiomoto._patching import patched

REGION = "us-east-1"
BUCKET = "aiomoto-bench"
TABLE = "aiomoto-bench"
OBJECT = b"\x5a" * 1024


@contextmanager
def moto_server() -> Iterator[str]:
    """Moto's threaded server on a free loopback port; yields its endpoint URL."""
    from moto.server import ThreadedMotoServer

    # werkzeug logs each request at INFO; that would time the terminal too.
    logger = logging.getLogger("werkzeug")
    level = logger.level
    logger.setLevel(logging.WARNING)
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    try:
        host, port = server.get_host_and_port()
        yield f"http://{host}:{port}"
    finally:
        server.stop()
        logger.setLevel(level)


def _async_client(service: str, endpoint: str | None = None) -> Any:
    # The typed stubs accept literal service names only; this helper takes any.
    session: Any = AioSession()
    return session.create_client(service, region_name=REGION, endpoint_url=endpoint)


# -- S3 -------------------------------------------------------------------------


Timing = Callable[[], AbstractContextManager[object]]


async def _s3_async(
    ops: int, endpoint: str | None, timing: Timing = nullcontext
) -> Stopwatch:
    async with _async_client("s3", endpoint) as s3:
        await s3.create_bucket(Bucket=BUCKET)
        with Stopwatch() as watch, timing():
            for i in range(ops):
                await s3.put_object(Bucket=BUCKET, Key=f"k{i}", Body=OBJECT)
            for i in range(ops):
                response = await s3.get_object(Bucket=BUCKET, Key=f"k{i}")
                async with response["Body"] as body:
                    await body.read()
        # The shared server keeps its data: leave it as found.
        await _empty_bucket(s3, ops)
    return watch


async def _empty_bucket(s3: Any, ops: int) -> None:
    for start in range(0, ops, 1000):
        keys = [{"Key": f"k{i}"} for i in range(start, min(start + 1000, ops))]
        await s3.delete_objects(Bucket=BUCKET, Delete={"Objects": keys})
    await s3.delete_bucket(Bucket=BUCKET)


def _s3_boto3(ops: int) -> Stopwatch:
    s3: Any = boto3.client("s3", region_name=REGION)
    try:
        s3.create_bucket(Bucket=BUCKET)
        with Stopwatch() as watch:
            for i in range(ops):
                s3.put_object(Bucket=BUCKET, Key=f"k{i}", Body=OBJECT)
            for i in range(ops):
                s3.get_object(Bucket=BUCKET, Key=f"k{i}")["Body"].read()
    finally:
        s3.close()
    return watch


# -- DynamoDB -------------------------------------------------------------------


def _item(i: int) -> dict[str, Any]:
    return {
        "pk": {"S": f"item-{i:05d}"},
        "title": {"S": f"Benchmark item number {i}"},
        "count": {"N": str(i)},
        "tags": {"SS": ["bench", "aiomoto", f"t{i % 7}"]},
    }


def _key(i: int) -> dict[str, Any]:
    return {"pk": {"S": f"item-{i:05d}"}}


_TABLE_SPEC: dict[str, Any] = {
    "TableName": TABLE,
    "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
    "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
    "BillingMode": "PAY_PER_REQUEST",
}


async def _dynamodb_async(
    ops: int, endpoint: str | None, timing: Timing = nullcontext
) -> Stopwatch:
    async with _async_client("dynamodb", endpoint) as ddb:
        await ddb.create_table(**_TABLE_SPEC)
        with Stopwatch() as watch, timing():
            for i in range(ops):
                await ddb.put_item(TableName=TABLE, Item=_item(i))
            for i in range(ops):
                await ddb.get_item(TableName=TABLE, Key=_key(i))
        await ddb.delete_table(TableName=TABLE)
    return watch


def _dynamodb_boto3(ops: int) -> Stopwatch:
    ddb: Any = boto3.client("dynamodb", region_name=REGION)
    try:
        ddb.create_table(**_TABLE_SPEC)
        with Stopwatch() as watch:
            for i in range(ops):
                ddb.put_item(TableName=TABLE, Item=_item(i))
            for i in range(ops):
                ddb.get_item(TableName=TABLE, Key=_key(i))
    finally:
        ddb.close()
    return watch


# -- the three ways ---------------------------------------------------------------


def _under_aiomoto(work: Callable[[], Awaitable[Stopwatch]]) -> Stopwatch:
    async def main() -> Stopwatch:
        async with aiomoto.mock_aws():
            return await work()

    return asyncio.run(main())


class _Shares:
    """Seconds spent in aiomoto's ``AioEndpoint._send`` and, within it, in Moto."""

    def __init__(self) -> None:
        self.adapter = 0.0
        self.moto = 0.0


@contextmanager
def _timed(shares: _Shares) -> Iterator[None]:
    """Wrap the active ``_send`` (aiomoto's) and Moto's ``process_request``.

    Enter inside ``aiomoto.mock_aws()``; both originals are back on exit.
    """
    send = vars(AioEndpoint)["_send"]
    dispatch = vars(BotocoreStubber)["process_request"]

    async def timed_send(self: AioEndpoint, request: Any) -> Any:
        start = time.perf_counter()
        try:
            return await send(self, request)
        finally:
            shares.adapter += time.perf_counter() - start

    def timed_dispatch(self: BotocoreStubber, request: Any) -> Any:
        start = time.perf_counter()
        try:
            return dispatch(self, request)
        finally:
            shares.moto += time.perf_counter() - start

    with (
        patched(AioEndpoint, "_send", timed_send),
        patched(BotocoreStubber, "process_request", timed_dispatch),
    ):
        yield


async def _no_checkpoint() -> None:
    pass


@contextmanager
def _without_checkpoints() -> Iterator[None]:
    """aiomoto's cancellation points as no-ops: what a request cost without them."""
    with (
        patched(endpoint_adapter, "checkpoint", _no_checkpoint),
        patched(response_adapter, "checkpoint", _no_checkpoint),
    ):
        yield


def _under_moto(work: Callable[[], Stopwatch]) -> Stopwatch:
    with moto.mock_aws():
        return work()


def _figures(watch: Stopwatch, calls: int) -> Figures:
    return {
        "seconds": watch.seconds,
        "cpu_seconds": watch.cpu_seconds,
        "ops_per_s": calls / watch.seconds,
    }


def roundtrip_variants(service: str, ops: int, server: str) -> list[Variant]:
    """The variants for ``service`` ("s3" or "dynamodb"); ``server``: Moto's URL."""
    run_async = _s3_async if service == "s3" else _dynamodb_async
    run_boto3 = _s3_boto3 if service == "s3" else _dynamodb_boto3
    warm = min(ops, 20)

    def aiomoto_way(n: int) -> Figures:
        return _figures(_under_aiomoto(lambda: run_async(n, None)), 2 * n)

    def moto_way(n: int) -> Figures:
        return _figures(_under_moto(lambda: run_boto3(n)), 2 * n)

    def traced_way(n: int) -> Figures:
        shares = _Shares()
        watch = _under_aiomoto(lambda: run_async(n, None, lambda: _timed(shares)))
        calls = 2 * n
        return {
            **_figures(watch, calls),
            "moto_ms_per_call": 1000 * shares.moto / calls,
            "adapter_ms_per_call": 1000 * (shares.adapter - shares.moto) / calls,
        }

    def server_way(n: int) -> Figures:
        return _figures(asyncio.run(run_async(n, server)), 2 * n)

    def unchecked_way(n: int) -> Figures:
        with _without_checkpoints():
            return aiomoto_way(n)

    return [
        Variant(
            "aiomoto",
            "aiobotocore, aiomoto.mock_aws() in-process",
            lambda: aiomoto_way(ops),
            lambda: aiomoto_way(warm),
        ),
        Variant(
            "moto",
            "boto3, plain moto.mock_aws() (floor)",
            lambda: moto_way(ops),
            lambda: moto_way(warm),
        ),
        Variant(
            "server",
            "aiobotocore -> ThreadedMotoServer (loopback)",
            lambda: server_way(ops),
            lambda: server_way(warm),
        ),
        Variant(
            "traced",
            "aiomoto again, Moto's and aiomoto's shares timed",
            lambda: traced_way(ops),
            lambda: traced_way(warm),
        ),
        Variant(
            "unchecked",
            "aiomoto again, cancellation points as no-ops",
            lambda: unchecked_way(ops),
            lambda: unchecked_way(warm),
        ),
    ]


# -- concurrency ------------------------------------------------------------------


async def _gets(ops: int, *, concurrent: bool) -> Stopwatch:
    async with aiomoto.mock_aws(), _async_client("s3") as s3:
        await s3.create_bucket(Bucket=BUCKET)
        for i in range(ops):
            await s3.put_object(Bucket=BUCKET, Key=f"k{i}", Body=OBJECT)

        async def get(i: int) -> bytes:
            response = await s3.get_object(Bucket=BUCKET, Key=f"k{i}")
            async with response["Body"] as body:
                data: bytes = await body.read()
            return data

        with Stopwatch() as watch:
            if concurrent:
                await asyncio.gather(*(get(i) for i in range(ops)))
            else:
                for i in range(ops):
                    await get(i)
    return watch


def concurrency_variants(ops: int) -> list[Variant]:
    def way(n: int, *, concurrent: bool) -> Figures:
        return _figures(asyncio.run(_gets(n, concurrent=concurrent)), n)

    warm = min(ops, 20)
    return [
        Variant(
            "gather",
            f"{ops} get_object at once, asyncio.gather",
            lambda: way(ops, concurrent=True),
            lambda: way(warm, concurrent=True),
        ),
        Variant(
            "sequential",
            f"{ops} get_object one after another",
            lambda: way(ops, concurrent=False),
            lambda: way(warm, concurrent=False),
        ),
    ]
