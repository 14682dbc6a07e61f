"""Moto's answer in the shape aiobotocore's ``HttpxSession.send`` returns.

With ``AioConfig(http_session_cls=HttpxSession)`` aiobotocore expects an
``HttpxAWSResponse`` over an ``httpx.Response`` whose stream is read as it
arrives: a streamed body then becomes an ``AioHttpxStreamingBody`` (closed
with ``await body.aclose()``), exactly as against a real endpoint. This module
builds that response over the bytes Moto returned; its stream yields them in
socket-sized chunks, each after a cancellation point. It is imported only
when a client uses the httpx session, so httpx stays optional.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from typing import Any

import aiobotocore.endpoint
from aiobotocore.awsrequest import HttpxAWSResponse
from botocore.compat import HTTPHeaders

from aiomoto._inprocess.checkpoints import checkpoint

#: The httpx (or httpx2) module whose ``Response`` aiobotocore streams from.
httpx: Any = vars(aiobotocore.endpoint)["httpx"]

#: What one read of a socket hands httpx (httpcore reads 64 KiB at a time).
CHUNK = 64 * 1024


class InMemoryByteStream(httpx.AsyncByteStream):  # type: ignore[misc]
    """Moto's body as the async byte stream an ``httpx.Response`` reads."""

    def __init__(self, body: bytes) -> None:
        self._body = body

    async def __aiter__(self) -> AsyncIterator[bytes]:
        body = self._body
        if len(body) <= CHUNK:
            # Handed over whole, without a copy; an empty body is still a read.
            await checkpoint()
            if body:
                yield body
            return
        for start in range(0, len(body), CHUNK):
            await checkpoint()
            yield body[start : start + CHUNK]

    async def aclose(self) -> None:
        self._body = b""


def httpx_response(
    method: str, url: str, status: int, headers: Mapping[str, Any], body: bytes
) -> HttpxAWSResponse:
    pairs = [(name, str(value)) for name, value in headers.items()]
    raw = httpx.Response(
        status,
        headers=pairs,
        stream=InMemoryByteStream(body),
        request=httpx.Request(method, url),
    )
    return HttpxAWSResponse(url, status, HTTPHeaders.from_pairs(pairs), raw)
