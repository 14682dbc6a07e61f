"""One round trip per service: boto3 writes, an async client reads it back.

Each ``RoundTrip`` writes with boto3 clients and returns what its reader needs
(a queue URL, a ciphertext); the reader then uses async clients of each kind
(aiobotocore, and aioboto3 where it is installed) against the same backend.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AsyncExitStack, ExitStack
from typing import Any, NamedTuple

import pytest

from tests.services.aws_clients import ASYNC_CLIENT_KINDS, async_client, sync_client

pytestmark = pytest.mark.anyio

#: The account Moto serves when no other is configured.
MOTO_ACCOUNT = "123456789012"

SyncClients = Callable[[str], Any]
AsyncClients = Callable[[str], Awaitable[Any]]


class RoundTrip(NamedTuple):
    write: Callable[[SyncClients], Any]
    read: Callable[[AsyncClients, Any], Awaitable[Any]]
    expected: Any


def write_sqs_message(boto3_client: SyncClients) -> str:
    sqs = boto3_client("sqs")
    queue_url: str = sqs.create_queue(QueueName="jobs")["QueueUrl"]
    sqs.send_message(
        QueueUrl=queue_url,
        MessageBody="resize cat.png",
        MessageAttributes={"size": {"DataType": "Number", "StringValue": "640"}},
    )
    return queue_url


async def read_sqs_message(aio_client: AsyncClients, queue_url: str) -> Any:
    sqs = await aio_client("sqs")
    received = await sqs.receive_message(
        QueueUrl=queue_url, MessageAttributeNames=["All"], WaitTimeSeconds=0
    )
    [message] = received["Messages"]
    return message["Body"], message["MessageAttributes"]["size"]["StringValue"]


def publish_to_a_topic_with_a_queue_subscribed(
    boto3_client: SyncClients,
) -> tuple[str, str]:
    sqs, sns = boto3_client("sqs"), boto3_client("sns")
    queue_url = sqs.create_queue(QueueName="alerts")["QueueUrl"]
    queue_arn = sqs.get_queue_attributes(
        QueueUrl=queue_url, AttributeNames=["QueueArn"]
    )["Attributes"]["QueueArn"]
    topic_arn = sns.create_topic(Name="alerts")["TopicArn"]
    sns.subscribe(
        TopicArn=topic_arn,
        Protocol="sqs",
        Endpoint=queue_arn,
        Attributes={"RawMessageDelivery": "true"},
    )
    sns.publish(TopicArn=topic_arn, Message="disk almost full")
    return topic_arn, queue_url


async def read_the_topic_and_its_queue(
    aio_client: AsyncClients, written: tuple[str, str]
) -> Any:
    topic_arn, queue_url = written
    sns, sqs = await aio_client("sns"), await aio_client("sqs")
    topics = [topic["TopicArn"] for topic in (await sns.list_topics())["Topics"]]
    subscriptions = await sns.list_subscriptions_by_topic(TopicArn=topic_arn)
    [message] = (await sqs.receive_message(QueueUrl=queue_url))["Messages"]
    return topics == [topic_arn], len(subscriptions["Subscriptions"]), message["Body"]


def create_a_secret(boto3_client: SyncClients) -> str:
    secrets = boto3_client("secretsmanager")
    secrets.create_secret(Name="db/password", SecretString="correct horse")
    return "db/password"


async def read_the_secret(aio_client: AsyncClients, name: str) -> Any:
    secrets = await aio_client("secretsmanager")
    secret = await secrets.get_secret_value(SecretId=name)
    return secret["Name"], secret["SecretString"]


def encrypt_with_a_new_key(boto3_client: SyncClients) -> tuple[str, bytes]:
    kms = boto3_client("kms")
    key_id: str = kms.create_key(Description="test key")["KeyMetadata"]["KeyId"]
    blob: bytes = kms.encrypt(KeyId=key_id, Plaintext=b"attack at dawn")[
        "CiphertextBlob"
    ]
    return key_id, blob


async def decrypt_it(aio_client: AsyncClients, written: tuple[str, bytes]) -> Any:
    key_id, blob = written
    kms = await aio_client("kms")
    decrypted = await kms.decrypt(CiphertextBlob=blob)
    return decrypted["KeyId"].endswith(key_id), decrypted["Plaintext"]


def ask_who_boto3_is(boto3_client: SyncClients) -> str:
    account: str = boto3_client("sts").get_caller_identity()["Account"]
    return account


async def ask_who_the_async_client_is(
    aio_client: AsyncClients, boto3_account: str
) -> Any:
    sts = await aio_client("sts")
    identity = await sts.get_caller_identity()
    return identity["Account"], identity["Account"] == boto3_account


def put_a_parameter(boto3_client: SyncClients) -> str:
    ssm = boto3_client("ssm")
    ssm.put_parameter(Name="/app/greeting", Value="hello", Type="String")
    ssm.put_parameter(Name="/app/greeting", Value="bonjour", Overwrite=True)
    return "/app/greeting"


async def read_the_parameter(aio_client: AsyncClients, name: str) -> Any:
    ssm = await aio_client("ssm")
    parameter = (await ssm.get_parameter(Name=name))["Parameter"]
    return parameter["Value"], parameter["Version"]


def put_a_rule(boto3_client: SyncClients) -> str:
    events = boto3_client("events")
    events.put_rule(Name="nightly", ScheduleExpression="rate(1 day)")
    return "nightly"


async def describe_the_rule(aio_client: AsyncClients, name: str) -> Any:
    events = await aio_client("events")
    rule = await events.describe_rule(Name=name)
    listed = (await events.list_rules(NamePrefix="night"))["Rules"]
    return rule["ScheduleExpression"], rule["State"], [r["Name"] for r in listed]


ROUND_TRIPS = [
    pytest.param(
        RoundTrip(write_sqs_message, read_sqs_message, ("resize cat.png", "640")),
        id="sqs",
    ),
    pytest.param(
        RoundTrip(
            publish_to_a_topic_with_a_queue_subscribed,
            read_the_topic_and_its_queue,
            (True, 1, "disk almost full"),
        ),
        id="sns-to-sqs",
    ),
    pytest.param(
        RoundTrip(create_a_secret, read_the_secret, ("db/password", "correct horse")),
        id="secretsmanager",
    ),
    pytest.param(
        RoundTrip(encrypt_with_a_new_key, decrypt_it, (True, b"attack at dawn")),
        id="kms",
    ),
    pytest.param(
        RoundTrip(ask_who_boto3_is, ask_who_the_async_client_is, (MOTO_ACCOUNT, True)),
        id="sts",
    ),
    pytest.param(
        RoundTrip(put_a_parameter, read_the_parameter, ("bonjour", 2)),
        id="ssm",
    ),
    pytest.param(
        RoundTrip(
            put_a_rule, describe_the_rule, ("rate(1 day)", "ENABLED", ["nightly"])
        ),
        id="events",
    ),
]


@pytest.fixture(params=ASYNC_CLIENT_KINDS)
async def async_clients(
    request: pytest.FixtureRequest, aws: None
) -> AsyncIterator[AsyncClients]:
    """Open async clients of one kind by service name; all close at teardown."""
    async with AsyncExitStack() as stack:

        async def opened(service: str) -> Any:
            return await stack.enter_async_context(async_client(request.param, service))

        yield opened


@pytest.mark.parametrize("trip", ROUND_TRIPS)
async def test_what_boto3_writes_an_async_client_reads_back(
    trip: RoundTrip, async_clients: AsyncClients
) -> None:
    with ExitStack() as stack:
        written = trip.write(lambda service: stack.enter_context(sync_client(service)))

    assert await trip.read(async_clients, written) == trip.expected
