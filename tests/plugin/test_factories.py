"""The bucket and table factories: empty, usable from every client, cleaned up."""

from __future__ import annotations

from contextlib import closing

from tests.optional import needs_aioboto3
from tests.plugin.conftest import InnerSuite, client_of

FACTORIES = """
import boto3
import pytest
from aiobotocore.session import AioSession


def test_buckets_are_empty_and_unique(s3_bucket_factory):
    first, second = s3_bucket_factory(), s3_bucket_factory()
    assert first != second
    s3 = boto3.client("s3")
    assert s3.list_objects_v2(Bucket=first)["KeyCount"] == 0
    s3.put_object(Bucket=first, Key="left/behind.txt", Body=b"x")


def test_a_bucket_in_another_region(s3_bucket_factory):
    bucket = s3_bucket_factory("far-away", region="eu-west-1")
    location = boto3.client("s3").get_bucket_location(Bucket=bucket)
    assert location["LocationConstraint"] == "eu-west-1"


def test_versions_and_delete_markers_are_cleaned_up(s3_bucket_factory):
    bucket = s3_bucket_factory()
    s3 = boto3.client("s3")
    s3.put_bucket_versioning(
        Bucket=bucket, VersioningConfiguration={"Status": "Enabled"}
    )
    s3.put_object(Bucket=bucket, Key="k", Body=b"1")
    s3.put_object(Bucket=bucket, Key="k", Body=b"2")
    s3.delete_object(Bucket=bucket, Key="k")


def test_what_the_test_deleted_itself_is_fine(
    s3_bucket_factory, dynamodb_table_factory
):
    boto3.client("s3").delete_bucket(Bucket=s3_bucket_factory())
    boto3.client("dynamodb").delete_table(TableName=dynamodb_table_factory())


@pytest.mark.asyncio
async def test_async_clients_use_them(s3_bucket_factory, dynamodb_table_factory):
    bucket, table = s3_bucket_factory(), dynamodb_table_factory()
    session = AioSession()
    async with session.create_client("s3") as s3:
        await s3.put_object(Bucket=bucket, Key="k", Body=b"async")
    async with session.create_client("dynamodb") as dynamodb:
        await dynamodb.put_item(TableName=table, Item={"pk": {"S": "a"}})
    body = boto3.client("s3").get_object(Bucket=bucket, Key="k")["Body"].read()
    assert body == b"async"
    assert boto3.client("dynamodb").scan(TableName=table)["Count"] == 1


def test_a_table_with_its_own_keys(dynamodb_table_factory):
    table = dynamodb_table_factory(
        "events",
        key_schema=[
            {"AttributeName": "day", "KeyType": "HASH"},
            {"AttributeName": "at", "KeyType": "RANGE"},
        ],
        attribute_definitions=[
            {"AttributeName": "day", "AttributeType": "S"},
            {"AttributeName": "at", "AttributeType": "N"},
        ],
    )
    described = boto3.client("dynamodb").describe_table(TableName=table)["Table"]
    assert [k["AttributeName"] for k in described["KeySchema"]] == ["day", "at"]
    assert described["BillingModeSummary"]["BillingMode"] == "PAY_PER_REQUEST"
"""


def test_the_factories_make_empty_buckets_and_tables_for_every_client(
    suite: InnerSuite,
) -> None:
    suite.write(test_factories=FACTORIES)
    suite.run().assert_outcomes(passed=6)


def test_a_bucket_that_cannot_be_deleted_is_a_teardown_error(
    suite: InnerSuite,
) -> None:
    suite.write(
        test_locked="""
        import boto3


        def test_an_object_under_compliance_retention(s3_bucket_factory):
            bucket = s3_bucket_factory()
            s3 = boto3.client("s3")
            s3.put_bucket_versioning(
                Bucket=bucket, VersioningConfiguration={"Status": "Enabled"}
            )
            s3.put_object_lock_configuration(
                Bucket=bucket,
                ObjectLockConfiguration={
                    "ObjectLockEnabled": "Enabled",
                    "Rule": {"DefaultRetention": {"Mode": "COMPLIANCE", "Days": 1}},
                },
            )
            s3.put_object(Bucket=bucket, Key="kept", Body=b"x")
        """
    )
    result = suite.run()
    result.assert_outcomes(passed=1, errors=1)
    result.stdout.fnmatch_lines(["*(BucketNotEmpty) when calling the DeleteBucket*"])


def test_what_they_made_is_gone_after_each_test(
    suite: InnerSuite, moto_server: str
) -> None:
    """Attached to a server, nothing resets it after the last test: only the
    factories' own cleanup leaves it empty."""
    suite.write(test_factories=FACTORIES)
    suite.run("--aiomoto-server-endpoint", moto_server).assert_outcomes(passed=6)
    with closing(client_of(moto_server, "s3", "us-east-1")) as s3:
        assert s3.list_buckets()["Buckets"] == []
    for region in ("us-east-1", "eu-west-1"):
        with closing(client_of(moto_server, "dynamodb", region)) as dynamodb:
            assert dynamodb.list_tables()["TableNames"] == []


@needs_aioboto3
def test_aioboto3_clients_and_resources_use_them(suite: InnerSuite) -> None:
    suite.write(
        test_aioboto3="""
        import aioboto3
        import pytest


        @pytest.mark.asyncio
        async def test_aioboto3(s3_bucket_factory, dynamodb_table_factory):
            session = aioboto3.Session()
            async with session.resource("s3") as s3:
                bucket = await s3.Bucket(s3_bucket_factory())
                await bucket.put_object(Key="k", Body=b"aioboto3")
            async with session.resource("dynamodb") as dynamodb:
                table = await dynamodb.Table(dynamodb_table_factory())
                await table.put_item(Item={"pk": "a"})
                assert (await table.get_item(Key={"pk": "a"}))["Item"] == {"pk": "a"}
        """
    )
    suite.run().assert_outcomes(passed=1)
    suite.run("--aiomoto-mode=server").assert_outcomes(passed=1)
