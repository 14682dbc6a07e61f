"""Server mode starts Moto's server, serves clients made inside, and stops it."""

from __future__ import annotations

from contextlib import closing

import boto3
import pytest

from aiomoto import mock_aws
from tests.server.probes import answers, port_is_released
from tests.smoke.clients import async_client

pytestmark = pytest.mark.anyio


async def test_an_async_client_writes_through_the_server_and_boto3_reads_back(
    kind: str,
) -> None:
    with mock_aws(server_mode=True) as ctx:
        endpoint, port = ctx.server_endpoint, ctx.server_port
        assert endpoint is not None
        assert port is not None
        async with async_client(kind, "s3") as s3:
            assert s3.meta.endpoint_url == endpoint
            await s3.create_bucket(Bucket="served")
            await s3.put_object(Bucket="served", Key="object", Body=b"through HTTP")
        with closing(boto3.client("s3", region_name="us-east-1")) as sync_s3:
            assert sync_s3.meta.endpoint_url == endpoint
            body = sync_s3.get_object(Bucket="served", Key="object")["Body"]
            assert body.read() == b"through HTTP"

    assert port_is_released(port)
    assert not answers(endpoint)
