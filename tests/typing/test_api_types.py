"""Typing of the public API, checked by mypy --strict (and run by pytest)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest
from typing_extensions import assert_type

from aiomoto import AutoEndpointMode, MockAwsContext, mock_aws, mock_aws_decorator


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
    assert_type(mock_aws(), MockAwsContext)
    assert_type(mock_aws_decorator(reset=False), MockAwsContext)
    with mock_aws() as context:
        assert_type(context, MockAwsContext)
        assert_type(context.server_endpoint, str | None)
        assert_type(context.server_port, int | None)
        assert_type(context.auto_endpoint, AutoEndpointMode)
