"""Which hosts are AWS's: the one rule the doors and the error messages share."""

from __future__ import annotations

import pytest

from aiomoto._aws_hosts import is_aws_host


@pytest.mark.parametrize(
    "host",
    [
        "s3.amazonaws.com",
        "my-bucket.s3.eu-west-1.amazonaws.com",
        "S3.US-EAST-1.AMAZONAWS.COM",
        "s3.amazonaws.com.",
        "sqs.cn-north-1.amazonaws.com.cn",
        "sqs.us-east-1.api.aws",
        "amazonaws.com",
    ],
)
def test_aws_endpoint_names_are_aws_hosts(host: str) -> None:
    assert is_aws_host(host)


@pytest.mark.parametrize(
    "host",
    [
        None,
        "",
        "localhost",
        "127.0.0.1",
        "example.com",
        "notamazonaws.com",
        "api.aws.example.com",
    ],
)
def test_other_names_are_not(host: str | None) -> None:
    assert not is_aws_host(host)
