"""aiohttp's ``TCPConnector``: a request for an AWS host reaches Moto in memory.

aiohttp opens each connection in ``TCPConnector._create_connection`` (a DNS
lookup, then a socket, perhaps through a proxy). For an AWS host the adapter
returns aiohttp's own protocol (``connector._factory()``) connected to an
:class:`InMemoryTransport` instead. aiohttp writes the request to it as it
would to a socket; once the request is complete, the transport hands it to
Moto (:func:`aiomoto._inprocess.direct_http.answer`) and feeds Moto's answer
back as HTTP/1.1 bytes, which aiohttp parses itself. So the caller gets a
genuine ``ClientResponse`` (status, headers, ``read()``, ``text()``,
``json()``, ``content`` streaming with flow control) and no DNS lookup or
socket is involved. Every answer says ``Connection: close``: an in-memory
connection is never pooled, so none outlives the context. A request Moto
does not serve fails with
:class:`~aiomoto.exceptions.RealHTTPRequestBlockedError`, raised where the
response would be read.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from aiohttp import TCPConnector

from aiomoto import _routing
from aiomoto._aws_hosts import is_aws_host
from aiomoto._inprocess import direct_http
from aiomoto._inprocess.http1 import RequestReader
from aiomoto._patching import patched
from aiomoto.exceptions import RealHTTPRequestBlockedError

#: Bytes handed to aiohttp's parser at a time, as a socket read would.
_CHUNK = 2**16
_CONTINUE = b"HTTP/1.1 100 Continue\r\n\r\n"


@contextmanager
def direct_http_served(local: bool) -> Iterator[None]:
    original = vars(TCPConnector)["_create_connection"]

    async def _create_connection(
        self: TCPConnector, req: Any, traces: Any, timeout: Any
    ) -> Any:
        if not is_aws_host(req.url.raw_host):
            return await original(self, req, traces, timeout)
        if not local:
            raise RealHTTPRequestBlockedError(
                req.method,
                str(req.url),
                client="aiohttp",
                attached_to=_routing.remote_endpoint(),
            )
        protocol = self._factory()
        origin = str(req.url.origin())
        InMemoryTransport(
            protocol, lambda request: _moto_http_response(origin, request)
        )
        return protocol

    with patched(TCPConnector, "_create_connection", _create_connection):
        yield


class InMemoryTransport(asyncio.Transport):
    """A transport whose other end is a function from a request to a response.

    What the protocol writes is read as an HTTP request; once it is complete,
    ``respond`` turns it into the response bytes, which are fed to the
    protocol a chunk per event-loop turn, pausing when the protocol asks to.
    If ``respond`` raises, the protocol gets the exception, as aiohttp's would
    for a broken connection, and its reader raises it.
    """

    def __init__(
        self, protocol: Any, respond: Callable[[RequestReader], bytes]
    ) -> None:
        super().__init__()
        self._loop = asyncio.get_running_loop()
        self._protocol = protocol
        self._respond = respond
        self._request = RequestReader()
        self._pending = memoryview(b"")
        self._closing = False
        self._reading = True
        self._feeding = False
        protocol.connection_made(self)

    # -- what the protocol writes ------------------------------------------
    # aiohttp checks is_closing() before each write, and joins what it writes
    # at once before Python 3.12.9 / 3.13.2; after, asyncio's writelines()
    # joins it here. It never asks for write_eof() or buffer limits.
    def write(self, data: Any) -> None:
        request = self._request
        waiting, answered = request.expects_continue, request.complete
        complete = request.feed(bytes(data))
        if request.expects_continue and not waiting:
            self._queue(_CONTINUE)
        if complete and not answered:
            self._loop.call_soon(self._answer)

    def get_write_buffer_size(self) -> int:
        """Nothing waits to be sent: each write is taken at once."""
        return 0

    # -- what the protocol reads -------------------------------------------
    def _answer(self) -> None:
        # Run even if the connection closed since the request was written
        # (aiohttp awaits the answer first), as a server that received it would.
        try:
            response = self._respond(self._request)
        except Exception as error:
            self._protocol.set_exception(error)
            return
        self._queue(response)

    def _queue(self, data: bytes) -> None:
        self._pending = memoryview(bytes(self._pending) + data)
        self._schedule_feed()

    def _schedule_feed(self) -> None:
        if not self._feeding:
            self._feeding = True
            self._loop.call_soon(self._feed)

    def _feed(self) -> None:
        self._feeding = False
        if self._closing or not self._reading or not self._pending:
            return
        chunk, self._pending = self._pending[:_CHUNK], self._pending[_CHUNK:]
        self._protocol.data_received(bytes(chunk))
        if self._pending:
            self._schedule_feed()

    def pause_reading(self) -> None:
        self._reading = False

    def resume_reading(self) -> None:
        self._reading = True
        self._schedule_feed()

    def is_reading(self) -> bool:
        return self._reading and not self._closing

    # -- closing -------------------------------------------------------------
    def is_closing(self) -> bool:
        return self._closing

    def close(self) -> None:
        if not self._closing:
            self._closing = True
            self._pending = memoryview(b"")
            self._loop.call_soon(self._protocol.connection_lost, None)

    def abort(self) -> None:
        self.close()


def _moto_http_response(origin: str, request: RequestReader) -> bytes:
    """Moto's answer to the request, as the bytes of an HTTP/1.1 response."""
    url = request.target if "://" in request.target else origin + request.target
    answer = direct_http.answer(
        request.method,
        url,
        request.headers,
        request.body,
        client="aiohttp",
        local=True,
    )
    lines = [f"HTTP/1.1 {answer.status} {answer.reason}"]
    lines += [f"{name}: {value}" for name, value in answer.headers]
    lines.append("Connection: close")
    head = ("\r\n".join(lines) + "\r\n\r\n").encode("utf-8")
    return head + answer.body
