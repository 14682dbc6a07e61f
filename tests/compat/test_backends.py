"""aiomoto under every HTTP backend and event loop aiobotocore supports.

aiobotocore 3.x can send through httpx instead of aiohttp
(``AioConfig(http_session_cls=HttpxSession)``), and the httpx backend also
runs under trio (through anyio). S3 and DynamoDB round trips, with
``async with mock_aws()`` and with the decorator, work on each combination,
and a body streams line by line.
"""

from __future__ import annotations

from typing import Any

import boto3
import pytest
from aiobotocore.config import AioConfig
from aiobotocore.session import AioSession

from aiomoto import mock_aws
from tests.compat.conftest import lines_of


def client(service: str, config: AioConfig) -> Any:
    session: Any = AioSession()
    return session.create_client(service, region_name="us-east-1", config=config)


async def s3_round_trip(config: AioConfig, *, lines: bool = False) -> bytes:
    """Put two lines with aiobotocore, read them back whole (or line by line)."""
    boto3.client("s3", region_name="us-east-1").create_bucket(Bucket="backends")
    async with client("s3", config) as s3:
        await s3.put_object(Bucket="backends", Key="k", Body=b"line one\nline two")
        response = await s3.get_object(Bucket="backends", Key="k")
        body = response["Body"]
        async with body:
            if lines:
                assert await lines_of(body) == [b"line one", b"line two"]
            else:
                assert await body.read() == b"line one\nline two"
    written: bytes = (
        boto3.client("s3", region_name="us-east-1")
        .get_object(Bucket="backends", Key="k")["Body"]
        .read()
    )
    return written


async def dynamodb_round_trip(config: AioConfig) -> dict[str, Any]:
    boto3.client("dynamodb", region_name="us-east-1").create_table(
        TableName="backends",
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
    )
    async with client("dynamodb", config) as ddb:
        await ddb.put_item(TableName="backends", Item={"pk": {"S": "async"}})
        missing = ddb.exceptions.ResourceNotFoundException
        with pytest.raises(missing):
            await ddb.get_item(TableName="absent", Key={"pk": {"S": "x"}})
    item: dict[str, Any] = boto3.client("dynamodb", region_name="us-east-1").get_item(
        TableName="backends", Key={"pk": {"S": "async"}}
    )["Item"]
    return item


@pytest.mark.anyio
async def test_s3_round_trips_inside_async_with(config: AioConfig) -> None:
    async with mock_aws():
        assert await s3_round_trip(config) == b"line one\nline two"


@pytest.mark.anyio
async def test_dynamodb_round_trips_inside_async_with(config: AioConfig) -> None:
    async with mock_aws():
        assert await dynamodb_round_trip(config) == {"pk": {"S": "async"}}


@pytest.mark.anyio
async def test_the_decorator_works_on_every_loop_and_backend(config: AioConfig) -> None:
    @mock_aws
    async def both() -> tuple[bytes, dict[str, Any]]:
        return await s3_round_trip(config), await dynamodb_round_trip(config)

    assert await both() == (b"line one\nline two", {"pk": {"S": "async"}})


@pytest.mark.anyio
async def test_a_body_streams_line_by_line(config: AioConfig) -> None:
    async with mock_aws():
        assert await s3_round_trip(config, lines=True) == b"line one\nline two"
