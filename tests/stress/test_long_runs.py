"""Many enter/exit cycles, a request in each, leave the process as they found it.

File descriptors, threads, patched attributes, the environment and the
registry return to their starting values (``nothing_left_behind``), and
resident memory grows by less than 20 MB once the first cycles have filled
Moto's and botocore's caches.
"""

from __future__ import annotations

import asyncio
import time
from contextlib import AsyncExitStack, closing

import boto3
from aiobotocore.session import AioSession

from aiomoto import mock_aws
from tests.stress.conftest import COUNTS, Snapshot, figure, resident_bytes

REGION = "us-east-1"
MEMORY_LIMIT = 20 * 1024 * 1024


def megabytes(count: int) -> str:
    return f"{count / 1024 / 1024:+.1f} MB"


async def async_cycles(cycles: int, counted: list[int]) -> None:
    """``async with`` cycles, each with one aiobotocore request."""
    async with AsyncExitStack() as stack:
        async with mock_aws():
            s3 = await stack.enter_async_context(
                AioSession().create_client("s3", region_name=REGION)
            )
        for cycle in range(cycles):
            async with mock_aws():
                await s3.create_bucket(Bucket=f"async-{cycle}")
                listing = await s3.list_buckets()
                counted.append(len(listing["Buckets"]))


def test_in_process_cycles_leave_nothing_behind_and_memory_flat(
    nothing_left_behind: Snapshot,
) -> None:
    with mock_aws():
        s3 = boto3.client("s3", region_name=REGION)
    counted: list[int] = []
    half = COUNTS.inprocess_cycles // 2
    with closing(s3):
        for cycle in range(COUNTS.warm_up_cycles):
            with mock_aws():
                s3.create_bucket(Bucket=f"warm-up-{cycle}")
        asyncio.run(async_cycles(COUNTS.warm_up_cycles, []))
        before = resident_bytes()
        started = time.perf_counter()
        for cycle in range(half):
            with mock_aws():
                s3.create_bucket(Bucket=f"sync-{cycle}")
                counted.append(len(s3.list_buckets()["Buckets"]))
        asyncio.run(async_cycles(COUNTS.inprocess_cycles - half, counted))
        took = time.perf_counter() - started
    growth = resident_bytes() - before
    # Each cycle started from a reset backend: it saw its own bucket only.
    assert counted == [1] * COUNTS.inprocess_cycles
    assert growth < MEMORY_LIMIT
    figure(
        "enter/exit cycles, in-process",
        f"{COUNTS.inprocess_cycles} (half with, half async with; a request in "
        f"each) in {took:.1f} s; resident memory {megabytes(growth)}; "
        "no descriptor, thread or patch left",
    )


def test_server_mode_cycles_leave_nothing_behind_and_memory_flat(
    nothing_left_behind: Snapshot,
) -> None:
    session = boto3.Session(region_name=REGION)
    warm_up = max(1, COUNTS.server_cycles // 10)
    ports: set[int] = set()

    def cycle(number: int) -> None:
        with mock_aws(server_mode=True) as ctx:
            ports.add(ctx.server_port)
            with closing(session.client("s3")) as s3:
                assert s3.meta.endpoint_url == ctx.server_endpoint
                s3.create_bucket(Bucket=f"server-{number}")
                assert len(s3.list_buckets()["Buckets"]) == 1

    for number in range(warm_up):
        cycle(number)
    ports.clear()
    before = resident_bytes()
    started = time.perf_counter()
    for number in range(COUNTS.server_cycles):
        cycle(number)
    took = time.perf_counter() - started
    growth = resident_bytes() - before
    assert growth < MEMORY_LIMIT
    figure(
        "enter/exit cycles, server mode",
        f"{COUNTS.server_cycles} (a server started, a request, stopped) in "
        f"{took:.1f} s ({len(ports)} distinct ports); resident memory "
        f"{megabytes(growth)}; no descriptor, thread or patch left",
    )
