"""DynamoDB items cross between boto3 and async clients, both ways."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import TYPE_CHECKING

import pytest

from tests.services.aws_clients import async_client, sync_client
from tests.services.dynamodb_songs import SONGS_TABLE, TABLE, key, song, titles

if TYPE_CHECKING:
    from mypy_boto3_dynamodb import DynamoDBClient
    from types_aiobotocore_dynamodb import DynamoDBClient as AsyncDynamoDBClient

pytestmark = pytest.mark.anyio


@pytest.fixture
def dynamodb(aws: None) -> Iterator[DynamoDBClient]:
    """A boto3 client and the songs table."""
    with sync_client("dynamodb") as client:
        client.create_table(**SONGS_TABLE)
        yield client


@pytest.fixture
async def client(
    kind: str, dynamodb: DynamoDBClient
) -> AsyncIterator[AsyncDynamoDBClient]:
    """An async client of each kind, next to ``dynamodb`` and its table."""
    async with async_client(kind, "dynamodb") as opened:
        yield opened


async def test_items_boto3_writes_are_read_and_queried_by_an_async_client(
    dynamodb: DynamoDBClient, client: AsyncDynamoDBClient
) -> None:
    with_cover = {**song("Nina", "Sinnerman", plays=3), "cover": {"B": b"\x89PNG\0"}}
    dynamodb.put_item(TableName=TABLE, Item=with_cover)
    dynamodb.put_item(TableName=TABLE, Item=song("Nina", "Feeling Good"))

    read = await client.get_item(TableName=TABLE, Key=key("Nina", "Sinnerman"))
    queried = await client.query(
        TableName=TABLE,
        KeyConditionExpression="artist = :artist",
        ExpressionAttributeValues={":artist": {"S": "Nina"}},
    )

    assert read["Item"] == with_cover
    assert titles(queried["Items"]) == ["Feeling Good", "Sinnerman"]


async def test_an_item_an_async_client_writes_and_updates_is_read_by_boto3(
    dynamodb: DynamoDBClient, client: AsyncDynamoDBClient
) -> None:
    await client.put_item(TableName=TABLE, Item=song("Miles", "So What", plays=1))
    await client.update_item(
        TableName=TABLE,
        Key=key("Miles", "So What"),
        UpdateExpression="SET plays = plays + :one",
        ExpressionAttributeValues={":one": {"N": "1"}},
    )

    read = dynamodb.get_item(TableName=TABLE, Key=key("Miles", "So What"))

    assert read["Item"] == song("Miles", "So What", plays=2)
