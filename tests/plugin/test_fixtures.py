"""The aws, aws_server and aws_credentials fixtures (async: test_async_plugins)."""

from __future__ import annotations

import pytest

from tests.plugin.conftest import InnerSuite

EACH_TEST_STARTS_EMPTY = """
import boto3
import pytest


@pytest.mark.parametrize("n", [1, 2, 3])
def test_each_test_starts_empty(aws, n):
    s3 = boto3.client("s3")
    assert s3.list_buckets()["Buckets"] == []
    s3.create_bucket(Bucket=f"bucket-{n}")
"""


def test_aws_runs_the_test_in_process_and_each_test_starts_empty(
    suite: InnerSuite,
) -> None:
    suite.write(
        test_each=EACH_TEST_STARTS_EMPTY,
        test_handle="""
        from aiomoto import ActiveMock


        def test_the_handle_is_in_process(aws):
            assert isinstance(aws, ActiveMock)
            assert aws.backend == "local"
            assert aws.server_endpoint is None
        """,
    )
    suite.run().assert_outcomes(passed=4)


def test_in_server_mode_aws_attaches_to_one_server_for_the_session(
    suite: InnerSuite,
) -> None:
    """(The ini option is run by the docs' configuration example.)"""
    suite.write(
        test_each=EACH_TEST_STARTS_EMPTY,
        test_handle="""
        import boto3
        import pytest

        ENDPOINTS = set()


        @pytest.mark.parametrize("n", [1, 2])
        def test_the_handle_names_the_server(aws, n):
            assert aws.backend == "remote"
            assert boto3.client("s3").meta.endpoint_url == aws.server_endpoint
            ENDPOINTS.add(aws.server_endpoint)
            assert len(ENDPOINTS) == 1
        """,
    )
    suite.run("--aiomoto-mode=server").assert_outcomes(passed=5)


def test_aws_server_keeps_one_server_and_resets_it_before_each_test(
    suite: InnerSuite,
) -> None:
    suite.write(
        test_server="""
        import os

        import boto3
        import pytest

        import aiomoto
        from aiomoto import ActiveServer

        ENDPOINTS = set()


        @pytest.mark.parametrize("n", [1, 2, 3])
        def test_one_server_emptied_per_test(aws_server, n):
            assert isinstance(aws_server, ActiveServer)
            ENDPOINTS.add(aws_server.server_endpoint)
            assert len(ENDPOINTS) == 1
            s3 = boto3.client("s3")
            assert s3.meta.endpoint_url == aws_server.server_endpoint
            assert os.environ["AWS_ENDPOINT_URL"] == aws_server.server_endpoint
            assert s3.list_buckets()["Buckets"] == []
            s3.create_bucket(Bucket=f"bucket-{n}")


        def test_the_server_is_in_the_registry(aws_server):
            listed = [entry.endpoint for entry in aiomoto.running_servers()]
            assert aws_server.server_endpoint in listed
        """
    )
    suite.run().assert_outcomes(passed=4)


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
