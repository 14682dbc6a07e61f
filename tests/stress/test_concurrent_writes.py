"""Threads with boto3 clients and tasks with async clients write into one backend
at once, and nothing is lost: every object and item is there exactly once,
with its own content, read back by both kinds of client.

The writes are split between the two kinds: sync threads take every other
key, async tasks the rest, all started together. Each key's content names
the key and who wrote it, so a write that lands under another key, or twice,
or not at all, shows.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable
from contextlib import AsyncExitStack, closing
from dataclasses import dataclass
from typing import Any

import boto3
import pytest
from aiobotocore.session import AioSession

from aiomoto import mock_aws
from tests.stress.conftest import COUNTS, Snapshot, figure

BUCKET = "stress"
TABLE = "stress"
REGION = "us-east-1"


@dataclass(frozen=True)
class Load:
    objects: int
    items: int
    threads: int
    tasks: int
    #: Async clients of each service, shared by the tasks (a client serves
    #: many tasks at once).
    clients: int


#: Server mode sends every request over loopback HTTP, so it carries a tenth.
LOADS = {
    False: Load(
        COUNTS.s3_objects,
        COUNTS.dynamodb_items,
        COUNTS.sync_threads,
        COUNTS.async_tasks,
        COUNTS.async_clients,
    ),
    True: Load(
        COUNTS.s3_objects // 10,
        COUNTS.dynamodb_items // 10,
        COUNTS.sync_threads,
        COUNTS.async_tasks,
        COUNTS.async_clients,
    ),
}


def content(kind: str, index: int) -> bytes:
    return f"object {index:06d} written by {kind} ".encode() * (1 + index % 7)


def key(index: int) -> str:
    return f"objects/{index % 97:02d}/{index:06d}"


def item(kind: str, index: int) -> dict[str, Any]:
    return {
        "pk": {"S": f"item-{index:06d}"},
        "writer": {"S": kind},
        "index": {"N": str(index)},
        "payload": {"B": content(kind, index)[:64]},
        "tags": {"SS": [kind, f"n{index % 13}"]},
    }


def writer_of(index: int) -> str:
    return "sync" if index % 2 == 0 else "async"


def create_bucket_and_table() -> None:
    with closing(boto3.client("s3", region_name=REGION)) as s3:
        s3.create_bucket(Bucket=BUCKET)
    with closing(boto3.client("dynamodb", region_name=REGION)) as dynamodb:
        dynamodb.create_table(
            TableName=TABLE,
            KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
            AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
            BillingMode="PAY_PER_REQUEST",
        )


def sync_writer(
    load: Load, start: threading.Barrier, indexes: range
) -> Callable[[], None]:
    def write() -> None:
        with (
            closing(boto3.client("s3", region_name=REGION)) as s3,
            closing(boto3.client("dynamodb", region_name=REGION)) as dynamodb,
        ):
            start.wait()
            for index in indexes:
                if index < load.objects:
                    s3.put_object(
                        Bucket=BUCKET, Key=key(index), Body=content("sync", index)
                    )
                if index < load.items:
                    dynamodb.put_item(TableName=TABLE, Item=item("sync", index))

    return write


async def async_writers(
    load: Load, start: threading.Barrier, indexes: list[range]
) -> None:
    async with AsyncExitStack() as stack:
        session = AioSession()
        clients = [
            (
                await stack.enter_async_context(
                    session.create_client("s3", region_name=REGION)
                ),
                await stack.enter_async_context(
                    session.create_client("dynamodb", region_name=REGION)
                ),
            )
            for _ in range(load.clients)
        ]

        async def task(number: int, mine: range) -> None:
            s3, dynamodb = clients[number % load.clients]
            for index in mine:
                if index < load.objects:
                    await s3.put_object(
                        Bucket=BUCKET, Key=key(index), Body=content("async", index)
                    )
                if index < load.items:
                    await dynamodb.put_item(TableName=TABLE, Item=item("async", index))
                await asyncio.sleep(0)  # let the other tasks interleave

        await asyncio.to_thread(start.wait)
        await asyncio.gather(*(task(n, mine) for n, mine in enumerate(indexes)))


def shares(indexes: list[int], parts: int) -> list[range]:
    """``indexes`` (an arithmetic sequence) split into ``parts`` ranges."""
    step = indexes[1] - indexes[0] if len(indexes) > 1 else 1
    size = -(-len(indexes) // parts)
    chunks = [indexes[n * size : (n + 1) * size] for n in range(parts)]
    return [range(chunk[0], chunk[-1] + 1, step) for chunk in chunks if chunk]


def listed_keys_sync() -> list[str]:
    with closing(boto3.client("s3", region_name=REGION)) as s3:
        pages = s3.get_paginator("list_objects_v2").paginate(Bucket=BUCKET)
        return [entry["Key"] for page in pages for entry in page.get("Contents", [])]


def check_sync_reads(load: Load) -> None:
    with (
        closing(boto3.client("s3", region_name=REGION)) as s3,
        closing(boto3.client("dynamodb", region_name=REGION)) as dynamodb,
    ):
        for index in range(load.objects):
            body = s3.get_object(Bucket=BUCKET, Key=key(index))["Body"].read()
            assert body == content(writer_of(index), index), key(index)
        pages = dynamodb.get_paginator("scan").paginate(TableName=TABLE)
        items = [found for page in pages for found in page["Items"]]
    assert_items(load, items)


async def check_async_reads(load: Load) -> None:
    session = AioSession()
    async with (
        session.create_client("s3", region_name=REGION) as s3,
        session.create_client("dynamodb", region_name=REGION) as dynamodb,
    ):
        keys: list[str] = []
        async for listed in s3.get_paginator("list_objects_v2").paginate(Bucket=BUCKET):
            keys += [entry["Key"] for entry in listed.get("Contents", [])]
        assert sorted(keys) == sorted(key(i) for i in range(load.objects))
        for index in range(load.objects):
            response = await s3.get_object(Bucket=BUCKET, Key=key(index))
            async with response["Body"] as body:
                assert await body.read() == content(writer_of(index), index)
        items: list[dict[str, Any]] = []
        async for scanned in dynamodb.get_paginator("scan").paginate(TableName=TABLE):
            items += scanned["Items"]
    assert_items(load, items)


def assert_items(load: Load, items: list[dict[str, Any]]) -> None:
    by_key = {found["pk"]["S"]: found for found in items}
    assert len(items) == len(by_key) == load.items
    for index in range(load.items):
        found = by_key[f"item-{index:06d}"]
        expected = item(writer_of(index), index)
        assert found["writer"] == expected["writer"]
        assert found["index"] == expected["index"]
        assert found["payload"] == expected["payload"]
        assert sorted(found["tags"]["SS"]) == sorted(expected["tags"]["SS"])


@pytest.mark.parametrize("server_mode", [False, True], ids=["in-process", "server"])
def test_sync_threads_and_async_tasks_lose_no_write_in_one_backend(
    nothing_left_behind: Snapshot, server_mode: bool
) -> None:
    load = LOADS[server_mode]
    everything = list(range(max(load.objects, load.items)))
    sync_part = shares(everything[0::2], load.threads)
    async_part = shares(everything[1::2], load.tasks)
    with mock_aws(server_mode=server_mode):
        create_bucket_and_table()
        start = threading.Barrier(len(sync_part) + 1)
        threads = [
            threading.Thread(target=sync_writer(load, start, mine))
            for mine in sync_part
        ]
        for thread in threads:
            thread.start()
        started = time.perf_counter()
        asyncio.run(async_writers(load, start, async_part))
        for thread in threads:
            thread.join()
        writing = time.perf_counter() - started

        keys = listed_keys_sync()
        assert len(keys) == len(set(keys)) == load.objects
        check_sync_reads(load)
        asyncio.run(check_async_reads(load))
    mode = "server mode" if server_mode else "in-process"
    figure(
        f"concurrent writes, {mode}",
        f"{load.objects} S3 objects + {load.items} DynamoDB items "
        f"from {load.threads} threads and {load.tasks} tasks in "
        f"{writing:.1f} s; all read back by boto3 and aiobotocore, none lost",
    )
