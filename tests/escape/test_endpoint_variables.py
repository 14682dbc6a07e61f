"""Endpoint variables: a blocked request names the one that applied, and how to fix it.

With ``AWS_ENDPOINT_URL`` or ``AWS_ENDPOINT_URL_<SERVICE>`` set, botocore
points clients away from AWS URLs, so Moto does not serve them. Every such
request, from a sync or an async client, first or later, is blocked at once
(no retries, no connection: the variables here point at a loopback listener
that notices any) with an error naming the variable that applied and its
value. ``mock_aws(ignore_configured_endpoint_urls=True)`` brings clients
created inside the context back to Moto.

The variables are set before the context is entered, as a user's would be:
in-process mode sets ``AWS_ENDPOINT_URL_S3`` itself (for native tools), and a
``monkeypatch`` made inside the context would restore aiomoto's value after
the context has exited.
"""

from __future__ import annotations

import os
import socket
from contextlib import AsyncExitStack
from pathlib import Path
from typing import Any

import pytest
from aiobotocore.config import AioConfig
from botocore.config import Config

from aiomoto import ModeConflictError, RealHTTPRequestBlockedError, mock_aws
from tests.loopback import connections_accepted, url_of
from tests.services.aws_clients import ASYNC_CLIENT_KINDS, async_client, sync_client

pytestmark = pytest.mark.anyio

CLIENT_KINDS = ["boto3", *ASYNC_CLIENT_KINDS]

#: (variable, service, operation, its arguments): one call each client makes.
CASES: list[tuple[str, str, str, dict[str, Any]]] = [
    ("AWS_ENDPOINT_URL", "sqs", "list_queues", {}),
    ("AWS_ENDPOINT_URL_SQS", "sqs", "list_queues", {}),
    ("AWS_ENDPOINT_URL_S3", "s3", "list_buckets", {}),
    ("AWS_ENDPOINT_URL_DYNAMODB", "dynamodb", "list_tables", {}),
    ("AWS_ENDPOINT_URL_SECRETS_MANAGER", "secretsmanager", "list_secrets", {}),
]


async def open_client(
    stack: AsyncExitStack, kind: str, service: str, **kwargs: Any
) -> Any:
    if kind == "boto3":
        return stack.enter_context(sync_client(service, **kwargs))
    return await stack.enter_async_context(async_client(kind, service, **kwargs))


async def call(client: Any, operation: str, **params: Any) -> Any:
    result = getattr(client, operation)(**params)
    if hasattr(result, "__await__"):
        result = await result
    return result


async def blocked(
    client: Any, operation: str, **params: Any
) -> RealHTTPRequestBlockedError:
    with pytest.raises(RealHTTPRequestBlockedError) as caught:
        await call(client, operation, **params)
    assert type(caught.value) is RealHTTPRequestBlockedError
    return caught.value


@pytest.mark.parametrize("kind", CLIENT_KINDS)
@pytest.mark.parametrize(
    ("variable", "service", "operation", "params"), CASES, ids=[c[0] for c in CASES]
)
async def test_the_error_names_the_variable_and_its_value_on_every_request(
    listener: socket.socket,
    monkeypatch: pytest.MonkeyPatch,
    kind: str,
    variable: str,
    service: str,
    operation: str,
    params: dict[str, Any],
) -> None:
    endpoint = url_of(listener)
    monkeypatch.setenv(variable, endpoint)

    async with mock_aws(), AsyncExitStack() as stack:
        client = await open_client(stack, kind, service)
        errors = [await blocked(client, operation, **params) for _ in range(3)]

    for error in errors:
        assert error.endpoint_variable == variable
        assert error.url.startswith(endpoint)
        message = str(error)
        assert f"{variable}={endpoint}" in message
        assert f"Unset {variable}" in message
        assert "ignore_configured_endpoint_urls=True" in message
        assert "server_mode=True" in message
    assert connections_accepted(listener) == 0


@pytest.mark.parametrize("kind", CLIENT_KINDS)
async def test_the_service_variable_is_named_before_the_global_one(
    listener: socket.socket, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    endpoint = url_of(listener)
    monkeypatch.setenv("AWS_ENDPOINT_URL", endpoint)
    monkeypatch.setenv("AWS_ENDPOINT_URL_SQS", endpoint + "/sqs")

    async with mock_aws(), AsyncExitStack() as stack:
        sqs = await open_client(stack, kind, "sqs")
        s3 = await open_client(stack, kind, "s3")
        from_sqs = await blocked(sqs, "list_queues")
        from_s3 = await blocked(s3, "list_buckets")

    assert from_sqs.endpoint_variable == "AWS_ENDPOINT_URL_SQS"
    assert from_s3.endpoint_variable == "AWS_ENDPOINT_URL"
    assert connections_accepted(listener) == 0


@pytest.mark.parametrize("kind", CLIENT_KINDS)
@pytest.mark.parametrize("retry_mode", ["legacy", "standard", "adaptive"])
async def test_a_blocked_request_is_never_retried(
    aws: None,
    listener: socket.socket,
    monkeypatch: pytest.MonkeyPatch,
    kind: str,
    retry_mode: str,
) -> None:
    monkeypatch.setenv("AWS_ENDPOINT_URL", url_of(listener))
    retries: Any = {"mode": retry_mode, "total_max_attempts": 5}
    config = Config(retries=retries) if kind == "boto3" else AioConfig(retries=retries)
    attempts: list[str] = []

    def count_attempt(event_name: str, **kwargs: object) -> None:
        attempts.append(event_name)

    async with AsyncExitStack() as stack:
        sqs = await open_client(stack, kind, "sqs", config=config)
        sqs.meta.events.register("before-send", count_attempt)
        error = await blocked(sqs, "list_queues")

    assert attempts == ["before-send.sqs.ListQueues"]
    assert (error.__cause__, error.__context__) == (None, None)
    assert connections_accepted(listener) == 0


async def test_an_endpoint_from_the_config_file_is_blamed_on_the_config_file(
    aws: None,
    listener: socket.socket,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    config_file = tmp_path / "config"
    config_file.write_text(f"[default]\nendpoint_url = {url_of(listener)}\n")
    monkeypatch.setenv("AWS_CONFIG_FILE", str(config_file))

    with sync_client("sqs") as sqs:
        error = await blocked(sqs, "list_queues")

    assert error.endpoint_variable is None
    assert "AWS config file" in str(error)
    assert connections_accepted(listener) == 0


@pytest.mark.parametrize("kind", CLIENT_KINDS)
async def test_ignoring_configured_endpoint_urls_brings_clients_back_to_moto(
    listener: socket.socket,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    kind: str,
) -> None:
    config_file = tmp_path / "config"
    config_file.write_text(f"[default]\nendpoint_url = {url_of(listener)}\n")
    monkeypatch.setenv("AWS_CONFIG_FILE", str(config_file))
    monkeypatch.setenv("AWS_ENDPOINT_URL", url_of(listener))
    monkeypatch.setenv("AWS_ENDPOINT_URL_SQS", url_of(listener))

    async with mock_aws(ignore_configured_endpoint_urls=True):
        async with AsyncExitStack() as stack:
            sqs = await open_client(stack, kind, "sqs")
            assert sqs.meta.endpoint_url == "https://sqs.us-east-1.amazonaws.com"
            created = await call(sqs, "create_queue", QueueName="jobs")
        with sync_client("sqs") as boto3_sqs:
            listed = boto3_sqs.list_queues()["QueueUrls"]

    assert listed == [created["QueueUrl"]]
    assert connections_accepted(listener) == 0


async def test_an_endpoint_url_given_to_the_client_is_never_ignored(
    listener: socket.socket,
) -> None:
    async with mock_aws(ignore_configured_endpoint_urls=True):
        with sync_client("sqs", endpoint_url=url_of(listener)) as sqs:
            error = await blocked(sqs, "list_queues")

    assert error.endpoint_variable is None
    assert connections_accepted(listener) == 0


@pytest.mark.parametrize("before", [None, "false"])
def test_the_switch_is_restored_exactly_on_exit(
    monkeypatch: pytest.MonkeyPatch, before: str | None
) -> None:
    if before is not None:
        monkeypatch.setenv("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", before)
    environment = dict(os.environ)

    with mock_aws(ignore_configured_endpoint_urls=True):
        assert os.environ["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"] == "true"
    after = dict(os.environ)

    assert after == environment


def test_the_switch_is_off_by_default_and_shown_when_on() -> None:
    assert mock_aws().ignore_configured_endpoint_urls is False
    context = mock_aws(ignore_configured_endpoint_urls=True)
    assert context.ignore_configured_endpoint_urls is True
    assert repr(context).endswith(", ignore_configured_endpoint_urls=True)")


def test_a_nested_context_cannot_turn_the_switch_on_alone() -> None:
    with mock_aws():
        with pytest.raises(ModeConflictError, match="outermost context"):
            with mock_aws(ignore_configured_endpoint_urls=True):
                pass
        assert "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS" not in os.environ


def test_a_nested_context_without_the_switch_keeps_the_outer_one() -> None:
    with mock_aws(ignore_configured_endpoint_urls=True):
        with mock_aws():
            assert os.environ["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"] == "true"
        assert os.environ["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"] == "true"
    assert "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS" not in os.environ
