"""Fixtures and marker under pytest-asyncio (strict, auto) and anyio (asyncio, trio).

Each fixture is sync, so whichever plugin runs the coroutine, the mock is
open before it starts and until after it (and its async fixtures) finish.
"""

from __future__ import annotations

import importlib.util
import string

import pytest

from tests.plugin.conftest import InnerSuite

ASYNC_TESTS = string.Template("""
import boto3
import pytest
import pytest_asyncio
from aiobotocore.session import AioSession

from aiomoto import _lifecycle


async def bucket_names():
    async with AioSession().create_client("s3") as s3:
        return [b["Name"] for b in (await s3.list_buckets())["Buckets"]]


@$fixture
async def queue(aws):
    async with AioSession().create_client("sqs") as sqs:
        yield (await sqs.create_queue(QueueName="jobs"))["QueueUrl"]
        assert _lifecycle.depth() == 1, "the mock outlives async fixtures"


$mark
async def test_aws(aws, queue):
    boto3.client("s3").create_bucket(Bucket="sync-write")
    assert await bucket_names() == ["sync-write"]
    async with AioSession().create_client("sqs") as sqs:
        await sqs.send_message(QueueUrl=queue, MessageBody="hello")


$mark
async def test_aws_server(aws_server):
    async with AioSession().create_client("s3") as s3:
        assert s3.meta.endpoint_url == aws_server.server_endpoint
        await s3.create_bucket(Bucket="through-the-server")
    assert await bucket_names() == ["through-the-server"]


@pytest.mark.aiomoto
$mark
async def test_marker():
    boto3.client("s3").create_bucket(Bucket="marked")
    assert await bucket_names() == ["marked"]


$mark
@pytest.mark.aiomoto(server_mode=True)
async def test_marker_in_server_mode():
    async with AioSession().create_client("s3") as s3:
        await s3.create_bucket(Bucket="marked-server")
    assert await bucket_names() == ["marked-server"]
""")


def test_under_pytest_asyncio_in_strict_mode(suite: InnerSuite) -> None:
    suite.write(
        test_strict=ASYNC_TESTS.substitute(
            fixture="pytest_asyncio.fixture", mark="@pytest.mark.asyncio"
        )
    )
    suite.run("-o", "asyncio_mode=strict").assert_outcomes(passed=4)


def test_under_pytest_asyncio_in_auto_mode(suite: InnerSuite) -> None:
    suite.write(test_auto=ASYNC_TESTS.substitute(fixture="pytest.fixture", mark=""))
    suite.run("-o", "asyncio_mode=auto").assert_outcomes(passed=4)


HAS_TRIO_AND_HTTPX = importlib.util.find_spec("trio") is not None and any(
    importlib.util.find_spec(name) is not None for name in ("httpx2", "httpx")
)


@pytest.mark.skipif(
    not HAS_TRIO_AND_HTTPX,
    reason="trio and httpx are installed in the 'latest' matrix cells only "
    "(see matrix.json)",
)
def test_under_anyio_with_asyncio_and_trio(suite: InnerSuite) -> None:
    """aiohttp runs on asyncio only: under trio, clients use aiobotocore's
    httpx session."""
    suite.write(
        test_anyio="""
        from typing import Any, cast

        import boto3
        import pytest
        from aiobotocore.config import AioConfig
        from aiobotocore.httpxsession import HttpxSession
        from aiobotocore.session import AioSession

        pytestmark = pytest.mark.anyio
        HTTPX = AioConfig(http_session_cls=cast(Any, HttpxSession))


        @pytest.fixture(params=["asyncio", "trio"])
        def anyio_backend(request):
            return request.param


        async def bucket_names():
            async with AioSession().create_client("s3", config=HTTPX) as s3:
                return [b["Name"] for b in (await s3.list_buckets())["Buckets"]]


        async def test_aws(aws):
            boto3.client("s3").create_bucket(Bucket="sync-write")
            assert await bucket_names() == ["sync-write"]


        async def test_aws_server(aws_server):
            async with AioSession().create_client("s3", config=HTTPX) as s3:
                assert s3.meta.endpoint_url == aws_server.server_endpoint
                await s3.create_bucket(Bucket="through-the-server")
            assert await bucket_names() == ["through-the-server"]


        @pytest.mark.aiomoto
        async def test_marker():
            boto3.client("s3").create_bucket(Bucket="marked")
            assert await bucket_names() == ["marked"]


        @pytest.mark.aiomoto(server_mode=True)
        async def test_marker_in_server_mode():
            boto3.client("s3").create_bucket(Bucket="marked-server")
            assert await bucket_names() == ["marked-server"]
        """
    )
    suite.run().assert_outcomes(passed=8)
