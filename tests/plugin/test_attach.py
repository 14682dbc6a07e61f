"""--aiomoto-server-endpoint: the server fixtures attach to a running Moto server."""

from __future__ import annotations

from contextlib import closing

import pytest

from tests.plugin.conftest import InnerSuite, client_of

ATTACHED = """
import os

import boto3
import pytest


@pytest.mark.parametrize("n", [1, 2])
def test_aws_server(aws_server, n):
    assert aws_server.server_endpoint == os.environ["MOTO_SERVER"]
    assert aws_server.server_registry_path is None
    s3 = boto3.client("s3")
    assert s3.list_buckets()["Buckets"] == []
    s3.create_bucket(Bucket=f"attached-{n}")


@pytest.mark.aiomoto
def test_marker_in_server_mode(_aiomoto_marker):
    assert _aiomoto_marker.server_endpoint == os.environ["MOTO_SERVER"]
    boto3.client("s3").create_bucket(Bucket="attached-3")
"""


@pytest.mark.parametrize("given", ["command-line", "ini"])
def test_the_fixtures_attach_to_a_moto_server_the_test_started(
    suite: InnerSuite, moto_server: str, monkeypatch: pytest.MonkeyPatch, given: str
) -> None:
    monkeypatch.setenv("MOTO_SERVER", moto_server)
    suite.write(test_attached=ATTACHED)
    if given == "ini":
        option = ["-o", f"aiomoto_server_endpoint={moto_server}"]
    else:
        option = ["--aiomoto-server-endpoint", moto_server]
    suite.run(*option, "--aiomoto-mode=server").assert_outcomes(passed=3)
    # Each test emptied it first; the last test's bucket is still there.
    with closing(client_of(moto_server, "s3", "us-east-1")) as s3:
        assert [b["Name"] for b in s3.list_buckets()["Buckets"]] == ["attached-3"]


def test_more_than_one_worker_on_one_attached_server_is_refused(
    suite: InnerSuite, moto_server: str
) -> None:
    suite.write(
        test_shared="""
        import pytest


        @pytest.mark.parametrize("n", range(4))
        def test_attached(aws_server, n):
            pass
        """
    )
    result = suite.run("-n", "2", "--aiomoto-server-endpoint", moto_server)
    result.assert_outcomes(errors=4)
    result.stdout.fnmatch_lines(
        [
            f"*--aiomoto-server-endpoint {moto_server} is shared by 2 pytest-xdist "
            "workers, and the server fixtures reset it before each test*"
        ]
    )
