"""DynamoDB items cross between boto3 and async clients, both ways."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import TYPE_CHECKING

import pytest

from tests.services.aws_clients import sync_client
from tests.services.dynamodb_songs import SONGS_TABLE, TABLE, key, song
from tests.smoke.clients import async_client

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


async def test_an_item_boto3_writes_is_read_back_whole_by_an_async_client(
    dynamodb: DynamoDBClient, client: AsyncDynamoDBClient
) -> None:
    item = {
        **key("Nina", "Sinnerman"),
        "cover": {"B": b"\x89PNG\0"},
        "tags": {"L": [{"S": "jazz"}, {"N": "1965"}, {"M": {"live": {"BOOL": True}}}]},
    }
    dynamodb.put_item(TableName=TABLE, Item=item)

    read = await client.get_item(TableName=TABLE, Key=key("Nina", "Sinnerman"))

    assert read["Item"] == item


async def test_items_an_async_client_writes_in_a_batch_are_queried_by_boto3(
    dynamodb: DynamoDBClient, client: AsyncDynamoDBClient
) -> None:
    written = [song("Miles", "So What", plays=2), song("Miles", "Blue in Green")]

    await client.batch_write_item(
        RequestItems={TABLE: [{"PutRequest": {"Item": item}} for item in written]}
    )
    queried = dynamodb.query(
        TableName=TABLE,
        KeyConditionExpression="artist = :artist",
        ExpressionAttributeValues={":artist": {"S": "Miles"}},
    )

    assert queried["Items"] == written[::-1]
