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
retry can rewind it as usual. An aws-chunked body of known length is framed as
one chunk: the decoded bytes are the same, but Moto decodes frames by
concatenating them one by one (quadratic in their count) and aiobotocore's
``read()`` grows its buffer the same way, so 1 MiB frames made a 50 MB part
cost seconds.

Just before Moto runs, ``_send`` yields to the event loop once (see
:mod:`aiomoto._inprocess.checkpoints`): a timeout or a cancellation delivered
there leaves Moto untouched, and concurrent requests interleave as they would
against a real endpoint. A request body of 1 MiB or more is then given to
Moto in a worker thread, so the loop keeps running while Moto digests it.
Once Moto has started, its answer is the request's outcome, as with a server
that processed it; a cancellation delivered while the body is read abandons
only the in-memory response.

The answer has the shape of the client's HTTP session: aiohttp's by default,
httpx's for a client configured with aiobotocore's ``HttpxSession``.
"""

from __future__ import annotations

import inspect
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, cast

from aiobotocore.awsrequest import AioAWSResponse
from aiobotocore.endpoint import AioEndpoint
from aiobotocore.httpchecksum import AioAwsChunkedWrapper
from botocore.awsrequest import AWSPreparedRequest

from aiomoto import _routing
from aiomoto._inprocess.botocore_stubber import ASYNC_REQUEST_MARK, moto_answer
from aiomoto._inprocess.checkpoints import checkpoint, in_worker_thread
from aiomoto._inprocess.response import InMemoryHTTPResponse, as_bytes
from aiomoto._patching import patched
from aiomoto.exceptions import RealHTTPRequestBlockedError

#: From this size on, a request body is handed to Moto in a worker thread:
#: the thread hop (tens of microseconds) is then a small part of Moto's work.
LARGE_BODY = 1024 * 1024


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
            return await _answer_from_moto(self, request)
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


async def _answer_from_moto(
    endpoint: AioEndpoint, request: AWSPreparedRequest
) -> AioAWSResponse:
    body = request.body
    if body is not None and not isinstance(body, (bytes, bytearray, str)):
        length = request.headers.get("X-Amz-Decoded-Content-Length")
        data = await _read_async_body(body, length)
        if data is not None:
            request = _with_body(request, data)
    await checkpoint()
    if _is_large(request.body):
        answer = await in_worker_thread(lambda: moto_answer(request))
    else:
        answer = moto_answer(request)
    if answer is None:
        raise RealHTTPRequestBlockedError(
            request.method or "GET",
            request.url or "",
            getattr(request, ASYNC_REQUEST_MARK, None),
        )
    status, headers, payload = answer
    if _uses_httpx(endpoint):
        from aiomoto._inprocess.httpxsession import httpx_response

        return httpx_response(request.method, request.url, status, headers, payload)
    raw = InMemoryHTTPResponse(request.url, status, headers, payload)
    response = AioAWSResponse(request.url, status, cast(Any, headers), raw)
    # One case-insensitive header mapping for both, as aiohttp's would be.
    raw.headers = response.headers
    return response


def _is_large(body: Any) -> bool:
    """A body Moto should digest in a worker thread (see ``checkpoints``)."""
    return isinstance(body, (bytes, bytearray)) and len(body) >= LARGE_BODY


def _uses_httpx(endpoint: AioEndpoint) -> bool:
    """Whether the client sends through aiobotocore's ``HttpxSession``."""
    # Only a client configured with it has imported the module.
    module = sys.modules.get("aiobotocore.httpxsession")
    return module is not None and isinstance(endpoint.http_session, module.HttpxSession)


async def _read_async_body(body: Any, decoded_length: str | None) -> bytes | None:
    """Read an async body to bytes; ``None`` leaves a sync body to Moto."""
    if isinstance(body, AioAwsChunkedWrapper):
        return await _read_aws_chunked(body, decoded_length)
    read = getattr(body, "read", None)
    if read is not None:
        if not inspect.iscoroutinefunction(read):
            return None
        return as_bytes(await read())
    # No read(): an async iterable, as aiohttp sends. botocore's validation
    # lets only file-like bodies through, so only a caller who turned it off
    # gets here (with anything else, ``async for`` raises a TypeError).
    return b"".join([as_bytes(chunk) async for chunk in body])


async def _read_aws_chunked(
    body: AioAwsChunkedWrapper, decoded_length: str | None
) -> bytes:
    """The whole aws-chunked encoding, in one data frame when the length is known.

    botocore states the decoded length in ``X-Amz-Decoded-Content-Length``
    whenever it can tell it; the frame size is the wrapper's own
    ``_chunk_size``. With one frame, ``read()`` and Moto's decoder each handle
    the data once. Without a known length the frames are joined, not grown.
    """
    if decoded_length is not None and int(decoded_length) > 0:
        wrapper: Any = body  # _chunk_size is botocore's, not in the stubs
        wrapper._chunk_size = int(decoded_length)
        return as_bytes(await body.read())
    return b"".join([as_bytes(frame) async for frame in body])


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
