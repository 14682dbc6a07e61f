"""Sessions made between ``import aiomoto`` and the first ``mock_aws()`` are served.

``import aiomoto`` does not import Moto, and Moto adds its ``before-send``
stubber to botocore's built-in handlers only when it is first imported, so a
session made in between has no stubber. Its clients are served from the
mock's backend all the same (through botocore's ``Endpoint._send``), as
clients of later sessions are. Each case runs in a fresh interpreter, with the
suite's network guard installed there too.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

PRELUDE = """
from tests import network_guard

network_guard.install()

import sys

import boto3
import botocore.session
from aiobotocore.session import AioSession

import aiomoto

assert "moto" not in sys.modules, "the scenario needs Moto not imported yet"
"""


def run_python(code: str) -> None:
    script = PRELUDE + textwrap.dedent(code) + "\nassert not network_guard.attempts\n"
    command = [sys.executable, "-W", "error", "-c", script]
    subprocess.run(command, check=True, timeout=120)


def test_a_boto3_session_made_before_the_first_context_is_served_inside_it() -> None:
    run_python(
        """
        early = boto3.Session(region_name="us-east-1")
        with aiomoto.mock_aws():
            s3 = early.client("s3")
            s3.create_bucket(Bucket="made-early")
            s3.put_object(Bucket="made-early", Key="k", Body=b"early bird")
            later = boto3.client("s3", region_name="us-east-1")
            body = later.get_object(Bucket="made-early", Key="k")["Body"].read()
        assert body == b"early bird"
        """
    )


def test_a_botocore_session_and_its_resources_are_served_too() -> None:
    run_python(
        """
        early = botocore.session.get_session()
        early_boto3 = boto3.Session(region_name="us-east-1")
        with aiomoto.mock_aws():
            sqs = early.create_client("sqs", region_name="us-east-1")
            url = sqs.create_queue(QueueName="early")["QueueUrl"]
            table = early_boto3.resource("dynamodb").create_table(
                TableName="early",
                KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
                AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
                BillingMode="PAY_PER_REQUEST",
            )
            table.put_item(Item={"pk": "a"})
            later = boto3.client("sqs", region_name="us-east-1")
            assert later.list_queues()["QueueUrls"] == [url]
            assert table.get_item(Key={"pk": "a"})["Item"] == {"pk": "a"}
        """
    )


def test_an_aiobotocore_session_made_before_the_first_context_is_served() -> None:
    run_python(
        """
        import asyncio

        early = AioSession()

        async def main():
            async with aiomoto.mock_aws():
                boto3.client("s3", region_name="us-east-1").create_bucket(
                    Bucket="made-early"
                )
                async with early.create_client("s3", region_name="us-east-1") as s3:
                    listed = await s3.list_buckets()
            return [bucket["Name"] for bucket in listed["Buckets"]]

        assert asyncio.run(main()) == ["made-early"]
        """
    )


def test_after_the_context_the_early_session_is_botocore_s_again() -> None:
    run_python(
        """
        early = boto3.Session(
            region_name="us-east-1",
            aws_access_key_id="testing",
            aws_secret_access_key="testing",
        )
        with aiomoto.mock_aws():
            early.client("s3").list_buckets()
        client = early.client("s3", config=botocore.config.Config(
            retries={"total_max_attempts": 1}
        ))
        try:
            client.list_buckets()
        except Exception as error:  # botocore wraps the guard's error
            assert "resolve s3.amazonaws.com" in str(error)
        assert set(network_guard.attempts) == {"resolve s3.amazonaws.com"}
        network_guard.attempts.clear()
        """
    )
