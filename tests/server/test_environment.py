"""The process environment inside server mode, and its exact restoration.

Clients need credentials and a region even against a local server: fake ones
are provided when the environment has none, and what is there is kept. Tools
outside botocore find the server through ``AWS_ENDPOINT_URL``.
"""

from __future__ import annotations

import os
from contextlib import closing

import boto3
import pytest

from aiomoto import AutoEndpointMode, mock_aws
from tests.server.probes import bucket_names

#: Loopback and never contacted: a developer's own endpoint setting.
PRESET_ENDPOINT = "http://127.0.0.1:9"


@pytest.fixture
def bare_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """No credentials, no region."""
    for name in (
        "AWS_ACCESS_KEY_ID",
        "AWS_SECRET_ACCESS_KEY",
        "AWS_SESSION_TOKEN",
        "AWS_DEFAULT_REGION",
        "AWS_REGION",
    ):
        monkeypatch.delenv(name, raising=False)


@pytest.mark.usefixtures("bare_environment")
def test_fake_credentials_and_a_region_fill_an_empty_environment() -> None:
    before = dict(os.environ)
    with mock_aws(server_mode=True) as ctx:
        assert os.environ["AWS_ACCESS_KEY_ID"] == "testing"
        assert os.environ["AWS_SECRET_ACCESS_KEY"] == "testing"
        assert os.environ["AWS_DEFAULT_REGION"] == "us-east-1"
        # A new session sees them, as any client made inside would.
        session = boto3.Session()
        assert session.region_name == "us-east-1"
        credentials = session.get_credentials()
        assert credentials is not None
        assert credentials.access_key == "testing"
        with closing(session.client("s3")) as s3:
            s3.create_bucket(Bucket="no-credentials-needed")
        assert ctx.server_endpoint is not None
        assert bucket_names(ctx.server_endpoint) == {"no-credentials-needed"}
    assert dict(os.environ) == before


@pytest.mark.usefixtures("bare_environment")
def test_credentials_and_a_region_already_set_are_kept(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "mine")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "my-secret")
    monkeypatch.setenv("AWS_REGION", "eu-west-1")
    before = dict(os.environ)
    with mock_aws(server_mode=True):
        assert os.environ["AWS_ACCESS_KEY_ID"] == "mine"
        assert os.environ["AWS_SECRET_ACCESS_KEY"] == "my-secret"
        assert os.environ["AWS_REGION"] == "eu-west-1"
        assert "AWS_DEFAULT_REGION" not in os.environ
        credentials = boto3.Session().get_credentials()
        assert credentials is not None
        assert credentials.access_key == "mine"
    assert dict(os.environ) == before


@pytest.mark.usefixtures("bare_environment")
def test_a_default_region_already_set_is_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AWS_DEFAULT_REGION", "eu-central-1")
    before = dict(os.environ)
    with mock_aws(server_mode=True):
        assert os.environ["AWS_DEFAULT_REGION"] == "eu-central-1"
        assert "AWS_REGION" not in os.environ
        assert boto3.Session().region_name == "eu-central-1"
    assert dict(os.environ) == before


@pytest.mark.parametrize("mode", [None, AutoEndpointMode.FORCE])
def test_force_sets_aws_endpoint_url_for_tools_outside_botocore(
    mode: AutoEndpointMode | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AWS_ENDPOINT_URL", PRESET_ENDPOINT)
    before = dict(os.environ)
    with mock_aws(server_mode=True, auto_endpoint=mode) as ctx:
        assert os.environ["AWS_ENDPOINT_URL"] == ctx.server_endpoint
        assert os.environ["AWS_ALLOW_HTTP"] == "true"
    assert dict(os.environ) == before


def test_if_missing_keeps_an_aws_endpoint_url_already_set(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("AWS_ENDPOINT_URL", PRESET_ENDPOINT)
    before = dict(os.environ)
    with mock_aws(server_mode=True, auto_endpoint="if_missing"):
        assert os.environ["AWS_ENDPOINT_URL"] == PRESET_ENDPOINT
    assert dict(os.environ) == before


def test_if_missing_sets_aws_endpoint_url_when_there_is_none() -> None:
    before = dict(os.environ)
    with mock_aws(server_mode=True, auto_endpoint="if_missing") as ctx:
        assert os.environ["AWS_ENDPOINT_URL"] == ctx.server_endpoint
    assert dict(os.environ) == before


def test_disabled_sets_no_endpoint_variables() -> None:
    before = dict(os.environ)
    with mock_aws(server_mode=True, auto_endpoint="disabled"):
        assert "AWS_ENDPOINT_URL" not in os.environ
        assert "AWS_ALLOW_HTTP" not in os.environ
    assert dict(os.environ) == before


def test_a_nested_context_leaves_the_environment_to_the_outermost() -> None:
    before = dict(os.environ)
    with mock_aws(server_mode=True) as ctx:
        inside = dict(os.environ)
        with mock_aws(server_mode=True, auto_endpoint="disabled"):
            assert dict(os.environ) == inside
        assert dict(os.environ) == inside
        assert inside["AWS_ENDPOINT_URL"] == ctx.server_endpoint
    assert dict(os.environ) == before
