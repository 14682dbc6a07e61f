"""Endpoint injection, for every kind of client and every auto_endpoint mode.

FORCE (the default) points every new client at the server, even one given its
own ``endpoint_url``; IF_MISSING only clients given none; DISABLED none at all.
Modes work as strings and as enum members. Clients left pointing at AWS are
only inspected, never used.
"""

from __future__ import annotations

import pytest

from aiomoto import AutoEndpointMode, mock_aws
from tests.server.clients import (
    AWS_S3_ENDPOINT,
    CLIENT_KINDS,
    DISABLED,
    ELSEWHERE,
    FORCE,
    IF_MISSING,
    opened,
)
from tests.server.probes import bucket_names

pytestmark = [pytest.mark.anyio, pytest.mark.parametrize("kind", CLIENT_KINDS)]


@pytest.mark.parametrize("mode", FORCE)
async def test_force_points_a_client_without_an_endpoint_at_the_server(
    kind: str, mode: AutoEndpointMode | str | None
) -> None:
    with mock_aws(server_mode=True, auto_endpoint=mode) as ctx:
        assert ctx.server_endpoint is not None
        async with opened(kind) as client:
            assert client.endpoint == ctx.server_endpoint
            await client.create_bucket("forced")
        assert bucket_names(ctx.server_endpoint) == {"forced"}


@pytest.mark.parametrize("mode", FORCE)
async def test_force_overrides_an_explicit_endpoint_url(
    kind: str, mode: AutoEndpointMode | str | None
) -> None:
    with mock_aws(server_mode=True, auto_endpoint=mode) as ctx:
        assert ctx.server_endpoint is not None
        async with opened(kind, endpoint_url=ELSEWHERE) as client:
            assert client.endpoint == ctx.server_endpoint
            await client.create_bucket("overridden")
        assert bucket_names(ctx.server_endpoint) == {"overridden"}


@pytest.mark.parametrize("mode", IF_MISSING)
async def test_if_missing_points_a_client_without_an_endpoint_at_the_server(
    kind: str, mode: AutoEndpointMode | str
) -> None:
    with mock_aws(server_mode=True, auto_endpoint=mode) as ctx:
        assert ctx.server_endpoint is not None
        async with opened(kind) as client:
            assert client.endpoint == ctx.server_endpoint
            await client.create_bucket("injected")
        assert bucket_names(ctx.server_endpoint) == {"injected"}


@pytest.mark.parametrize("mode", IF_MISSING)
async def test_if_missing_keeps_an_explicit_endpoint_url(
    kind: str, mode: AutoEndpointMode | str
) -> None:
    with mock_aws(server_mode=True, auto_endpoint=mode):
        async with opened(kind, endpoint_url="http://example.com") as client:
            assert client.endpoint == "http://example.com"


@pytest.mark.parametrize("mode", DISABLED)
async def test_disabled_leaves_a_client_at_its_normal_aws_endpoint(
    kind: str, mode: AutoEndpointMode | str
) -> None:
    with mock_aws(server_mode=True, auto_endpoint=mode):
        async with opened(kind) as client:
            assert client.endpoint == AWS_S3_ENDPOINT


@pytest.mark.parametrize("mode", DISABLED)
async def test_disabled_serves_a_client_that_targets_the_server_itself(
    kind: str, mode: AutoEndpointMode | str
) -> None:
    with mock_aws(server_mode=True, auto_endpoint=mode) as ctx:
        assert ctx.server_endpoint is not None
        async with opened(kind, endpoint_url=ctx.server_endpoint) as client:
            assert client.endpoint == ctx.server_endpoint
            await client.create_bucket("explicit")
        assert bucket_names(ctx.server_endpoint) == {"explicit"}


@pytest.mark.parametrize("mode", [FORCE[1], IF_MISSING[1]])
async def test_injection_stops_when_the_context_exits(
    kind: str, mode: AutoEndpointMode | str
) -> None:
    with mock_aws(server_mode=True, auto_endpoint=mode) as ctx:
        async with opened(kind) as client:
            assert client.endpoint == ctx.server_endpoint
    async with opened(kind) as client:
        assert client.endpoint == AWS_S3_ENDPOINT
    async with opened(kind, endpoint_url=ELSEWHERE) as client:
        assert client.endpoint == ELSEWHERE


async def test_a_client_made_inside_keeps_the_server_endpoint_until_closed(
    kind: str,
) -> None:
    with mock_aws(server_mode=True, remove_data=False) as ctx:
        endpoint = ctx.server_endpoint
        async with opened(kind) as client:
            await client.create_bucket("made-inside")
    assert client.endpoint == endpoint
