"""aiobotocore's ``AioEndpoint``, served by Moto instead of an HTTP session.

Two methods are wrapped while aiomoto is active:

- ``_do_get_response`` marks the request as an async client's (see
  :mod:`aiomoto._inprocess.botocore_stubber`) before aiobotocore emits
  ``before-send``;
- ``_send``, which aiobotocore calls when no ``before-send`` handler answered,
  asks :mod:`aiomoto._routing` where the request goes. With a local backend
  it gives the request to Moto and returns an awaitable ``AioAWSResponse``
  over Moto's answer; a request Moto does not serve raises
  :class:`~aiomoto.exceptions.RealHTTPRequestBlockedError` before any socket
  opens. A request for the activation's Moto server (server mode) goes to the
  HTTP session as usual; with a remote backend, one for an AWS host is
  blocked.

Async request bodies (aiobotocore's aws-chunked checksum wrapper, async file
objects, async iterables) are read here, because Moto reads bodies
synchronously. The original body object stays on aiobotocore's request, so a
retry can rewind it as usual.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, cast

from aiobotocore.awsrequest import AioAWSResponse
from aiobotocore.endpoint import AioEndpoint
from botocore.awsrequest import AWSPreparedRequest

from aiomoto import _routing
from aiomoto._inprocess.botocore_stubber import ASYNC_REQUEST_MARK, moto_answer
from aiomoto._inprocess.response import InMemoryHTTPResponse, as_bytes
from aiomoto._patching import patched
from aiomoto.exceptions import RealHTTPRequestBlockedError


@contextmanager
def served_by_moto() -> Iterator[None]:
    original_do_get_response = vars(AioEndpoint)["_do_get_response"]

    async def _do_get_response(
        self: AioEndpoint, request: Any, operation_model: Any, context: Any
    ) -> Any:
        setattr(request, ASYNC_REQUEST_MARK, _operation_name(operation_model))
        return await original_do_get_response(self, request, operation_model, context)

    original_send = vars(AioEndpoint)["_send"]

    async def _send(self: AioEndpoint, request: AWSPreparedRequest) -> AioAWSResponse:
        where = _routing.route(request.url)
        if where is _routing.Route.MOTO:
            return await _answer_from_moto(request)
        if where is _routing.Route.NETWORK:
            response: AioAWSResponse = await original_send(self, request)
            return response
        raise RealHTTPRequestBlockedError(
            request.method or "GET",
            request.url or "",
            getattr(request, ASYNC_REQUEST_MARK, None),
            attached_to=_routing.remote_endpoint(),
        )

    with (
        patched(AioEndpoint, "_do_get_response", _do_get_response),
        patched(AioEndpoint, "_send", _send),
    ):
        yield


async def _answer_from_moto(request: AWSPreparedRequest) -> AioAWSResponse:
    body = request.body
    if body is not None and not isinstance(body, (bytes, bytearray, str)):
        data = await _read_async_body(body)
        if data is not None:
            request = _with_body(request, data)
    answer = moto_answer(request)
    if answer is None:
        raise RealHTTPRequestBlockedError(
            request.method or "GET",
            request.url or "",
            getattr(request, ASYNC_REQUEST_MARK, None),
        )
    status, headers, payload = answer
    raw = InMemoryHTTPResponse(request.url, status, headers, payload)
    response = AioAWSResponse(request.url, status, cast(Any, headers), raw)
    # One case-insensitive header mapping for both, as aiohttp's would be.
    raw.headers = response.headers
    return response


async def _read_async_body(body: Any) -> bytes | None:
    """Read an async body to bytes; ``None`` leaves a sync body to Moto."""
    read = getattr(body, "read", None)
    if read is not None:
        if not inspect.iscoroutinefunction(read):
            return None
        return as_bytes(await read())
    if hasattr(body, "__aiter__"):
        return b"".join([as_bytes(chunk) async for chunk in body])
    return None


def _with_body(request: AWSPreparedRequest, body: bytes) -> AWSPreparedRequest:
    copy = AWSPreparedRequest(
        method=request.method,
        url=request.url,
        headers=request.headers,
        body=body,
        stream_output=request.stream_output,
    )
    setattr(copy, ASYNC_REQUEST_MARK, getattr(request, ASYNC_REQUEST_MARK, None))
    return copy


def _operation_name(operation_model: Any) -> str:
    return f"{operation_model.service_model.service_name}.{operation_model.name}"
