"""The process environment inside server mode, and its exact restoration.

Clients need credentials and a region even against a local server. With a
local backend Moto's own fake credentials apply (as under ``moto.mock_aws``);
otherwise each missing credential is filled. Tools outside botocore find the
server through ``AWS_ENDPOINT_URL``.
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
        assert os.environ["AWS_ACCESS_KEY_ID"]
        assert os.environ["AWS_SECRET_ACCESS_KEY"]
        assert os.environ["AWS_DEFAULT_REGION"] == "us-east-1"
        # A new session sees them, as any client made inside would.
        session = boto3.Session()
        assert session.region_name == "us-east-1"
        assert session.get_credentials() is not None
        with closing(session.client("s3")) as s3:
            s3.create_bucket(Bucket="no-credentials-needed")
        assert bucket_names(ctx.server_endpoint) == {"no-credentials-needed"}
    assert dict(os.environ) == before


@pytest.mark.usefixtures("bare_environment")
def test_a_local_backend_replaces_real_looking_credentials_as_moto_does(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "mine")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "my-secret")
    monkeypatch.setenv("AWS_REGION", "eu-west-1")
    before = dict(os.environ)
    with mock_aws(server_mode=True):
        # Moto's own fake credentials, as under moto.mock_aws: a test never
        # signs anything with the developer's keys.
        assert os.environ["AWS_ACCESS_KEY_ID"] not in ("mine", "")
        assert os.environ["AWS_SECRET_ACCESS_KEY"] not in ("my-secret", "")
        assert os.environ["AWS_REGION"] == "eu-west-1"
        # botocore reads only AWS_DEFAULT_REGION: it follows AWS_REGION.
        assert os.environ["AWS_DEFAULT_REGION"] == "eu-west-1"
        assert boto3.Session().region_name == "eu-west-1"
    assert dict(os.environ) == before


@pytest.mark.usefixtures("bare_environment")
@pytest.mark.parametrize(
    ("present", "filled"),
    [
        pytest.param("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", id="key-only"),
        pytest.param("AWS_SECRET_ACCESS_KEY", "AWS_ACCESS_KEY_ID", id="secret-only"),
    ],
)
def test_each_missing_credential_is_filled_on_its_own(
    present: str, filled: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(present, "mine")
    before = dict(os.environ)
    # Moto's own credential replacement off: aiomoto's filling is what remains.
    no_fake_credentials = {"core": {"mock_credentials": False}}
    with mock_aws(server_mode=True, config=no_fake_credentials) as ctx:
        assert os.environ[present] == "mine"
        assert os.environ[filled] == "testing"
        # No PartialCredentialsError: a client signs and is served.
        with closing(boto3.client("s3")) as s3:
            s3.create_bucket(Bucket="partly-configured")
        assert bucket_names(ctx.server_endpoint) == {"partly-configured"}
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


@pytest.mark.parametrize("mode", ["force", "if_missing"])
def test_ambient_endpoint_variables_point_at_the_server_like_every_client(
    mode: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Ambient configuration is not an explicit endpoint: boto3 clients are
    # injected, so tools that read the environment must follow the same rule.
    monkeypatch.setenv("AWS_ENDPOINT_URL", PRESET_ENDPOINT)
    monkeypatch.setenv("AWS_ENDPOINT_URL_S3", PRESET_ENDPOINT)
    before = dict(os.environ)
    with mock_aws(server_mode=True, auto_endpoint=mode) as ctx:
        assert os.environ["AWS_ENDPOINT_URL"] == ctx.server_endpoint
        assert os.environ["AWS_ENDPOINT_URL_S3"] == ctx.server_endpoint
        with closing(boto3.client("s3")) as s3:
            assert s3.meta.endpoint_url == ctx.server_endpoint
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
        with mock_aws(server_mode=True, reset=False):
            assert dict(os.environ) == inside
        with mock_aws():
            assert dict(os.environ) == inside
        assert dict(os.environ) == inside
        assert inside["AWS_ENDPOINT_URL"] == ctx.server_endpoint
    assert dict(os.environ) == before
