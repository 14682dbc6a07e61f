"""Requests and enters cancelled at random points leave a consistent backend.

Each iteration starts a request (an S3 put of a key of its own, or an atomic
DynamoDB counter increment) and cancels it at a random point: through
``asyncio.wait_for`` with a tiny timeout, or ``task.cancel()`` after a random
number of loop turns. A request that was not cancelled must have landed; one
that was may have landed or not, but never in part: a fresh request then
reads either nothing or the whole object, and the counter moved by 0 or 1.
Between iterations, later requests work. Server-mode enters are cancelled
the same way. Afterwards nothing is left behind (``nothing_left_behind``).

The iterations use one seeded random generator, so a failure reproduces.
"""

from __future__ import annotations

import asyncio
import functools
import random
from collections import Counter
from collections.abc import Awaitable, Callable
from contextlib import AsyncExitStack
from typing import Any

import pytest
from aiobotocore.session import AioSession
from botocore.exceptions import ClientError

from aiomoto import _lifecycle, mock_aws
from tests.stress.conftest import COUNTS, Snapshot, figure

SEED = 20261127
REGION = "us-east-1"
BUCKET = "cancellations"
TABLE = "counters"


#: Timeouts for ``wait_for``: some expire before a request starts, some
#: while it runs (when it has a point to be cancelled at), some never.
TINY_TIMEOUTS = [0.0, 1e-6, 1e-4, 1e-3, 1e-2]


async def cancelled_at_random(
    rng: random.Random,
    request: Callable[[], Awaitable[Any]],
    timeouts: list[float] = TINY_TIMEOUTS,
) -> str:
    """Run ``request``, cancelling it at a random point: how it ended."""
    if rng.random() < 0.5:
        timeout = rng.choice(timeouts)
        try:
            await asyncio.wait_for(request(), timeout)
        except asyncio.TimeoutError:
            return "timed out"
        return "completed"
    task = asyncio.ensure_future(request())
    for _ in range(rng.randrange(6)):
        await asyncio.sleep(0)  # a loop turn, not a wait
    task.cancel()
    await asyncio.wait({task})
    if task.cancelled():
        return "cancelled"
    task.result()
    return "completed"


async def s3_body(s3: Any, key: str) -> bytes | None:
    """The object's body, or ``None`` if there is no such object."""
    try:
        response = await s3.get_object(Bucket=BUCKET, Key=key)
    except ClientError as error:
        code = error.response["Error"]["Code"]
    else:
        async with response["Body"] as stream:
            data: bytes = await stream.read()
        return data
    assert code == "NoSuchKey"
    return None


async def counter(dynamodb: Any, name: str) -> int | None:
    """The counter's value, or ``None`` if no increment of it landed."""
    found = await dynamodb.get_item(
        TableName=TABLE, Key={"pk": {"S": name}}, ConsistentRead=True
    )
    return int(found["Item"]["n"]["N"]) if "Item" in found else None


def increment(dynamodb: Any, name: str) -> Callable[[], Awaitable[Any]]:
    return functools.partial(
        dynamodb.update_item,
        TableName=TABLE,
        Key={"pk": {"S": name}},
        UpdateExpression="ADD n :one",
        ExpressionAttributeValues={":one": {"N": "1"}},
    )


async def requests_cancelled_at_random(
    rng: random.Random, iterations: int, outcomes: Counter[str]
) -> None:
    """Each iteration writes an object or increments a counter of its own, so
    a cancelled request that the server still completes later (over HTTP it
    may) can only land as itself: whole, once, under its own key."""
    bodies: dict[str, bytes] = {}
    counters: list[str] = []
    completed: set[str] = set()
    async with AsyncExitStack() as stack:
        session = AioSession()
        s3 = await stack.enter_async_context(
            session.create_client("s3", region_name=REGION)
        )
        dynamodb = await stack.enter_async_context(
            session.create_client("dynamodb", region_name=REGION)
        )
        await s3.create_bucket(Bucket=BUCKET)
        await dynamodb.create_table(
            TableName=TABLE,
            KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
            AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
            BillingMode="PAY_PER_REQUEST",
        )
        for iteration in range(iterations):
            name = f"request-{iteration}"
            if rng.random() < 0.5:
                body = bodies[name] = rng.randbytes(rng.choice([0, 1, 100, 70_000]))
                put = functools.partial(
                    s3.put_object, Bucket=BUCKET, Key=name, Body=body
                )
                ended = await cancelled_at_random(rng, put)
                found = await s3_body(s3, name)
                assert found in (None, body), f"{name}: a partial or foreign body"
                landed = found is not None
            else:
                counters.append(name)
                ended = await cancelled_at_random(rng, increment(dynamodb, name))
                value = await counter(dynamodb, name)
                assert value in (None, 1), f"{name}: incremented {value} times"
                landed = value == 1
            if ended == "completed":
                completed.add(name)
                assert landed, f"{name}: a completed request did not land"
            outcome = "landed" if landed else "did not land"
            outcomes[f"{ended}, {outcome}"] += 1
        # Later requests work; every object is whole and every counter was
        # incremented at most once, however late a cancelled request landed.
        keys: set[str] = set()
        async for page in s3.get_paginator("list_objects_v2").paginate(Bucket=BUCKET):
            keys |= {entry["Key"] for entry in page.get("Contents", [])}
        assert keys <= set(bodies)
        assert completed & set(bodies) <= keys
        for key in keys:
            assert await s3_body(s3, key) == bodies[key]
        for name in counters:
            assert await counter(dynamodb, name) in (
                (1,) if name in completed else (None, 1)
            )


@pytest.mark.parametrize("server_mode", [False, True], ids=["in-process", "server"])
def test_requests_cancelled_at_random_points_never_half_land(
    nothing_left_behind: Snapshot, server_mode: bool
) -> None:
    rng = random.Random(SEED)
    outcomes: Counter[str] = Counter()

    async def run() -> None:
        async with mock_aws(server_mode=server_mode):
            await requests_cancelled_at_random(rng, COUNTS.cancellations, outcomes)

    asyncio.run(run())
    assert sum(outcomes.values()) == COUNTS.cancellations
    mode = "server mode" if server_mode else "in-process"
    figure(
        f"requests cancelled at random, {mode}",
        f"{COUNTS.cancellations}: "
        + ", ".join(f"{name} {count}" for name, count in sorted(outcomes.items())),
    )


#: A server starts in tens of milliseconds: these land before, during and
#: after the enter, and inside the body.
ENTER_TIMEOUTS = [0.0, 1e-3, 1e-2, 3e-2, 0.1, 0.3, 10.0]


def test_server_mode_enters_cancelled_at_random_points_leave_nothing_behind(
    nothing_left_behind: Snapshot,
) -> None:
    rng = random.Random(SEED)
    outcomes: Counter[str] = Counter()
    iterations = max(10, COUNTS.cancellations // 10)

    async def enter_and_use() -> None:
        async with mock_aws(server_mode=True):
            outcomes["entered"] += 1
            async with AioSession().create_client("s3", region_name=REGION) as s3:
                await s3.list_buckets()

    async def run() -> None:
        for _ in range(iterations):
            ended = await cancelled_at_random(rng, enter_and_use, ENTER_TIMEOUTS)
            outcomes[ended] += 1

    asyncio.run(run())
    assert _lifecycle.depth() == 0
    assert sum(outcomes[name] for name in ("completed", "cancelled", "timed out")) == (
        iterations
    )
    figure(
        "server-mode enters cancelled at random",
        f"{iterations}: "
        + ", ".join(f"{name} {count}" for name, count in sorted(outcomes.items())),
    )
