"""The in-memory response aiobotocore reads: what no S3 answer exercises."""

from __future__ import annotations

import pytest

from aiomoto._inprocess.response import InMemoryHTTPResponse, InMemoryStreamReader

pytestmark = pytest.mark.anyio


async def test_an_empty_body_yields_no_chunks_and_is_at_its_end() -> None:
    content = InMemoryStreamReader(b"")

    assert content.at_eof()
    assert [chunk async for chunk in content.iter_chunks()] == []


async def test_the_chunks_after_a_partial_read_are_the_rest_in_one_piece() -> None:
    content = InMemoryStreamReader(b"event stream")

    assert await content.read(6) == b"event "
    assert [chunk async for chunk in content.iter_chunks()] == [(b"stream", True)]
    assert [chunk async for chunk in content.iter_chunks()] == []


def test_the_response_names_its_status_and_url() -> None:
    """As aiobotocore 3.x shows it (``body.raw_stream``); 2.x's proxy has its own."""
    url = "https://bucket.s3.amazonaws.com/key"
    response = InMemoryHTTPResponse(url, 404, {}, b"")

    assert repr(response) == f"<InMemoryHTTPResponse 404 {url}>"
