"""s3fs's ``S3FileSystem`` follows the auto_endpoint mode like any other client.

s3fs caches its filesystems; aiomoto clears that cache on the way in and out,
so a filesystem made for one server is never reused for the next.
"""

from __future__ import annotations

from contextlib import closing

import boto3
import pytest
import s3fs  # type: ignore[import-untyped]

from aiomoto import AutoEndpointMode, mock_aws
from tests.server.clients import (
    AWS_S3_ENDPOINT,
    DISABLED,
    ELSEWHERE,
    FORCE,
    IF_MISSING,
)
from tests.server.probes import object_body


def create_bucket(endpoint: str, name: str) -> None:
    s3 = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1")
    with closing(s3):
        s3.create_bucket(Bucket=name)


def write_and_read(fs: s3fs.S3FileSystem, path: str, data: bytes) -> bytes:
    with fs.open(path, "wb") as file:
        file.write(data)
    read: bytes = fs.cat_file(path)
    return read


def endpoint_of(fs: s3fs.S3FileSystem) -> str:
    endpoint: str = fs.s3.meta.endpoint_url
    return endpoint


@pytest.mark.parametrize("mode", FORCE)
def test_force_sends_s3fs_to_the_server(mode: AutoEndpointMode | str | None) -> None:
    with mock_aws(server_mode=True, auto_endpoint=mode) as ctx:
        assert ctx.server_endpoint is not None
        create_bucket(ctx.server_endpoint, "s3fs-forced")
        fs = s3fs.S3FileSystem()
        assert endpoint_of(fs) == ctx.server_endpoint
        assert write_and_read(fs, "s3fs-forced/a.txt", b"alpha") == b"alpha"
        assert object_body(ctx.server_endpoint, "s3fs-forced", "a.txt") == b"alpha"


def test_force_overrides_an_explicit_s3fs_endpoint() -> None:
    with mock_aws(server_mode=True) as ctx:
        assert ctx.server_endpoint is not None
        create_bucket(ctx.server_endpoint, "s3fs-overridden")
        fs = s3fs.S3FileSystem(endpoint_url=ELSEWHERE)
        assert endpoint_of(fs) == ctx.server_endpoint
        assert write_and_read(fs, "s3fs-overridden/b.txt", b"beta") == b"beta"
        assert object_body(ctx.server_endpoint, "s3fs-overridden", "b.txt") == b"beta"


@pytest.mark.parametrize("mode", IF_MISSING)
def test_if_missing_sends_s3fs_without_an_endpoint_to_the_server(
    mode: AutoEndpointMode | str,
) -> None:
    with mock_aws(server_mode=True, auto_endpoint=mode) as ctx:
        assert ctx.server_endpoint is not None
        create_bucket(ctx.server_endpoint, "s3fs-injected")
        fs = s3fs.S3FileSystem()
        assert endpoint_of(fs) == ctx.server_endpoint
        assert write_and_read(fs, "s3fs-injected/c.txt", b"gamma") == b"gamma"
        assert object_body(ctx.server_endpoint, "s3fs-injected", "c.txt") == b"gamma"


@pytest.mark.parametrize("mode", IF_MISSING)
def test_if_missing_keeps_an_explicit_s3fs_endpoint(
    mode: AutoEndpointMode | str,
) -> None:
    with mock_aws(server_mode=True, auto_endpoint=mode):
        fs = s3fs.S3FileSystem(client_kwargs={"endpoint_url": "http://example.com"})
        assert endpoint_of(fs) == "http://example.com"


@pytest.mark.parametrize("mode", DISABLED)
def test_disabled_leaves_s3fs_at_its_normal_aws_endpoint(
    mode: AutoEndpointMode | str,
) -> None:
    with mock_aws(server_mode=True, auto_endpoint=mode):
        fs = s3fs.S3FileSystem()
        assert endpoint_of(fs) == AWS_S3_ENDPOINT


@pytest.mark.parametrize("mode", DISABLED)
def test_disabled_serves_s3fs_that_targets_the_server_itself(
    mode: AutoEndpointMode | str,
) -> None:
    with mock_aws(server_mode=True, auto_endpoint=mode) as ctx:
        assert ctx.server_endpoint is not None
        create_bucket(ctx.server_endpoint, "s3fs-explicit")
        fs = s3fs.S3FileSystem(endpoint_url=ctx.server_endpoint)
        assert endpoint_of(fs) == ctx.server_endpoint
        assert write_and_read(fs, "s3fs-explicit/d.txt", b"delta") == b"delta"
        assert object_body(ctx.server_endpoint, "s3fs-explicit", "d.txt") == b"delta"


def test_s3fs_made_after_exit_is_not_pointed_at_the_old_server() -> None:
    with mock_aws(server_mode=True) as ctx:
        inside = s3fs.S3FileSystem()
        assert endpoint_of(inside) == ctx.server_endpoint
    after = s3fs.S3FileSystem()
    assert after is not inside
    assert endpoint_of(after) == AWS_S3_ENDPOINT


def test_each_context_gets_a_filesystem_for_its_own_server() -> None:
    endpoints = []
    for _ in range(2):
        with mock_aws(server_mode=True) as ctx:
            assert ctx.server_endpoint is not None
            create_bucket(ctx.server_endpoint, "s3fs-again")
            fs = s3fs.S3FileSystem()
            assert endpoint_of(fs) == ctx.server_endpoint
            assert write_and_read(fs, "s3fs-again/e.txt", b"epsilon") == b"epsilon"
            endpoints.append(ctx.server_endpoint)
    assert endpoints[0] != endpoints[1]
