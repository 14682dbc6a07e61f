"""--aiomoto-block-unmocked: a request outside any mock fails the test, unsent."""

from __future__ import annotations

import pytest

from tests.plugin.conftest import InnerSuite

FORGOTTEN = """
import boto3
import pytest
from aiobotocore.session import AioSession


def test_forgot_the_mock(aws_credentials):
    boto3.client("s3").list_buckets()


@pytest.mark.asyncio
async def test_forgot_the_mock_async(aws_credentials):
    async with AioSession().create_client("dynamodb") as dynamodb:
        await dynamodb.list_tables()


def test_caught_the_error(aws_credentials):
    try:
        boto3.client("sqs").list_queues()
    except Exception:
        pass
"""

ADVICE = (
    "--aiomoto-block-unmocked is on, so botocore and aiobotocore requests must run"
    " inside a mock: give the test the aws or aws_server fixture,"
    " @pytest.mark.aiomoto, or wrap the code in aiomoto.mock_aws()."
    " Requests to loopback endpoints are allowed."
)


@pytest.mark.parametrize(
    "how",
    [["--aiomoto-block-unmocked"], ["-o", "aiomoto_block_unmocked=true", "-n", "2"]],
    ids=["command-line", "ini-under-xdist"],
)
def test_a_forgotten_mock_fails_naming_the_test_operation_and_url(
    suite: InnerSuite, how: list[str]
) -> None:
    suite.write(test_forgotten=FORGOTTEN)
    result = suite.run(*how)
    result.assert_outcomes(failed=3)
    # Under xdist the failures come in any order: one line at a time.
    for line in (
        "*UnmockedRequestError: aiomoto blocked an AWS request made outside any"
        " mock in test_forgotten.py::test_forgot_the_mock (call): s3.ListBuckets"
        f" (GET https://s3.amazonaws.com/). {ADVICE}",
        "*UnmockedRequestError: aiomoto blocked an AWS request made outside any"
        " mock in test_forgotten.py::test_forgot_the_mock_async (call):"
        " dynamodb.ListTables (POST https://dynamodb.us-east-1.amazonaws.com/).*",
        "*UnmockedRequestError: aiomoto blocked 1 AWS request(s) made outside any"
        " mock in test_forgotten.py::test_caught_the_error (call), and the test"
        " caught the error; the first: sqs.ListQueues (POST"
        " https://sqs.us-east-1.amazonaws.com/).*",
    ):
        result.stdout.fnmatch_lines([line])


def test_requests_inside_any_mock_or_to_loopback_go_through(
    suite: InnerSuite, moto_server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MOTO_SERVER", moto_server)
    suite.write(
        test_allowed="""
        import os

        import boto3
        import moto
        import pytest
        from botocore.stub import Stubber

        from aiomoto import mock_aws


        def test_both_endpoints_are_wrapped_for_the_session():
            from aiobotocore.endpoint import AioEndpoint
            from botocore.endpoint import Endpoint

            for endpoint in (Endpoint, AioEndpoint):
                assert endpoint._do_get_response.__module__ == "aiomoto._pytest_guard"


        def test_the_aws_fixture(aws):
            boto3.client("s3").list_buckets()


        def test_the_aws_server_fixture(aws_server):
            boto3.client("s3").list_buckets()


        @pytest.mark.aiomoto
        def test_the_marker():
            boto3.client("s3").list_buckets()


        @mock_aws
        def test_the_decorator(aws_credentials):
            boto3.client("s3").list_buckets()


        def test_moto_s_own_mock(aws_credentials):
            with moto.mock_aws():
                boto3.client("s3").list_buckets()


        @pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
        def test_a_server_on_loopback(aws_credentials, host):
            endpoint = os.environ["MOTO_SERVER"].replace("127.0.0.1", host)
            boto3.client("s3", endpoint_url=endpoint).list_buckets()


        def test_botocore_stubber(aws_credentials):
            s3 = boto3.client("s3")
            with Stubber(s3) as stubber:
                stubber.add_response("list_buckets", {"Buckets": []})
                assert s3.list_buckets()["Buckets"] == []
        """
    )
    suite.run("--aiomoto-block-unmocked").assert_outcomes(passed=9)


def test_a_request_while_collecting_is_a_collection_error(suite: InnerSuite) -> None:
    suite.write(
        test_at_import="""
        import boto3

        boto3.client(
            "s3", aws_access_key_id="a", aws_secret_access_key="b"
        ).list_buckets()


        def test_never_collected():
            pass
        """
    )
    result = suite.run("--aiomoto-block-unmocked")
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(
        [
            "*UnmockedRequestError: aiomoto blocked an AWS request made outside any"
            " mock outside any test (while collecting): s3.ListBuckets*"
        ]
    )


def test_off_by_default_nothing_is_wrapped(suite: InnerSuite) -> None:
    suite.write(
        test_off="""
        from aiobotocore.endpoint import AioEndpoint
        from botocore.endpoint import Endpoint


        def test_endpoints_are_upstream_s(aws_credentials):
            assert Endpoint._do_get_response.__module__ == "botocore.endpoint"
            assert AioEndpoint._do_get_response.__module__ == "aiobotocore.endpoint"
        """
    )
    suite.run().assert_outcomes(passed=1)
