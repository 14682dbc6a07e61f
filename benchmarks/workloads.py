"""Workloads run in a fresh process: ``python benchmarks/workloads.py NAME [options]``.

Each one prints a single JSON object of figures (seconds, bytes) on stdout
and uses only what every library under comparison offers: ``mock_aws()`` as
an async context (and ``mock_aws(server_mode=True)``), aiobotocore, aioboto3
and s3fs clients. That makes the same driver serve two purposes:

- ``make bench`` runs some workloads here in a subprocess, because they need
  another environment (aioboto3 lives in ``.venv-aioboto3``) or a fresh
  interpreter (the time from ``import`` to the first answer);
- ``make bench-peers`` runs every workload with this project's aiomoto and
  with the PyPI project of the same import name, each installed in its own
  environment with identical aiobotocore, botocore and moto versions.

Only loopback networking is used; the environment is pinned to fake
credentials by the caller (see ``run.isolate_environment``).
"""

from __future__ import annotations

import time

STARTED = time.perf_counter()  # before any import below: first-request timing

import argparse  # noqa: E402
import asyncio  # noqa: E402
import io  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import warnings  # noqa: E402
from collections.abc import Awaitable, Callable, Coroutine  # noqa: E402
from typing import Any  # noqa: E402

REGION = "us-east-1"
BUCKET = "aiomoto-bench"
TABLE = "aiomoto-bench"
MIB = 2**20
SMALL = b"\x5a" * 1024

Figures = dict[str, float]


def _client(service: str, **kwargs: Any) -> Any:
    from aiobotocore.session import AioSession

    session: Any = AioSession()
    return session.create_client(service, region_name=REGION, **kwargs)


def _mock(*, server: bool = False) -> Any:
    import aiomoto

    return aiomoto.mock_aws(server_mode=True) if server else aiomoto.mock_aws()


class _Clock:
    """Wall and process CPU time since it was made."""

    def __init__(self) -> None:
        self.wall, self.cpu = time.perf_counter(), time.process_time()

    def figures(self, calls: int = 1) -> Figures:
        seconds = time.perf_counter() - self.wall
        return {
            "seconds": seconds,
            "cpu_seconds": time.process_time() - self.cpu,
            "ms_per_call": 1000 * seconds / calls,
        }


def _since_start() -> Figures:
    """Wall and CPU time since this interpreter began importing."""
    seconds = time.perf_counter() - STARTED
    return {
        "seconds": seconds,
        "cpu_seconds": time.process_time(),
        "ms_per_op": 1000 * seconds,
    }


# -- small round trips ---------------------------------------------------------------


async def s3_round_trips(ops: int) -> Figures:
    async with _mock(), _client("s3") as s3:
        await s3.create_bucket(Bucket=BUCKET)
        clock = _Clock()
        for i in range(ops):
            await s3.put_object(Bucket=BUCKET, Key=f"k{i}", Body=SMALL)
        for i in range(ops):
            response = await s3.get_object(Bucket=BUCKET, Key=f"k{i}")
            body = response["Body"]
            async with body:
                await body.read()
        return clock.figures(2 * ops)


async def dynamodb_round_trips(ops: int) -> Figures:
    async with _mock(), _client("dynamodb") as ddb:
        await ddb.create_table(
            TableName=TABLE,
            KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
            AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
            BillingMode="PAY_PER_REQUEST",
        )
        clock = _Clock()
        for i in range(ops):
            item = {"pk": {"S": f"item-{i:05d}"}, "n": {"N": str(i)}}
            await ddb.put_item(TableName=TABLE, Item=item)
        for i in range(ops):
            await ddb.get_item(TableName=TABLE, Key={"pk": {"S": f"item-{i:05d}"}})
        return clock.figures(2 * ops)


async def gathered_gets(ops: int) -> Figures:
    async with _mock(), _client("s3") as s3:
        await s3.create_bucket(Bucket=BUCKET)
        for i in range(ops):
            await s3.put_object(Bucket=BUCKET, Key=f"k{i}", Body=SMALL)

        async def get(i: int) -> None:
            response = await s3.get_object(Bucket=BUCKET, Key=f"k{i}")
            body = response["Body"]
            async with body:
                await body.read()

        clock = _Clock()
        await asyncio.gather(*(get(i) for i in range(ops)))
        return clock.figures(ops)


async def enter_exit(loops: int) -> Figures:
    clock = _Clock()
    for _ in range(loops):
        async with _mock():
            pass
    return clock.figures(loops)


# -- large objects ---------------------------------------------------------------------


async def large_object(mib: int, repeats: int) -> Figures:
    """``repeats`` puts of one object, then as many gets streamed in 1 MiB chunks."""
    payload = os.urandom(mib * MIB)
    puts: list[float] = []
    gets: list[float] = []
    cpu: dict[str, list[float]] = {"put": [], "get": []}
    async with _mock(), _client("s3") as s3:
        await s3.create_bucket(Bucket=BUCKET)
        for _ in range(repeats):
            clock = _Clock()
            await s3.put_object(Bucket=BUCKET, Key="large", Body=payload)
            puts.append(clock.figures()["seconds"])
            cpu["put"].append(clock.figures()["cpu_seconds"])
        for _ in range(repeats):
            clock = _Clock()
            response = await s3.get_object(Bucket=BUCKET, Key="large")
            body = response["Body"]
            received = 0
            async with body:
                async for chunk in body.iter_chunks(MIB):
                    received += len(chunk)
            gets.append(clock.figures()["seconds"])
            cpu["get"].append(clock.figures()["cpu_seconds"])
            if received != len(payload):
                raise RuntimeError(f"streamed {received} bytes, put {len(payload)}")
    put, get = statistics.median(puts), statistics.median(gets)
    return {
        "put_seconds": put,
        "get_seconds": get,
        "put_mb_per_s": len(payload) / put / 1e6,
        "get_mb_per_s": len(payload) / get / 1e6,
        "put_cpu_seconds": statistics.median(cpu["put"]),
        "get_cpu_seconds": statistics.median(cpu["get"]),
    }


async def multipart(tool: str, mode: str, mib: int, parts: int) -> Figures:
    """Upload ``mib`` MiB in ``parts`` parts through s3fs or aioboto3."""
    payload = os.urandom(mib * MIB)
    part = -(-len(payload) // parts)
    async with _mock(server=mode == "server"):
        async with _client("s3") as s3:
            await s3.create_bucket(Bucket=BUCKET)
        upload = _S3FS if tool == "s3fs" else _AIOBOTO3
        clock = _Clock()
        await upload(payload, part)
        timed = clock.figures()
        async with _client("s3") as s3:
            head = await s3.head_object(Bucket=BUCKET, Key="multipart")
        if head["ContentLength"] != len(payload) or "-" not in head["ETag"]:
            raise RuntimeError(f"not a {len(payload)}-byte multipart object: {head}")
    return {**timed, "mb_per_s": len(payload) / timed["seconds"] / 1e6}


async def _s3fs_upload(payload: bytes, part: int) -> None:
    import s3fs  # type: ignore[import-untyped]

    fs = s3fs.S3FileSystem(asynchronous=True, skip_instance_cache=True)
    session = await fs.set_session()
    try:
        await fs._pipe_file(f"{BUCKET}/multipart", payload, chunksize=part)
    finally:
        await session.close()


async def _aioboto3_upload(payload: bytes, part: int) -> None:
    import aioboto3
    from boto3.s3.transfer import TransferConfig

    config = TransferConfig(multipart_threshold=part, multipart_chunksize=part)
    async with aioboto3.Session().client("s3", region_name=REGION) as s3:
        await s3.upload_fileobj(io.BytesIO(payload), BUCKET, "multipart", Config=config)


_S3FS: Callable[[bytes, int], Awaitable[None]] = _s3fs_upload
_AIOBOTO3: Callable[[bytes, int], Awaitable[None]] = _aioboto3_upload


# -- a fresh process's first answer ---------------------------------------------------


async def first_request_aiomoto() -> Figures:
    import aiomoto  # noqa: F401  (imported here: the import is what is timed)

    async with _mock(), _client("s3") as s3:
        await s3.list_buckets()
    return _since_start()


def first_request_moto() -> Figures:
    import boto3
    import moto

    with moto.mock_aws():
        s3: Any = boto3.client("s3", region_name=REGION)
        s3.list_buckets()
        s3.close()
    return _since_start()


def main(argv: list[str]) -> None:
    # aiohttp warns when aiobotocore 2.x (aioboto3's) sends a large bytes body
    # to a real endpoint (server mode): upstream's choice, not this driver's.
    warnings.filterwarnings(
        "ignore", "Sending a large body directly", category=ResourceWarning
    )
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "workload",
        choices=[
            "s3",
            "dynamodb",
            "gather",
            "enter-exit",
            "large",
            "multipart",
            "first-request",
            "first-request-moto",
        ],
    )
    parser.add_argument("--ops", type=int, default=300)
    parser.add_argument("--mib", type=int, default=32)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--parts", type=int, default=5)
    parser.add_argument("--tool", choices=["s3fs", "aioboto3"], default="s3fs")
    parser.add_argument("--mode", choices=["inprocess", "server"], default="inprocess")
    args = parser.parse_args(argv)
    runs: dict[str, Callable[[], Coroutine[Any, Any, Figures]]] = {
        "s3": lambda: s3_round_trips(args.ops),
        "dynamodb": lambda: dynamodb_round_trips(args.ops),
        "gather": lambda: gathered_gets(args.ops),
        "enter-exit": lambda: enter_exit(args.ops),
        "large": lambda: large_object(args.mib, args.repeats),
        "multipart": lambda: multipart(args.tool, args.mode, args.mib, args.parts),
        "first-request": first_request_aiomoto,
    }
    if args.workload == "first-request-moto":
        figures = first_request_moto()
    else:
        figures = asyncio.run(runs[args.workload]())
    print(json.dumps(figures))


if __name__ == "__main__":
    main(sys.argv[1:])
