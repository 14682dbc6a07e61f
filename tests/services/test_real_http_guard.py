"""While the mock is active, an async request Moto does not serve opens no socket.

It raises ``RealHTTPRequestBlockedError`` at once: the message names the
method and URL and, for a host that is not AWS's, points at the endpoint
settings that usually cause it. A listening loopback socket serves as the
endpoint, so the tests can check that nobody ever connected to it.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest
from aiobotocore.config import AioConfig
from botocore.exceptions import ConnectionError as BotocoreConnectionError
from botocore.exceptions import HTTPClientError, ReadTimeoutError

from aiomoto import AiomotoError, RealHTTPRequestBlockedError
from tests.loopback import connections_accepted, listening, url_of
from tests.services.aws_clients import async_client, sync_client

pytestmark = pytest.mark.anyio

ENDPOINT_HINTS = ("AWS_ENDPOINT_URL", "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS")


@pytest.fixture
def listener() -> Iterator[socket.socket]:
    with listening() as server:
        yield server


def test_the_blocked_error_is_nothing_botocore_would_retry() -> None:
    assert issubclass(RealHTTPRequestBlockedError, AiomotoError)
    for transient in (OSError, ConnectionError, HTTPClientError):
        assert not issubclass(RealHTTPRequestBlockedError, transient)
    assert not issubclass(RealHTTPRequestBlockedError, BotocoreConnectionError)


@pytest.mark.parametrize(
    ("service", "operation", "method", "endpoint", "url", "operation_name"),
    [
        (
            "sqs",
            "list_queues",
            "POST",
            "http://localhost:4566",
            "http://localhost:4566/",
            "sqs.ListQueues",
        ),
        (
            "s3",
            "list_buckets",
            "GET",
            "http://127.0.0.1:9",
            "http://127.0.0.1:9/",
            "s3.ListBuckets",
        ),
    ],
)
async def test_a_request_to_a_local_endpoint_is_blocked_with_the_endpoint_hints(
    aws: None,
    service: str,
    operation: str,
    method: str,
    endpoint: str,
    url: str,
    operation_name: str,
) -> None:
    async with async_client("aiobotocore", service, endpoint_url=endpoint) as client:
        with pytest.raises(RealHTTPRequestBlockedError) as caught:
            await getattr(client, operation)()

    blocked = caught.value
    assert (blocked.method, blocked.url, blocked.operation) == (
        method,
        url,
        operation_name,
    )
    message = str(blocked)
    assert f"{method} {url}" in message
    assert operation_name in message
    for hint in ENDPOINT_HINTS:
        assert hint in message


async def test_a_dual_stack_aws_endpoint_is_blocked_with_a_dual_stack_hint(
    aws: None,
) -> None:
    dual_stack = AioConfig(use_dualstack_endpoint=True)
    async with async_client("aiobotocore", "sqs", config=dual_stack) as sqs:
        with pytest.raises(RealHTTPRequestBlockedError) as caught:
            await sqs.list_queues()

    message = str(caught.value)
    assert "POST https://sqs.us-east-1.api.aws/" in message
    assert "dual-stack" in message
    assert "use_dualstack_endpoint" in message
    for hint in ENDPOINT_HINTS:
        assert hint not in message


async def test_a_blocked_request_never_opens_a_socket(
    aws: None, listener: socket.socket
) -> None:
    async with async_client("aiobotocore", "sqs", endpoint_url=url_of(listener)) as sqs:
        with pytest.raises(RealHTTPRequestBlockedError) as caught:
            await sqs.list_queues()

    assert caught.value.url == f"{url_of(listener)}/"
    assert connections_accepted(listener) == 0


@pytest.mark.parametrize("retry_mode", [None, "legacy", "standard", "adaptive"])
async def test_a_blocked_request_is_raised_once_without_retries_or_backoff(
    aws: None, listener: socket.socket, retry_mode: str | None
) -> None:
    config = None if retry_mode is None else AioConfig(retries={"mode": retry_mode})
    attempts: list[str] = []

    def count_attempt(event_name: str, **kwargs: object) -> None:
        attempts.append(event_name)

    async with async_client(
        "aiobotocore", "sqs", endpoint_url=url_of(listener), config=config
    ) as sqs:
        sqs.meta.events.register("before-send", count_attempt)
        with pytest.raises(RealHTTPRequestBlockedError) as caught:
            await sqs.list_queues()

    assert type(caught.value) is RealHTTPRequestBlockedError
    assert caught.value.__cause__ is None
    assert caught.value.__context__ is None
    assert attempts == ["before-send.sqs.ListQueues"]
    assert connections_accepted(listener) == 0


@pytest.mark.parametrize("variable", ["AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_SQS"])
async def test_an_endpoint_url_from_the_environment_is_blocked_with_the_hints(
    aws: None,
    listener: socket.socket,
    monkeypatch: pytest.MonkeyPatch,
    variable: str,
) -> None:
    monkeypatch.setenv(variable, url_of(listener))

    async with async_client("aiobotocore", "sqs") as sqs:
        with pytest.raises(RealHTTPRequestBlockedError) as caught:
            await sqs.create_queue(QueueName="jobs")

    message = str(caught.value)
    assert f"POST {url_of(listener)}/" in message
    for hint in ENDPOINT_HINTS:
        assert hint in message
    assert connections_accepted(listener) == 0


async def test_ignoring_configured_endpoint_urls_brings_requests_back_to_moto(
    aws: None, listener: socket.socket, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AWS_ENDPOINT_URL", url_of(listener))
    monkeypatch.setenv("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true")

    async with async_client("aiobotocore", "sqs") as sqs:
        queue_url = (await sqs.create_queue(QueueName="jobs"))["QueueUrl"]
    with sync_client("sqs") as boto3_sqs:
        listed = boto3_sqs.list_queues()["QueueUrls"]

    assert listed == [queue_url]
    assert connections_accepted(listener) == 0


async def test_without_the_mock_the_same_request_does_reach_the_listener(
    listener: socket.socket,
) -> None:
    """The control: the listener would notice a real request, had one been made."""
    config = AioConfig(read_timeout=0.2, retries={"total_max_attempts": 1})
    async with async_client(
        "aiobotocore",
        "sqs",
        endpoint_url=url_of(listener),
        config=config,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    ) as sqs:
        with pytest.raises(ReadTimeoutError):
            await sqs.list_queues()

    assert connections_accepted(listener) == 1
