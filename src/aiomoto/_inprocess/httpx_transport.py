"""httpx's default transports: a request for an AWS host is answered by Moto.

``httpx.HTTPTransport.handle_request`` and
``httpx.AsyncHTTPTransport.handle_async_request`` are where httpx's clients
hand a request to the network (through httpcore, perhaps via a proxy). For
an AWS host the adapter reads the request body and returns Moto's answer
(:func:`aiomoto._inprocess.direct_http.answer`) as an ``httpx.Response`` over
an in-memory stream; the client then treats it as any response (redirects,
cookies, ``read()``, ``text``, ``json()``, ``iter_bytes()``, the event hooks).
Every other host goes to the original transport, so the user's own services,
and mocking libraries that patch httpcore or mount their own transports
(respx), keep working. The same is done for ``httpx2``, the fork that
aiobotocore's httpx backend uses, when it is installed.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Iterator
from contextlib import contextmanager
from types import ModuleType
from typing import Any

from aiomoto._aws_hosts import is_aws_host
from aiomoto._inprocess import direct_http
from aiomoto._patching import patched

#: The httpx distributions installed here, by import name.
INSTALLED = tuple(
    name for name in ("httpx", "httpx2") if importlib.util.find_spec(name) is not None
)


@contextmanager
def direct_http_served(module_name: str, local: bool) -> Iterator[None]:
    """Serve AWS hosts from Moto for ``module_name`` (``"httpx"`` or ``"httpx2"``)."""
    httpx = importlib.import_module(module_name)
    send = vars(httpx.HTTPTransport)["handle_request"]
    send_async = vars(httpx.AsyncHTTPTransport)["handle_async_request"]

    def handle_request(self: Any, request: Any) -> Any:
        if not is_aws_host(request.url.host):
            return send(self, request)
        return _moto_response(httpx, request, request.read(), local)

    async def handle_async_request(self: Any, request: Any) -> Any:
        if not is_aws_host(request.url.host):
            return await send_async(self, request)
        return _moto_response(httpx, request, await request.aread(), local)

    with (
        patched(httpx.HTTPTransport, "handle_request", handle_request),
        patched(httpx.AsyncHTTPTransport, "handle_async_request", handle_async_request),
    ):
        yield


def _moto_response(httpx: ModuleType, request: Any, body: bytes, local: bool) -> Any:
    answer = direct_http.answer(
        request.method,
        str(request.url),
        request.headers.multi_items(),
        body,
        client=httpx.__name__,
        local=local,
    )
    return httpx.Response(
        answer.status,
        headers=answer.headers,
        stream=httpx.ByteStream(answer.body),
        extensions={
            "http_version": b"HTTP/1.1",
            "reason_phrase": answer.reason.encode("ascii"),
        },
    )
