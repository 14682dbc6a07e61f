"""@pytest.mark.aiomoto: the test and its fixtures inside mock_aws(**kwargs)."""

from __future__ import annotations

from tests.plugin.conftest import InnerSuite


def test_a_marked_test_and_its_fixtures_run_inside_the_mock(suite: InnerSuite) -> None:
    suite.write(
        test_marked="""
        import boto3
        import pytest
        from aiobotocore.session import AioSession

        from aiomoto import _lifecycle


        @pytest.fixture
        def bucket():
            s3 = boto3.client("s3")
            s3.create_bucket(Bucket="made-by-a-fixture")
            yield "made-by-a-fixture"
            s3.delete_bucket(Bucket="made-by-a-fixture")


        @pytest.mark.aiomoto
        def test_sync(bucket):
            assert boto3.client("s3").list_buckets()["Buckets"][0]["Name"] == bucket


        @pytest.mark.aiomoto()
        @pytest.mark.asyncio
        async def test_async(bucket):
            async with AioSession().create_client("s3") as s3:
                listed = await s3.list_buckets()
            assert [b["Name"] for b in listed["Buckets"]] == [bucket]


        @pytest.mark.parametrize(
            "mocked", [pytest.param(True, marks=pytest.mark.aiomoto), False]
        )
        def test_only_the_marked_case(mocked):
            assert (_lifecycle.depth() == 1) is mocked


        @pytest.mark.aiomoto
        class TestAClass:
            def test_one(self):
                assert _lifecycle.depth() == 1

            def test_with_aws_too(self, aws):
                assert _lifecycle.depth() == 2
                assert aws.backend == "local"
        """,
        test_module_mark="""
        import pytest

        from aiomoto import _lifecycle

        pytestmark = pytest.mark.aiomoto


        def test_marked_by_the_module():
            assert _lifecycle.depth() == 1
        """,
    )
    suite.run().assert_outcomes(passed=7)


def test_marked_server_tests_attach_to_the_session_server(suite: InnerSuite) -> None:
    suite.write(
        test_server="""
        import boto3
        import pytest

        ENDPOINTS = set()


        def test_aws_server(aws_server):
            ENDPOINTS.add(aws_server.server_endpoint)
            boto3.client("s3").create_bucket(Bucket="first")


        @pytest.mark.aiomoto(server_mode=True, reset=False)
        def test_reset_false_keeps_what_was_there(_aiomoto_marker):
            ENDPOINTS.add(_aiomoto_marker.server_endpoint)
            assert len(ENDPOINTS) == 1
            names = [b["Name"] for b in boto3.client("s3").list_buckets()["Buckets"]]
            assert names == ["first"]


        @pytest.mark.aiomoto(server_mode=True, auto_endpoint="disabled")
        def test_keywords_pass_through(_aiomoto_marker):
            ENDPOINTS.add(_aiomoto_marker.server_endpoint)
            assert len(ENDPOINTS) == 1
            endpoint = _aiomoto_marker.server_endpoint
            assert boto3.client("s3").meta.endpoint_url != endpoint
            s3 = boto3.client("s3", endpoint_url=endpoint)
            assert s3.list_buckets()["Buckets"] == []


        @pytest.mark.aiomoto(server_mode=True, config={"batch": {"use_docker": False}})
        def test_config_gets_a_backend_of_its_own(_aiomoto_marker):
            assert _aiomoto_marker.backend == "local"
            assert _aiomoto_marker.server_endpoint not in ENDPOINTS


        @pytest.mark.aiomoto
        def test_marked_test_with_aws_server_attaches_too(_aiomoto_marker, aws_server):
            assert _aiomoto_marker.server_endpoint in ENDPOINTS
        """
    )
    suite.run().assert_outcomes(passed=5)


def test_in_server_mode_marked_tests_attach(suite: InnerSuite) -> None:
    suite.write(
        test_mode="""
        import boto3
        import pytest


        @pytest.mark.aiomoto
        def test_attached(_aiomoto_marker):
            assert _aiomoto_marker.backend == "remote"
            endpoint = _aiomoto_marker.server_endpoint
            assert boto3.client("s3").meta.endpoint_url == endpoint


        @pytest.mark.aiomoto(server_mode=False)
        def test_in_process_when_asked(_aiomoto_marker):
            assert _aiomoto_marker.backend == "local"
        """
    )
    suite.run("--aiomoto-mode=server").assert_outcomes(passed=2)


def test_arguments_mock_aws_refuses_fail_the_test_with_its_message(
    suite: InnerSuite,
) -> None:
    suite.write(
        test_bad="""
        import pytest


        @pytest.mark.aiomoto("server")
        def test_positional():
            pass


        @pytest.mark.aiomoto(reset="yes")
        def test_not_a_bool():
            pass
        """
    )
    result = suite.run()
    result.assert_outcomes(errors=2)
    result.stdout.fnmatch_lines(
        [
            "*ConfigurationError: @pytest.mark.aiomoto takes mock_aws's keywords only,"
            " not ('server',)*",
            "*ConfigurationError: reset='yes' is not a bool*",
        ],
        consecutive=False,
    )
