"""aiomoto in one screen: boto3 writes, aiobotocore reads, one process, no server.

Run it with ``make demo``.
"""

from __future__ import annotations

import asyncio

import boto3
from aiobotocore.session import AioSession

from aiomoto import mock_aws

REGION = "us-east-1"


async def main() -> None:
    async with mock_aws():
        # Write with the sync SDK...
        s3 = boto3.client("s3", region_name=REGION)
        s3.create_bucket(Bucket="quickstart")
        for key, text in [("hello.txt", "hello from boto3"), ("notes/a.txt", "a")]:
            s3.put_object(Bucket="quickstart", Key=key, Body=text.encode())
            print(f"boto3        wrote s3://quickstart/{key}")

        dynamodb = boto3.client("dynamodb", region_name=REGION)
        dynamodb.create_table(
            TableName="users",
            KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
            AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
            BillingMode="PAY_PER_REQUEST",
        )
        dynamodb.put_item(
            TableName="users", Item={"id": {"S": "u1"}, "name": {"S": "Ada"}}
        )
        print("boto3        wrote dynamodb users/u1")

        # ...and read it back with the async one, from the same Moto backend.
        session = AioSession()
        async with session.create_client("s3", region_name=REGION) as s3_async:
            listing = await s3_async.list_objects_v2(Bucket="quickstart")
            for entry in listing["Contents"]:
                response = await s3_async.get_object(
                    Bucket="quickstart", Key=entry["Key"]
                )
                async with response["Body"] as body:
                    data = await body.read()
                print(f"aiobotocore  read  s3://quickstart/{entry['Key']}: {data!r}")

        async with session.create_client("dynamodb", region_name=REGION) as ddb:
            item = await ddb.get_item(TableName="users", Key={"id": {"S": "u1"}})
            print(f"aiobotocore  read  dynamodb users/u1: {item['Item']['name']['S']}")

    print("round trip done: no server, no socket")


if __name__ == "__main__":
    asyncio.run(main())
