"""Async waiters poll Moto until S3 reaches the state they wait for."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from botocore.exceptions import WaiterError

from tests.services.flavours import S3Flavour

pytestmark = pytest.mark.anyio

BUCKET = "waited-on"
#: Poll without sleeping, and give up soon: nothing here changes on its own.
QUICKLY = {"Delay": 0, "MaxAttempts": 3}


async def test_bucket_exists_returns_once_the_bucket_is_created(
    async_s3: S3Flavour,
) -> None:
    await async_s3.create_bucket(BUCKET)

    await async_s3.client.get_waiter("bucket_exists").wait(
        Bucket=BUCKET, WaiterConfig=QUICKLY
    )


async def test_object_exists_keeps_polling_until_another_task_writes_it(
    async_s3: S3Flavour,
) -> None:
    await async_s3.create_bucket(BUCKET)
    first_miss = asyncio.Event()

    def on_head(http_response: Any, **kwargs: Any) -> None:
        if http_response.status_code == 404:
            first_miss.set()

    async_s3.client.meta.events.register("after-call.s3.HeadObject", on_head)

    async def write_after_the_first_miss() -> None:
        await first_miss.wait()
        await async_s3.put(BUCKET, "late", b"here now")

    await asyncio.gather(
        async_s3.client.get_waiter("object_exists").wait(
            Bucket=BUCKET, Key="late", WaiterConfig={"Delay": 0.01, "MaxAttempts": 50}
        ),
        write_after_the_first_miss(),
    )

    assert first_miss.is_set()
    assert await async_s3.get(BUCKET, "late") == b"here now"


async def test_object_not_exists_returns_once_the_object_is_deleted(
    async_s3: S3Flavour,
) -> None:
    await async_s3.create_bucket(BUCKET)
    await async_s3.put(BUCKET, "doomed", b"x")
    await async_s3.delete(BUCKET, "doomed")

    await async_s3.client.get_waiter("object_not_exists").wait(
        Bucket=BUCKET, Key="doomed", WaiterConfig=QUICKLY
    )


async def test_object_exists_gives_up_with_a_waiter_error_after_its_attempts(
    async_s3: S3Flavour,
) -> None:
    await async_s3.create_bucket(BUCKET)

    with pytest.raises(WaiterError, match="Max attempts exceeded"):
        await async_s3.client.get_waiter("object_exists").wait(
            Bucket=BUCKET, Key="never", WaiterConfig=QUICKLY
        )
