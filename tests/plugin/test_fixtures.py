"""The aws, aws_server and aws_credentials fixtures (async: test_async_plugins)."""

from __future__ import annotations

import string

import pytest

from tests.plugin.conftest import InnerSuite


def test_aws_runs_the_test_in_process_and_each_test_starts_empty(
    suite: InnerSuite,
) -> None:
    suite.write(
        test_each="""
        import boto3
        import pytest

        from aiomoto import ActiveMock


        @pytest.mark.parametrize("n", [1, 2, 3])
        def test_each_test_starts_empty(aws, n):
            s3 = boto3.client("s3")
            assert s3.list_buckets()["Buckets"] == []
            s3.create_bucket(Bucket=f"bucket-{n}")


        def test_the_handle_is_in_process(aws):
            assert isinstance(aws, ActiveMock)
            assert aws.backend == "local"
            assert aws.server_endpoint is None
        """,
    )
    suite.run().assert_outcomes(passed=4)


ONE_SERVER_EMPTIED_PER_TEST = string.Template("""
import os

import boto3
import pytest

import aiomoto
from aiomoto import ActiveServer

ENDPOINTS = set()


@pytest.mark.parametrize("n", [1, 2, 3])
def test_one_server_emptied_per_test($fixture, n):
    assert isinstance($fixture, ActiveServer)
    assert $fixture.backend == "remote"
    ENDPOINTS.add($fixture.server_endpoint)
    assert len(ENDPOINTS) == 1
    s3 = boto3.client("s3")
    assert s3.meta.endpoint_url == $fixture.server_endpoint
    assert os.environ["AWS_ENDPOINT_URL"] == $fixture.server_endpoint
    assert s3.list_buckets()["Buckets"] == []
    s3.create_bucket(Bucket=f"bucket-{n}")


def test_the_server_is_in_the_registry($fixture):
    listed = [entry.endpoint for entry in aiomoto.running_servers()]
    assert $fixture.server_endpoint in listed
""")


@pytest.mark.parametrize(
    ("fixture", "options"),
    [("aws_server", []), ("aws", ["--aiomoto-mode=server"])],
    ids=["aws_server", "aws-in-server-mode"],
)
def test_one_server_for_the_session_is_emptied_before_each_test(
    suite: InnerSuite, fixture: str, options: list[str]
) -> None:
    """(The ini option aiomoto_mode is run by the docs' configuration example.)"""
    suite.write(test_server=ONE_SERVER_EMPTIED_PER_TEST.substitute(fixture=fixture))
    suite.run(*options).assert_outcomes(passed=4)


def test_fixtures_and_decorators_in_one_test_share_one_backend(
    suite: InnerSuite,
) -> None:
    suite.write(
        test_joined="""
        import boto3

        from aiomoto import mock_aws


        def test_aws_joins_aws_server(aws, aws_server):
            assert aws.server_endpoint == aws_server.server_endpoint
            assert aws.backend == aws_server.backend == "remote"


        def test_aws_server_joins_aws(aws_server, aws):
            assert aws.server_endpoint == aws_server.server_endpoint


        @mock_aws
        def test_a_decorated_test_joins_aws(aws):
            boto3.client("s3").create_bucket(Bucket="joined")
            with mock_aws():
                assert len(boto3.client("s3").list_buckets()["Buckets"]) == 1
        """
    )
    suite.run().assert_outcomes(passed=3)


def test_aws_credentials_fakes_credentials_and_restores_the_environment(
    suite: InnerSuite, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AWS_PROFILE", "production")
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIAREALKEY")
    monkeypatch.delenv("AWS_SESSION_TOKEN", raising=False)
    suite.write(
        test_credentials="""
        import os

        import boto3


        def test_fake_credentials_and_region(aws_credentials):
            assert "AWS_PROFILE" not in os.environ
            assert aws_credentials["AWS_ACCESS_KEY_ID"] == "testing"
            for name, value in aws_credentials.items():
                assert os.environ[name] == value
            credentials = boto3.Session().get_credentials()
            assert (credentials.access_key, credentials.token) == ("testing", "testing")
            assert boto3.Session().region_name == "us-east-1"


        def test_restored_afterwards():
            assert os.environ["AWS_PROFILE"] == "production"
            assert os.environ["AWS_ACCESS_KEY_ID"] == "AKIAREALKEY"
            assert "AWS_SESSION_TOKEN" not in os.environ
        """
    )
    suite.run().assert_outcomes(passed=2)
