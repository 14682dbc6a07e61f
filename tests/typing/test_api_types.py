"""Typing of the public API, checked by mypy --strict (and run by pytest)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest
from typing_extensions import assert_type

from aiomoto import (
    ActiveMock,
    ActiveServer,
    AutoEndpointMode,
    MockAwsContext,
    mock_aws,
    mock_aws_decorator,
)


@mock_aws
def sync_function(bucket: str, *, count: int = 1) -> list[str]:
    return [bucket] * count


@mock_aws(reset=False)
async def async_function(name: str) -> int:
    return len(name)


@mock_aws_decorator
def generator_function() -> Iterator[int]:
    yield 1


@mock_aws
async def async_generator_function() -> AsyncIterator[str]:
    yield "x"


def test_decorators_keep_the_wrapped_signatures() -> None:
    assert_type(sync_function("b", count=2), list[str])
    assert_type(generator_function(), Iterator[int])
    assert_type(async_generator_function(), AsyncIterator[str])
    assert sync_function("b", count=2) == ["b", "b"]


@pytest.mark.anyio
async def test_async_decorators_keep_awaitable_results() -> None:
    result = await async_function("four")
    assert_type(result, int)
    assert result == 4


def test_contexts_are_typed() -> None:
    assert_type(mock_aws(), MockAwsContext[ActiveMock])
    assert_type(mock_aws_decorator(reset=False), MockAwsContext[ActiveMock])
    context = mock_aws()
    assert_type(context.auto_endpoint, AutoEndpointMode)
    assert_type(context.server_endpoint, str | None)
    with context as mock:
        assert_type(mock, ActiveMock)
        assert_type(mock.server_endpoint, str | None)
        assert_type(mock.server_port, int | None)


def test_a_bare_context_annotation_means_the_in_process_kind() -> None:
    context: MockAwsContext = mock_aws()
    assert_type(context.start(), ActiveMock)
    context.stop()


def test_server_mode_handles_type_the_server_attributes_as_present() -> None:
    server_context = mock_aws(server_mode=True)
    assert_type(server_context, MockAwsContext[ActiveServer])
    # The context object reports nothing unless entered, so it stays Optional.
    assert_type(server_context.server_endpoint, str | None)
    with server_context as server:
        assert_type(server, ActiveServer)
        assert_type(server.server_endpoint, str)
        assert_type(server.server_host, str)
        assert_type(server.server_port, int)
        assert server.server_endpoint.startswith("http://127.0.0.1:")


@pytest.mark.anyio
async def test_async_with_gives_the_same_handles() -> None:
    async with mock_aws() as mock:
        assert_type(mock, ActiveMock)
    async with mock_aws(server_mode=True) as server:
        assert_type(server, ActiveServer)
        assert_type(server.server_port, int)
