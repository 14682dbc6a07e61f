"""Tools that do not use botocore are turned away at once in-process, never sent to AWS.

In-process, pyarrow (through ``s3://`` URIs) and polars are pointed at a
loopback responder through ``AWS_ENDPOINT_URL_S3``: each read, write or
listing fails at once with a 421 whose message says to use
``mock_aws(server_mode=True)``. That the message arrives shows the request
went to the responder (native code does not go through Python's sockets, so
the suite's guard cannot see it). botocore-based clients (boto3,
aiobotocore, s3fs and so pandas) keep their AWS URLs and are served by Moto.
Every test uses a bucket of its own: polars keeps one object store per bucket
for the life of the process.
"""

from __future__ import annotations

import io
import os
import socket
import struct
import threading
import uuid
from collections.abc import Callable, Iterator
from contextlib import closing
from typing import Any

import boto3
import pandas as pd  # type: ignore[import-untyped]
import polars as pl
import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.dataset as ds  # type: ignore[import-untyped]
import pyarrow.fs as pafs  # type: ignore[import-untyped]
import pyarrow.parquet as pq  # type: ignore[import-untyped]
import pytest
from aiobotocore.session import AioSession

from aiomoto import mock_aws
from aiomoto._inprocess.native_tools import ERROR_CODE, VARIABLE, Responder

pytestmark = pytest.mark.anyio

HINT = "mock_aws(server_mode=True)"
FRAME = {"city": ["Oslo", "Lima"], "temperature": [3, 19]}


@pytest.fixture
def bucket() -> Iterator[str]:
    """A bucket name of this test's own, created in an in-process context."""
    name = f"native-{uuid.uuid4().hex[:12]}"
    with mock_aws():
        with closing(boto3.client("s3", region_name="us-east-1")) as s3:
            s3.create_bucket(Bucket=name)
        yield name


def turned_away(operation: Callable[[], object]) -> str:
    with pytest.raises(OSError, match="421") as caught:
        operation()
    message = str(caught.value)
    assert ERROR_CODE in message
    assert HINT in message
    return message


#: What each tool does with ``s3://<bucket>/...``, by name.
OPERATIONS: dict[str, Callable[[str], object]] = {
    "polars-read_parquet": lambda bucket: pl.read_parquet(f"s3://{bucket}/f.pq"),
    "polars-scan_csv": lambda bucket: pl.scan_csv(f"s3://{bucket}/f.csv").collect(),
    "polars-write_parquet": lambda bucket: pl.DataFrame(FRAME).write_parquet(
        f"s3://{bucket}/f.pq"
    ),
    "pyarrow-read_table": lambda bucket: pq.read_table(f"s3://{bucket}/f.pq"),
    "pyarrow-write_table": lambda bucket: pq.write_table(
        pa.table(FRAME), f"s3://{bucket}/f.pq"
    ),
    "pyarrow-dataset": lambda bucket: ds.dataset(f"s3://{bucket}/f.pq").to_table(),
    "pyarrow-listing": lambda bucket: pafs.FileSystem.from_uri(f"s3://{bucket}")[
        0
    ].get_file_info(pafs.FileSelector(bucket, recursive=True)),
}


@pytest.mark.parametrize("operation", OPERATIONS)
def test_native_tools_are_turned_away_with_the_server_mode_hint(
    bucket: str, operation: str
) -> None:
    turned_away(lambda: OPERATIONS[operation](bucket))


def test_native_tools_are_turned_away_when_configured_endpoints_are_ignored() -> None:
    bucket = f"native-{uuid.uuid4().hex[:12]}"
    with mock_aws(ignore_configured_endpoint_urls=True):
        turned_away(lambda: pq.read_table(f"s3://{bucket}/frame.parquet"))
        turned_away(lambda: pl.read_parquet(f"s3://{bucket}/frame.parquet"))


async def test_botocore_clients_keep_their_aws_urls_and_are_served(
    bucket: str,
) -> None:
    with closing(boto3.client("s3", region_name="us-east-1")) as s3:
        assert s3.meta.endpoint_url == "https://s3.amazonaws.com"
        s3.put_object(Bucket=bucket, Key="in.csv", Body=b"city,temperature\nOslo,3\n")
    session: Any = AioSession()
    async with session.create_client("s3", region_name="us-east-1") as aio:
        assert aio.meta.endpoint_url == "https://s3.amazonaws.com"
        listed = await aio.list_objects_v2(Bucket=bucket)

    assert [item["Key"] for item in listed["Contents"]] == ["in.csv"]


def test_pandas_through_s3fs_is_served_in_process(bucket: str) -> None:
    frame = pd.DataFrame(FRAME)
    frame.to_csv(f"s3://{bucket}/frame.csv", index=False)
    read_back = pd.read_csv(f"s3://{bucket}/frame.csv")

    pd.testing.assert_frame_equal(read_back, frame)
    with closing(boto3.client("s3", region_name="us-east-1")) as s3:
        body = s3.get_object(Bucket=bucket, Key="frame.csv")["Body"].read()
    assert pd.read_csv(io.BytesIO(body)).equals(frame)


def test_the_environment_is_set_for_the_context_and_restored_exactly(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("AWS_DEFAULT_REGION", raising=False)
    monkeypatch.delenv("AWS_REGION", raising=False)
    monkeypatch.delenv("AWS_ALLOW_HTTP", raising=False)
    before = dict(os.environ)

    with mock_aws():
        inside = dict(os.environ)
    after = dict(os.environ)

    assert inside[VARIABLE].startswith("http://127.0.0.1:")
    assert (inside["AWS_ALLOW_HTTP"], inside["AWS_REGION"]) == ("true", "us-east-1")
    assert "AWS_DEFAULT_REGION" not in inside
    assert after == before


def test_an_allow_http_setting_the_user_made_is_left_alone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("AWS_ALLOW_HTTP", "false")

    with mock_aws():
        inside = dict(os.environ)

    assert inside[VARIABLE].startswith("http://127.0.0.1:")
    assert inside["AWS_ALLOW_HTTP"] == "false"
    assert os.environ["AWS_ALLOW_HTTP"] == "false"


@pytest.mark.parametrize("variable", ["AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_S3"])
def test_an_endpoint_the_user_configured_is_left_alone(
    monkeypatch: pytest.MonkeyPatch, variable: str
) -> None:
    monkeypatch.setenv(variable, "http://localhost:4566")
    before = dict(os.environ)

    with mock_aws():
        inside = dict(os.environ)

    assert {k: v for k, v in inside.items() if k in before} == before
    assert inside[variable] == "http://localhost:4566"
    assert VARIABLE not in inside or variable == VARIABLE


def test_the_responder_lives_exactly_as_long_as_the_mock() -> None:
    threads = {thread.name for thread in threading.enumerate()}
    with mock_aws():
        endpoint = os.environ[VARIABLE]
        assert exchange(endpoint, b"GET / HTTP/1.1\r\n\r\n").startswith(b"HTTP/1.1 421")
    # Nothing left behind: its thread is gone and its port refuses connections.
    assert {thread.name for thread in threading.enumerate()} == threads
    host, port = endpoint.removeprefix("http://").split(":")
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection((host, int(port)), timeout=1).close()


def test_a_server_mode_endpoint_replaces_the_responder_while_it_is_open() -> None:
    with mock_aws():
        responder = os.environ[VARIABLE]
        with mock_aws(server_mode=True, auto_endpoint="disabled"):
            # Tools follow their explicit settings to the server, not the responder.
            assert VARIABLE not in os.environ
        with mock_aws(server_mode=True) as server:
            assert os.environ["AWS_ENDPOINT_URL"] == server.server_endpoint
            assert VARIABLE not in os.environ
        assert os.environ[VARIABLE] == responder


def connect(endpoint: str) -> socket.socket:
    host, port = endpoint.removeprefix("http://").split(":")
    return socket.create_connection((host, int(port)))


def received(connection: socket.socket) -> bytes:
    """Everything the responder sends on ``connection`` until it closes it."""
    answer = b""
    while chunk := connection.recv(65536):
        answer += chunk
    return answer


def exchange(endpoint: str, request: bytes) -> bytes:
    """Send raw request bytes to the responder; everything it answers."""
    with connect(endpoint) as connection:
        connection.sendall(request)
        return received(connection)


def reset(connection: socket.socket) -> None:
    """Close ``connection`` with a TCP reset, as a client that gives up does."""
    connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    connection.close()


def test_the_responder_answers_421_with_the_message_and_closes(responder: str) -> None:
    answer = exchange(responder, b"GET /b/k HTTP/1.1\r\nHost: x\r\n\r\n")

    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 421 Misdirected Request")
    assert b"Connection: close" in head
    assert HINT.encode() in body


def test_the_responder_answers_a_head_with_a_placeholder_size(responder: str) -> None:
    answer = exchange(responder, b"HEAD /b/k HTTP/1.1\r\nHost: x\r\n\r\n")

    assert answer.startswith(b"HTTP/1.1 200 OK\r\n")
    assert b"Content-Length: 65536\r\n" in answer
    assert answer.endswith(b"\r\n\r\n")


@pytest.mark.parametrize(
    "request_bytes",
    [
        b"PUT /b/k HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello",
        b"PUT /b/k HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n"
        b"Content-Length: 5000000\r\n\r\n",
        b"POST /b HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
        b"5\r\nhello\r\n0\r\n\r\n",
    ],
    ids=["content-length", "expect-100-continue", "chunked"],
)
def test_the_responder_turns_uploads_away_without_waiting_for_more(
    responder: str, request_bytes: bytes
) -> None:
    assert exchange(responder, request_bytes).startswith(b"HTTP/1.1 421 ")


def test_a_connection_closed_without_a_request_does_not_stop_the_responder(
    responder: str,
) -> None:
    connect(responder).close()

    assert exchange(responder, b"GET / HTTP/1.1\r\n\r\n").startswith(b"HTTP/1.1 421")


@pytest.mark.parametrize("request_bytes", [b"", b"GET / HTTP/1.1\r\n\r\n"])
def test_a_connection_reset_by_its_client_does_not_stop_the_responder(
    responder: str, request_bytes: bytes
) -> None:
    client = connect(responder)
    client.sendall(request_bytes)
    reset(client)

    assert exchange(responder, b"GET / HTTP/1.1\r\n\r\n").startswith(b"HTTP/1.1 421")


@pytest.mark.parametrize(
    "request_bytes",
    [b"GET /\r\n\r\n", b"PUT / HTTP/1.1\r\nContent-Length: many\r\n\r\n"],
    ids=["no-version", "bad-length"],
)
def test_a_malformed_request_is_turned_away_and_the_responder_goes_on(
    responder: str, request_bytes: bytes
) -> None:
    assert exchange(responder, request_bytes).startswith(b"HTTP/1.1 421 ")
    assert exchange(responder, b"GET / HTTP/1.1\r\n\r\n").startswith(b"HTTP/1.1 421")


def test_a_request_split_across_two_sends_is_answered_once_complete(
    responder: str,
) -> None:
    with connect(responder) as client:
        client.sendall(b"PUT /b/k HTTP/1.1\r\nContent-Length: 5\r\n\r\nhel")
        # Answered, a later connection shows the first one was accepted and
        # read (the responder takes connections in order): the answer waits.
        assert exchange(responder, b"GET / HTTP/1.1\r\n\r\n").startswith(
            b"HTTP/1.1 421"
        )
        client.sendall(b"lo")

        assert received(client).startswith(b"HTTP/1.1 421 ")


def test_a_connection_still_open_at_stop_is_closed_unanswered() -> None:
    responder = Responder()
    with connect(responder.endpoint) as client:
        client.sendall(b"GET / HTTP/1.1\r\n")
        # Once a later connection is answered, this one is being served.
        assert exchange(responder.endpoint, b"GET / HTTP/1.1\r\n\r\n")

        responder.stop()

        assert received(client) == b""


def test_stopping_the_responder_twice_is_harmless() -> None:
    responder = Responder()
    responder.stop()
    responder.stop()

    with pytest.raises(ConnectionRefusedError):
        connect(responder.endpoint).close()
