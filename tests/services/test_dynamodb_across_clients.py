"""DynamoDB seen from boto3 and async clients at once: one backend, same errors.

Async tests run once per async client kind: aiobotocore, and aioboto3 where
it is installed.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import TYPE_CHECKING, Any

import pytest
from botocore.exceptions import ClientError

from tests.optional import needs_aioboto3
from tests.services.aws_clients import (
    ASYNC_CLIENT_KINDS,
    REGION,
    async_client,
    sync_client,
)
from tests.services.dynamodb_songs import SONGS_TABLE, TABLE, key, song, titles

if TYPE_CHECKING:
    from mypy_boto3_dynamodb import DynamoDBClient
    from types_aiobotocore_dynamodb import DynamoDBClient as AsyncDynamoDBClient

pytestmark = pytest.mark.anyio

OTHER_REGION = "eu-west-1"


@pytest.fixture
def dynamodb(aws: None) -> Iterator[DynamoDBClient]:
    """A boto3 DynamoDB client, in an empty backend."""
    with sync_client("dynamodb") as client:
        yield client


@pytest.fixture(params=ASYNC_CLIENT_KINDS)
def kind(request: pytest.FixtureRequest) -> str:
    """Each kind of async client in turn."""
    name: str = request.param
    return name


@pytest.fixture
async def client(kind: str, aws: None) -> AsyncIterator[AsyncDynamoDBClient]:
    """An async DynamoDB client of each kind, in an empty backend."""
    async with async_client(kind, "dynamodb") as opened:
        yield opened


def _error_shape(error: ClientError) -> tuple[str, str, int, str]:
    """What a caller can see of an error: class, code, HTTP status, message."""
    return (
        type(error).__name__,
        error.response["Error"]["Code"],
        error.response["ResponseMetadata"]["HTTPStatusCode"],
        error.response["Error"]["Message"],
    )


async def test_a_missing_table_raises_resource_not_found_from_both_clients(
    dynamodb: DynamoDBClient, client: AsyncDynamoDBClient
) -> None:
    with pytest.raises(dynamodb.exceptions.ResourceNotFoundException) as from_boto3:
        dynamodb.get_item(TableName="missing", Key=key("Nina", "Sinnerman"))
    with pytest.raises(client.exceptions.ResourceNotFoundException) as from_async:
        await client.get_item(TableName="missing", Key=key("Nina", "Sinnerman"))
    with pytest.raises(client.exceptions.ResourceNotFoundException):
        await client.describe_table(TableName="missing")

    assert _error_shape(from_async.value) == _error_shape(from_boto3.value)
    assert _error_shape(from_async.value)[:3] == (
        "ResourceNotFoundException",
        "ResourceNotFoundException",
        400,
    )


async def test_a_failed_condition_raises_the_same_modeled_exception_as_boto3(
    dynamodb: DynamoDBClient, client: AsyncDynamoDBClient
) -> None:
    dynamodb.create_table(**SONGS_TABLE)
    dynamodb.put_item(TableName=TABLE, Item=song("Nina", "Sinnerman"))
    only_new: dict[str, Any] = {
        "TableName": TABLE,
        "Item": song("Nina", "Sinnerman", plays=5),
        "ConditionExpression": "attribute_not_exists(artist)",
    }

    with pytest.raises(dynamodb.exceptions.ConditionalCheckFailedException) as sync:
        dynamodb.put_item(**only_new)
    with pytest.raises(client.exceptions.ConditionalCheckFailedException) as async_:
        await client.put_item(**only_new)

    assert isinstance(async_.value, client.exceptions.ConditionalCheckFailedException)
    assert _error_shape(async_.value) == _error_shape(sync.value)
    assert _error_shape(async_.value)[1:3] == ("ConditionalCheckFailedException", 400)


async def test_an_item_written_by_boto3_is_read_by_an_async_client(
    dynamodb: DynamoDBClient, client: AsyncDynamoDBClient
) -> None:
    with_cover = {**song("Nina", "Sinnerman", plays=3), "cover": {"B": b"\x89PNG\0"}}
    dynamodb.create_table(**SONGS_TABLE)
    dynamodb.put_item(TableName=TABLE, Item=with_cover)
    dynamodb.put_item(TableName=TABLE, Item=song("Nina", "Feeling Good"))

    read = await client.get_item(TableName=TABLE, Key=key("Nina", "Sinnerman"))
    queried = await client.query(
        TableName=TABLE,
        KeyConditionExpression="artist = :artist",
        ExpressionAttributeValues={":artist": {"S": "Nina"}},
    )

    assert (await client.list_tables())["TableNames"] == [TABLE]
    assert read["Item"] == with_cover
    assert titles(queried["Items"]) == ["Feeling Good", "Sinnerman"]


async def test_an_item_written_by_an_async_client_is_read_by_boto3(
    dynamodb: DynamoDBClient, client: AsyncDynamoDBClient
) -> None:
    await client.create_table(**SONGS_TABLE)
    await client.put_item(TableName=TABLE, Item=song("Miles", "So What", plays=1))
    await client.update_item(
        TableName=TABLE,
        Key=key("Miles", "So What"),
        UpdateExpression="SET plays = plays + :one",
        ExpressionAttributeValues={":one": {"N": "1"}},
    )

    read = dynamodb.get_item(TableName=TABLE, Key=key("Miles", "So What"))
    scanned = dynamodb.scan(TableName=TABLE)

    assert dynamodb.describe_table(TableName=TABLE)["Table"]["TableStatus"] == "ACTIVE"
    assert read["Item"] == song("Miles", "So What", plays=2)
    assert scanned["Count"] == 1


@pytest.mark.parametrize("creator", ["boto3", "async client"])
async def test_a_table_created_in_one_region_is_not_visible_in_another(
    creator: str, kind: str, dynamodb: DynamoDBClient, client: AsyncDynamoDBClient
) -> None:
    if creator == "boto3":
        dynamodb.create_table(**SONGS_TABLE)
    else:
        await client.create_table(**SONGS_TABLE)

    with sync_client("dynamodb", region_name=OTHER_REGION) as elsewhere:
        async with async_client(
            kind, "dynamodb", region_name=OTHER_REGION
        ) as async_elsewhere:
            assert elsewhere.list_tables()["TableNames"] == []
            assert (await async_elsewhere.list_tables())["TableNames"] == []
            with pytest.raises(elsewhere.exceptions.ResourceNotFoundException):
                elsewhere.describe_table(TableName=TABLE)
            with pytest.raises(async_elsewhere.exceptions.ResourceNotFoundException):
                await async_elsewhere.describe_table(TableName=TABLE)

    assert dynamodb.list_tables()["TableNames"] == [TABLE]
    assert (await client.list_tables())["TableNames"] == [TABLE]
    table_arn = (await client.describe_table(TableName=TABLE))["Table"]["TableArn"]
    assert table_arn.startswith(f"arn:aws:dynamodb:{REGION}:")


@needs_aioboto3
async def test_an_aioboto3_table_batch_writer_writes_items_that_boto3_reads(
    dynamodb: DynamoDBClient,
) -> None:
    import aioboto3
    from boto3.dynamodb.conditions import Key

    async with aioboto3.Session().resource("dynamodb", region_name=REGION) as resource:
        table = await resource.create_table(**SONGS_TABLE)
        await table.wait_until_exists()
        async with table.batch_writer() as batch:
            for number in range(30):
                await batch.put_item(
                    Item={
                        "artist": "Various",
                        "title": f"Track {number:02}",
                        "plays": number,
                    }
                )
            await batch.delete_item(Key={"artist": "Various", "title": "Track 29"})

        first_ten = await table.query(
            KeyConditionExpression=Key("artist").eq("Various")
            & Key("title").begins_with("Track 0")
        )
        one = await table.get_item(Key={"artist": "Various", "title": "Track 07"})

    assert [item["title"] for item in first_ten["Items"]] == [
        f"Track {number:02}" for number in range(10)
    ]
    assert one["Item"]["plays"] == 7
    every_item = dynamodb.scan(TableName=TABLE)["Items"]
    assert sorted(titles(every_item)) == [f"Track {number:02}" for number in range(29)]
    seventh = dynamodb.get_item(TableName=TABLE, Key=key("Various", "Track 07"))
    assert seventh["Item"] == song("Various", "Track 07", plays=7)
