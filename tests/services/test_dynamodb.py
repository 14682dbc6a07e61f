"""DynamoDB tables and items through async clients served in-process by Moto.

Every test runs once per async client kind: aiobotocore, and aioboto3 where
it is installed. ``test_dynamodb_across_clients`` covers boto3 side by side.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import TYPE_CHECKING

import pytest

from tests.services.aws_clients import ASYNC_CLIENT_KINDS, async_client
from tests.services.dynamodb_songs import SONGS_TABLE, TABLE, key, song, titles

if TYPE_CHECKING:
    from types_aiobotocore_dynamodb import DynamoDBClient
    from types_aiobotocore_dynamodb.type_defs import WaiterConfigTypeDef

pytestmark = pytest.mark.anyio


@pytest.fixture(params=ASYNC_CLIENT_KINDS)
async def client(
    request: pytest.FixtureRequest, aws: None
) -> AsyncIterator[DynamoDBClient]:
    """An async DynamoDB client of each kind, in an empty backend."""
    async with async_client(request.param, "dynamodb") as opened:
        yield opened


@pytest.fixture
async def songs(client: DynamoDBClient) -> DynamoDBClient:
    """The client, after it created the songs table."""
    await client.create_table(**SONGS_TABLE)
    return client


async def test_a_created_table_is_active_and_described_with_its_key_schema(
    client: DynamoDBClient,
) -> None:
    created = await client.create_table(**SONGS_TABLE)

    described = (await client.describe_table(TableName=TABLE))["Table"]
    assert created["TableDescription"]["TableName"] == TABLE
    assert described["TableStatus"] == "ACTIVE"
    assert described["KeySchema"] == SONGS_TABLE["KeySchema"]
    assert (await client.list_tables())["TableNames"] == [TABLE]


async def test_an_item_is_put_read_updated_and_deleted(songs: DynamoDBClient) -> None:
    await songs.put_item(TableName=TABLE, Item=song("Nina", "Sinnerman", plays=1))
    read = await songs.get_item(TableName=TABLE, Key=key("Nina", "Sinnerman"))

    updated = await songs.update_item(
        TableName=TABLE,
        Key=key("Nina", "Sinnerman"),
        UpdateExpression="SET plays = plays + :one",
        ExpressionAttributeValues={":one": {"N": "1"}},
        ReturnValues="ALL_NEW",
    )
    deleted = await songs.delete_item(
        TableName=TABLE, Key=key("Nina", "Sinnerman"), ReturnValues="ALL_OLD"
    )
    after = await songs.get_item(TableName=TABLE, Key=key("Nina", "Sinnerman"))

    assert read["Item"] == song("Nina", "Sinnerman", plays=1)
    assert updated["Attributes"]["plays"] == {"N": "2"}
    assert deleted["Attributes"] == song("Nina", "Sinnerman", plays=2)
    assert "Item" not in after


async def test_a_query_reads_one_artist_in_title_order(songs: DynamoDBClient) -> None:
    for artist, title in [
        ("Nina", "Sinnerman"),
        ("Miles", "So What"),
        ("Nina", "Feeling Good"),
    ]:
        await songs.put_item(TableName=TABLE, Item=song(artist, title))

    forwards = await songs.query(
        TableName=TABLE,
        KeyConditionExpression="artist = :artist",
        ExpressionAttributeValues={":artist": {"S": "Nina"}},
    )
    backwards = await songs.query(
        TableName=TABLE,
        KeyConditionExpression="artist = :artist AND begins_with(title, :s)",
        ExpressionAttributeValues={":artist": {"S": "Nina"}, ":s": {"S": "S"}},
        ScanIndexForward=False,
    )

    assert titles(forwards["Items"]) == ["Feeling Good", "Sinnerman"]
    assert titles(backwards["Items"]) == ["Sinnerman"]


async def test_a_scan_reads_every_artist_and_applies_its_filter(
    songs: DynamoDBClient,
) -> None:
    for title, plays in [("Sinnerman", 5), ("So What", 1), ("Feeling Good", 9)]:
        await songs.put_item(TableName=TABLE, Item=song("Various", title, plays))

    everything = await songs.scan(TableName=TABLE)
    popular = await songs.scan(
        TableName=TABLE,
        FilterExpression="plays > :n",
        ExpressionAttributeValues={":n": {"N": "3"}},
    )

    assert everything["Count"] == 3
    assert sorted(titles(popular["Items"])) == ["Feeling Good", "Sinnerman"]
    assert popular["ScannedCount"] == 3


async def test_a_failed_condition_raises_the_modeled_exception_and_changes_nothing(
    songs: DynamoDBClient,
) -> None:
    await songs.put_item(TableName=TABLE, Item=song("Nina", "Sinnerman", plays=1))

    with pytest.raises(songs.exceptions.ConditionalCheckFailedException) as caught:
        await songs.put_item(
            TableName=TABLE,
            Item=song("Nina", "Sinnerman", plays=99),
            ConditionExpression="attribute_not_exists(artist)",
            ReturnValuesOnConditionCheckFailure="ALL_OLD",
        )
    with pytest.raises(songs.exceptions.ConditionalCheckFailedException):
        await songs.update_item(
            TableName=TABLE,
            Key=key("Nina", "Sinnerman"),
            UpdateExpression="SET plays = :n",
            ConditionExpression="plays > :n",
            ExpressionAttributeValues={":n": {"N": "5"}},
        )

    assert caught.value.response["Error"]["Code"] == "ConditionalCheckFailedException"
    assert caught.value.response.get("Item") == song("Nina", "Sinnerman", plays=1)
    kept = await songs.get_item(TableName=TABLE, Key=key("Nina", "Sinnerman"))
    assert kept["Item"] == song("Nina", "Sinnerman", plays=1)


async def test_transact_write_items_applies_every_action_together(
    songs: DynamoDBClient,
) -> None:
    await songs.put_item(TableName=TABLE, Item=song("Nina", "Sinnerman", plays=1))
    await songs.put_item(TableName=TABLE, Item=song("Nina", "Old Take"))

    await songs.transact_write_items(
        TransactItems=[
            {"Put": {"TableName": TABLE, "Item": song("Miles", "So What")}},
            {
                "Update": {
                    "TableName": TABLE,
                    "Key": key("Nina", "Sinnerman"),
                    "UpdateExpression": "SET plays = plays + :one",
                    "ExpressionAttributeValues": {":one": {"N": "1"}},
                }
            },
            {"Delete": {"TableName": TABLE, "Key": key("Nina", "Old Take")}},
        ]
    )

    remaining = (await songs.scan(TableName=TABLE))["Items"]
    assert sorted(titles(remaining)) == ["Sinnerman", "So What"]
    assert song("Nina", "Sinnerman", plays=2) in remaining


async def test_a_cancelled_transaction_raises_transaction_canceled_and_writes_nothing(
    songs: DynamoDBClient,
) -> None:
    await songs.put_item(TableName=TABLE, Item=song("Nina", "Sinnerman"))

    with pytest.raises(songs.exceptions.TransactionCanceledException) as caught:
        await songs.transact_write_items(
            TransactItems=[
                {"Put": {"TableName": TABLE, "Item": song("Miles", "So What")}},
                {
                    "ConditionCheck": {
                        "TableName": TABLE,
                        "Key": key("Nina", "Sinnerman"),
                        "ConditionExpression": "attribute_not_exists(artist)",
                    }
                },
            ]
        )

    reasons = [
        reason["Code"] for reason in caught.value.response["CancellationReasons"]
    ]
    assert reasons == ["None", "ConditionalCheckFailed"]
    missing = await songs.get_item(TableName=TABLE, Key=key("Miles", "So What"))
    assert "Item" not in missing


async def test_batch_get_item_returns_the_items_batch_write_item_wrote(
    songs: DynamoDBClient,
) -> None:
    written = [
        song("Nina", "Sinnerman"),
        song("Miles", "So What"),
        song("Miles", "Blue"),
    ]

    await songs.batch_write_item(
        RequestItems={TABLE: [{"PutRequest": {"Item": item}} for item in written]}
    )
    read = await songs.batch_get_item(
        RequestItems={
            TABLE: {
                "Keys": [
                    key("Miles", "Blue"),
                    key("Nina", "Sinnerman"),
                    key("Nobody", "Nothing"),
                ]
            }
        }
    )

    assert sorted(titles(read["Responses"][TABLE])) == ["Blue", "Sinnerman"]
    assert not read["UnprocessedKeys"]


async def test_the_scan_paginator_walks_every_page(songs: DynamoDBClient) -> None:
    for number in range(5):
        await songs.put_item(TableName=TABLE, Item=song("Various", f"Track {number}"))
    paginator = songs.get_paginator("scan")

    pages = [
        page
        async for page in paginator.paginate(
            TableName=TABLE, PaginationConfig={"PageSize": 2}
        )
    ]
    full = await paginator.paginate(
        TableName=TABLE, PaginationConfig={"PageSize": 2}
    ).build_full_result()

    assert [page["Count"] for page in pages] == [2, 2, 1]
    every_title = sorted(title for page in pages for title in titles(page["Items"]))
    assert every_title == [f"Track {number}" for number in range(5)]
    assert sorted(titles(full["Items"])) == every_title


async def test_the_table_waiters_see_a_table_appear_and_disappear(
    client: DynamoDBClient,
) -> None:
    quick: WaiterConfigTypeDef = {"Delay": 1, "MaxAttempts": 3}

    await client.create_table(**SONGS_TABLE)
    await client.get_waiter("table_exists").wait(TableName=TABLE, WaiterConfig=quick)
    await client.delete_table(TableName=TABLE)
    await client.get_waiter("table_not_exists").wait(
        TableName=TABLE, WaiterConfig=quick
    )

    assert (await client.list_tables())["TableNames"] == []
