"""The examples of the contexts-and-decorators page, as written.

Each example is kept verbatim; the test functions it defines are collected by
pytest like any other test.
"""

from __future__ import annotations

import boto3
import pytest
from aiobotocore.session import AioSession

from aiomoto import mock_aws, mock_aws_decorator

pytestmark = pytest.mark.anyio


def test_with_block() -> None:
    with mock_aws():
        boto3.client("s3", region_name="us-east-1").create_bucket(Bucket="demo")


async def demo() -> None:
    async with mock_aws():
        async with AioSession().create_client("s3", region_name="us-east-1") as s3:
            await s3.create_bucket(Bucket="demo")


async def test_the_async_with_example_runs() -> None:
    await demo()


@mock_aws
def test_sync() -> None: ...


@mock_aws(reset=False)
def test_sync_no_reset() -> None: ...


# Preconfigure once, reuse as a decorator.
mock_no_reset = mock_aws_decorator(reset=False, remove_data=False)


@mock_no_reset
async def test_async() -> None: ...


@mock_aws
def test_nested() -> None:
    s3 = boto3.client("s3", region_name="us-east-1")
    s3.create_bucket(Bucket="outer")

    with mock_aws():
        # The inner context shares the outer's backend (no reset).
        assert any(b["Name"] == "outer" for b in s3.list_buckets()["Buckets"])
        s3.create_bucket(Bucket="inner")

    # The inner bucket is still here after the inner block exits.
    names = {b["Name"] for b in s3.list_buckets()["Buckets"]}
    assert names == {"outer", "inner"}
