"""Each door takes the backend's kind: local (answer from Moto) or remote (block).

In-process mode opens the doors with a local backend; a context attached to
another process's server will open them with a remote one, where a request
to an AWS host is blocked (never answered from this process, never sent to
AWS) and a request to the server's own endpoint is sent as usual. Here each
door is entered directly, as the activation will, with a loopback responder
standing in for a server.
"""

from __future__ import annotations

from contextlib import closing
from typing import Any

import boto3
import moto
import pytest
from botocore.exceptions import ClientError

from aiomoto import RealHTTPRequestBlockedError
from aiomoto._inprocess.botocore_endpoint import served_by_moto
from aiomoto._inprocess.native_tools import ERROR_CODE

CREDENTIALS = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing"}


def s3_client(endpoint_url: str | None = None) -> closing[Any]:
    make_client: Any = boto3.client
    return closing(
        make_client(
            "s3", region_name="us-east-1", endpoint_url=endpoint_url, **CREDENTIALS
        )
    )


def test_with_a_remote_backend_a_sync_request_to_aws_is_blocked() -> None:
    with served_by_moto(local=False), s3_client() as s3:
        with pytest.raises(RealHTTPRequestBlockedError) as caught:
            s3.list_buckets()

    assert caught.value.client == "botocore"
    assert "Moto server in another process" in str(caught.value)


def test_with_a_remote_backend_the_server_s_endpoint_is_sent_to(responder: str) -> None:
    with served_by_moto(local=False), s3_client(responder) as s3:
        with pytest.raises(ClientError) as caught:
            s3.list_buckets()

    assert caught.value.response["Error"]["Code"] == ERROR_CODE


def test_with_a_local_backend_a_let_through_endpoint_is_sent_to(responder: str) -> None:
    """Moto's own mock provides the local backend: the door alone is under test."""
    with moto.mock_aws(), served_by_moto(local=True, let_through=(responder,)):
        with s3_client(responder) as s3, pytest.raises(ClientError) as caught:
            s3.list_buckets()
        with s3_client() as s3:
            s3.create_bucket(Bucket="still-moto")

    assert caught.value.response["Error"]["Code"] == ERROR_CODE
