"""The routes by which a test could still reach AWS, each closed.

Presigned URLs and other direct HTTP (test_direct_http), sessions made
before the first context (test_sessions_made_before_the_first_context),
endpoint variables (test_endpoint_variables) and native tools
(test_native_tools) have files of their own. Here: a client created before
the mock, a client with an explicit endpoint that is not AWS's, and a
real-looking ``AWS_PROFILE``. The suite's network guard fails any of these
tests that tries a lookup or a connection beyond loopback.
"""

from __future__ import annotations

from contextlib import closing
from pathlib import Path
from typing import Any

import boto3
import pytest

from aiomoto import RealHTTPRequestBlockedError, mock_aws
from tests.services.aws_clients import ASYNC_CLIENT_KINDS, async_client

pytestmark = pytest.mark.anyio

CREDENTIALS = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing"}

PROFILES = """\
[profile base]
aws_access_key_id = AKIAIOSFODNN7EXAMPLE
aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
region = eu-west-1

[profile production]
role_arn = arn:aws:iam::123456789012:role/deployer
source_profile = base
region = eu-west-1
"""


def test_a_boto3_client_created_before_the_mock_is_served_inside_it() -> None:
    make_client: Any = boto3.client
    with closing(make_client("s3", region_name="us-east-1", **CREDENTIALS)) as s3:
        with mock_aws():
            s3.create_bucket(Bucket="made-before")
            names = [bucket["Name"] for bucket in s3.list_buckets()["Buckets"]]

    assert names == ["made-before"]


@pytest.mark.parametrize("kind", ASYNC_CLIENT_KINDS)
async def test_an_async_client_created_before_the_mock_is_served_inside_it(
    kind: str,
) -> None:
    async with async_client(kind, "sqs", **CREDENTIALS) as sqs:
        async with mock_aws():
            created = await sqs.create_queue(QueueName="made-before")
            listed = await sqs.list_queues()

    assert listed["QueueUrls"] == [created["QueueUrl"]]


ELSEWHERE = "https://storage.example.com"


def test_a_boto3_client_with_an_endpoint_elsewhere_is_blocked_unsent() -> None:
    with mock_aws(), closing(boto3.client("s3", endpoint_url=ELSEWHERE)) as s3:
        with pytest.raises(RealHTTPRequestBlockedError) as caught:
            s3.list_buckets()

    assert caught.value.url == f"{ELSEWHERE}/"
    assert caught.value.client == "botocore"
    assert "'storage.example.com' is not an AWS endpoint" in str(caught.value)


@pytest.mark.parametrize("kind", ASYNC_CLIENT_KINDS)
async def test_an_async_client_with_an_endpoint_elsewhere_is_blocked_unsent(
    kind: str,
) -> None:
    async with mock_aws(), async_client(kind, "s3", endpoint_url=ELSEWHERE) as s3:
        with pytest.raises(RealHTTPRequestBlockedError) as caught:
            await s3.list_buckets()

    assert caught.value.url == f"{ELSEWHERE}/"


@pytest.fixture
def production_profile(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> str:
    """A config file whose profile assumes a role from static keys, as in real life."""
    config = tmp_path / "config"
    config.write_text(PROFILES)
    monkeypatch.setenv("AWS_CONFIG_FILE", str(config))
    monkeypatch.setenv("AWS_PROFILE", "production")
    return "production"


async def test_a_real_looking_aws_profile_in_the_environment_stays_in_the_mock(
    production_profile: str,
) -> None:
    async with mock_aws():
        with closing(boto3.client("s3")) as s3:
            s3.create_bucket(
                Bucket="profiled",
                CreateBucketConfiguration={"LocationConstraint": "eu-west-1"},
            )
        async with async_client("aiobotocore", "s3", region_name="eu-west-1") as aio:
            listed = await aio.list_buckets()

    assert [bucket["Name"] for bucket in listed["Buckets"]] == ["profiled"]


def test_a_profile_that_assumes_a_role_asks_moto_s_sts(
    production_profile: str,
) -> None:
    with mock_aws():
        session = boto3.Session(profile_name=production_profile)
        with closing(session.client("sts")) as sts:
            identity: dict[str, Any] = sts.get_caller_identity()

    assert identity["Arn"].startswith(
        "arn:aws:sts::123456789012:assumed-role/deployer/"
    )
