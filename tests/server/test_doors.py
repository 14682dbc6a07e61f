"""One backend, every door: in server mode, clients not pointed at the server
are served in-process from the same data, never by the network."""

from __future__ import annotations

from contextlib import closing

import boto3
import pytest
from aiobotocore.session import AioSession

from aiomoto import AutoEndpointMode, RealHTTPRequestBlockedError, mock_aws
from aiomoto._options import ServerAddress
from aiomoto._routing import Route, route
from tests.server.probes import bucket_names, explicit_client

pytestmark = pytest.mark.anyio

AWS_S3 = "https://s3.amazonaws.com"
#: Clients made before a context resolve their credentials when made.
KEY, SECRET = "made", "before"


def test_a_sync_client_made_before_server_mode_is_served_in_process() -> None:
    made_before = boto3.client(
        "s3",
        region_name="us-east-1",
        aws_access_key_id=KEY,
        aws_secret_access_key=SECRET,
    )
    with closing(made_before), mock_aws(server_mode=True) as server:
        assert made_before.meta.endpoint_url == AWS_S3
        made_before.create_bucket(Bucket="through-the-in-process-door")
        with closing(explicit_client(server.server_endpoint)) as through_server:
            through_server.create_bucket(Bucket="through-the-endpoint")
        listed = made_before.list_buckets()["Buckets"]
        assert {bucket["Name"] for bucket in listed} == {
            "through-the-in-process-door",
            "through-the-endpoint",
        }


async def test_an_async_client_made_before_server_mode_is_served_in_process() -> None:
    made_before = AioSession().create_client(
        "s3",
        region_name="us-east-1",
        aws_access_key_id=KEY,
        aws_secret_access_key=SECRET,
    )
    async with made_before as s3, mock_aws(server_mode=True) as server:
        assert s3.meta.endpoint_url == AWS_S3
        await s3.create_bucket(Bucket="async-in-process")
        await s3.put_object(Bucket="async-in-process", Key="k", Body=b"same data")
        with closing(explicit_client(server.server_endpoint)) as through_server:
            body = through_server.get_object(Bucket="async-in-process", Key="k")
            assert body["Body"].read() == b"same data"


@pytest.mark.parametrize("mode", [AutoEndpointMode.DISABLED, "disabled"])
async def test_a_disabled_client_without_an_endpoint_is_served_in_process(
    mode: AutoEndpointMode | str,
) -> None:
    async with mock_aws(server_mode=True, auto_endpoint=mode) as server:
        with closing(boto3.client("s3", region_name="us-east-1")) as s3:
            assert s3.meta.endpoint_url == AWS_S3
            s3.create_bucket(Bucket="sync-disabled")
        async with AioSession().create_client("s3", region_name="us-east-1") as aio:
            assert aio.meta.endpoint_url == AWS_S3
            await aio.create_bucket(Bucket="async-disabled")
        assert bucket_names(server.server_endpoint) == {
            "sync-disabled",
            "async-disabled",
        }


async def test_if_missing_with_an_explicit_aws_endpoint_is_served_in_process() -> None:
    regional = "https://s3.us-east-1.amazonaws.com"
    async with mock_aws(server_mode=True, auto_endpoint="if_missing") as server:
        async with AioSession().create_client(
            "s3", region_name="us-east-1", endpoint_url=regional
        ) as s3:
            assert s3.meta.endpoint_url == regional
            await s3.create_bucket(Bucket="explicitly-aws")
        assert bucket_names(server.server_endpoint) == {"explicitly-aws"}


async def test_an_async_client_with_a_foreign_endpoint_is_still_blocked() -> None:
    elsewhere = "http://127.0.0.1:9"
    async with mock_aws(server_mode=True, auto_endpoint="if_missing"):
        async with AioSession().create_client(
            "s3", region_name="us-east-1", endpoint_url=elsewhere
        ) as s3:
            with pytest.raises(RealHTTPRequestBlockedError) as raised:
                await s3.list_buckets()
    assert raised.value.url.startswith(elsewhere)


def test_requests_for_the_server_go_to_the_network_and_the_rest_to_moto() -> None:
    with mock_aws(server_mode=True) as server:
        endpoint = server.server_endpoint
        assert route(f"{endpoint}/bucket/key") is Route.NETWORK
        assert route(f"{endpoint}") is Route.NETWORK
        # Another port on the same host is not the server.
        other = ServerAddress(server.server_host, server.server_port % 65535 + 1)
        assert route(f"{other.endpoint}/bucket") is Route.MOTO
        assert route(f"{AWS_S3}/bucket") is Route.MOTO
    assert route(f"{endpoint}/bucket") is Route.MOTO


def test_while_attached_requests_for_aws_hosts_are_blocked_and_others_sent(
    foreign_server: ServerAddress,
) -> None:
    with mock_aws(server_mode=True, server_endpoint=foreign_server.endpoint):
        assert route(f"{foreign_server.endpoint}/bucket") is Route.NETWORK
        for aws in (
            AWS_S3,
            "https://b.s3.eu-west-1.amazonaws.com",
            "https://x.api.aws",
        ):
            assert route(f"{aws}/k") is Route.BLOCKED
        assert route("https://s3.cn-north-1.amazonaws.com.cn/b") is Route.BLOCKED
        assert route("http://my-own-service.internal/api") is Route.NETWORK


@pytest.mark.parametrize(
    ("present", "filled"),
    [
        pytest.param("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", id="key-only"),
        pytest.param("AWS_SECRET_ACCESS_KEY", "AWS_ACCESS_KEY_ID", id="secret-only"),
    ],
)
def test_attached_each_missing_credential_is_filled_on_its_own(
    present: str,
    filled: str,
    foreign_server: ServerAddress,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import os

    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv(present, "mine")
    with mock_aws(server_mode=True, server_endpoint=foreign_server.endpoint):
        assert (os.environ[present], os.environ[filled]) == ("mine", "testing")
        with closing(boto3.client("s3")) as s3:
            s3.create_bucket(Bucket="no-partial-credentials-error")
    assert present in os.environ
    assert filled not in os.environ
