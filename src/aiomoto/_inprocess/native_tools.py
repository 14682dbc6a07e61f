"""Tools that do not use botocore are turned away at once, never sent to AWS.

pyarrow's S3 filesystem (made from an ``s3://`` URI), polars (Rust's
``object_store``) and other native S3 clients send HTTP themselves: no
in-process patch reaches them, and with no endpoint configured they would go
to real AWS. While an in-process context is active, aiomoto points them at a
loopback responder through ``AWS_ENDPOINT_URL_S3`` (both read it; so does
botocore, which :mod:`aiomoto._inprocess.configprovider` keeps from seeing it)
and ``AWS_ALLOW_HTTP`` (object_store refuses plain http without it), plus
``AWS_REGION`` when no region is set (without one polars asks the bucket's
real host for it, whatever the endpoint; botocore does not read it). The
responder answers every request at once, with ``421 Misdirected Request`` and
an S3 error whose message says to use ``mock_aws(server_mode=True)``, which
runs a real local endpoint for such tools. A HEAD request cannot carry a
message, so it is answered ``200`` with a placeholder size: the tool's next
request (the read) gets the message. No tool retries a 4xx, so the failure is
immediate.

The environment is left alone when it already names an endpoint
(``AWS_ENDPOINT_URL``, ``AWS_ENDPOINT_URL_S3``, or object_store's
``AWS_ENDPOINT``): the user's setting wins.

The responder (one thread and one loopback listening socket) lives exactly as
long as the activation with a local backend: it starts at the outermost enter
and stops, its sockets closed, at the outermost exit, so nothing is left
behind (about 0.1 ms, some 3% of Moto's own enter and exit). polars keeps one
object store per bucket, endpoint included, for the life of the process: a
store made under an earlier context points at that context's responder,
which is gone, so use distinct bucket names (or server mode) with polars.

Not covered: a ``pyarrow.fs.S3FileSystem()`` constructed directly reads no
endpoint variable; give it ``endpoint_override`` (server mode).
"""

from __future__ import annotations

import os
import selectors
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from aiomoto._inprocess.configprovider import service_endpoint_hidden
from aiomoto._inprocess.http1 import RequestReader
from aiomoto._server.environment import environment_set

#: The variable native tools read (pyarrow and polars both do).
VARIABLE = "AWS_ENDPOINT_URL_S3"
#: Variables through which a user points native tools somewhere already.
_USER_ENDPOINTS = ("AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT")
HOST = "127.0.0.1"
#: Without a region polars asks the bucket's real AWS host for one, whatever
#: the endpoint. botocore reads AWS_DEFAULT_REGION, not AWS_REGION.
DEFAULT_REGION = "us-east-1"
ERROR_CODE = "AiomotoServerModeRequired"
MESSAGE = (
    "aiomoto: this S3 request came from a tool that does not use botocore "
    "(pyarrow, polars or another native S3 client), which an in-process "
    "mock_aws() cannot serve; it was not sent to AWS. Use "
    "mock_aws(server_mode=True) for such tools: it runs a local Moto server "
    "and points them at it."
)
_BODY = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    f"<Error><Code>{ERROR_CODE}</Code><Message>{MESSAGE}</Message></Error>"
).encode()
_TURNED_AWAY = (
    b"HTTP/1.1 421 Misdirected Request\r\n"
    b"Content-Type: application/xml\r\n"
    b"Content-Length: " + str(len(_BODY)).encode() + b"\r\n"
    b"x-amz-error-code: " + ERROR_CODE.encode() + b"\r\n"
    b"Connection: close\r\n\r\n" + _BODY
)
_HEAD_ANSWER = (
    b"HTTP/1.1 200 OK\r\n"
    b"Content-Length: 65536\r\n"
    b"Last-Modified: Thu, 01 Jan 2026 00:00:00 GMT\r\n"
    b'ETag: "aiomoto-in-process"\r\n'
    b"x-amz-error-code: " + ERROR_CODE.encode() + b"\r\n"
    b"Connection: close\r\n\r\n"
)


#: How long the responder waits on one client's socket.
_CLIENT_TIMEOUT = 1.0

#: What the active responder's door set in the environment, while it is open.
_set_by_the_door: dict[str, str] = {}


@contextmanager
def turned_away() -> Iterator[None]:
    """Point native S3 tools at a responder for the block (unless the user did)."""
    if any(name in os.environ for name in _USER_ENDPOINTS):
        yield
        return
    responder = Responder()
    try:
        endpoint = responder.endpoint
        changes = {VARIABLE: endpoint}
        if "AWS_ALLOW_HTTP" not in os.environ:
            changes["AWS_ALLOW_HTTP"] = "true"
        if "AWS_REGION" not in os.environ and "AWS_DEFAULT_REGION" not in os.environ:
            changes["AWS_REGION"] = DEFAULT_REGION
        with service_endpoint_hidden(VARIABLE, endpoint), environment_set(changes):
            _set_by_the_door.update(changes)
            try:
                yield
            finally:
                _set_by_the_door.clear()
    finally:
        responder.stop()


@contextmanager
def stepped_aside() -> Iterator[None]:
    """While an endpoint door is open, tools follow it, not the responder.

    The endpoint door points tools at the Moto server (or, with
    ``auto_endpoint="disabled"``, leaves them to their explicit settings), so
    what the responder's door set in the environment is taken out for the
    block (where it still holds that value) and put back after.
    """
    withdrawn = {
        name: value
        for name, value in _set_by_the_door.items()
        if os.environ.get(name) == value
    }
    for name in withdrawn:
        del os.environ[name]
    try:
        yield
    finally:
        os.environ.update(withdrawn)


class Responder:
    """A loopback HTTP server on one thread that turns every request away."""

    def __init__(self) -> None:
        listener = socket.create_server((HOST, 0))
        listener.setblocking(False)
        self._listener = listener
        self.port: int = listener.getsockname()[1]
        self._wake, self._waker = socket.socketpair()
        self._thread = threading.Thread(
            target=self._serve, name="aiomoto-native-tools-responder", daemon=True
        )
        self._thread.start()

    @property
    def endpoint(self) -> str:
        return f"http://{HOST}:{self.port}"

    def stop(self) -> None:
        """Stop serving and close the sockets (again: nothing more to do)."""
        if self._listener.fileno() < 0:
            return
        self._waker.send(b"\0")
        self._thread.join()
        for sock in (self._listener, self._wake, self._waker):
            sock.close()

    def _serve(self) -> None:
        requests: dict[socket.socket, RequestReader] = {}
        with selectors.DefaultSelector() as selector:
            selector.register(self._listener, selectors.EVENT_READ)
            selector.register(self._wake, selectors.EVENT_READ)
            try:
                while True:
                    for key, _ in selector.select():
                        if key.fileobj is self._wake:
                            return
                        if key.fileobj is self._listener:
                            self._accept(selector, requests)
                            continue
                        connection = key.fileobj
                        assert isinstance(connection, socket.socket)
                        if self._answered(connection, requests[connection]):
                            selector.unregister(connection)
                            del requests[connection]
                            connection.close()
            finally:
                for connection in requests:
                    connection.close()

    def _accept(
        self,
        selector: selectors.BaseSelector,
        requests: dict[socket.socket, RequestReader],
    ) -> None:
        try:
            connection, _ = self._listener.accept()
        # Linux keeps a connection reset before accept() queued (accept
        # returns it, its recv() raises), so a readable listener never blocks
        # here; BSD and macOS drop it, and a blocking accept() would then wait
        # for the next client, and stop() for ever (Stevens, UNP 16.6).
        except BlockingIOError:  # pragma: no cover - not on Linux (see above)
            return
        # Blocking, but bounded: a socket the selector reported readable
        # answers recv() at once; sendall() gets as long as a peer may take.
        connection.settimeout(_CLIENT_TIMEOUT)
        selector.register(connection, selectors.EVENT_READ)
        requests[connection] = RequestReader()

    @staticmethod
    def _answered(connection: socket.socket, request: RequestReader) -> bool:
        """Read what arrived; answer once the request is complete. Done?"""
        try:
            data = connection.recv(2**16)
            if not data:
                return True
            if not (_fed(request, data) or request.expects_continue):
                return False
            connection.sendall(
                _HEAD_ANSWER if request.method == "HEAD" else _TURNED_AWAY
            )
        except OSError:
            pass  # the client went away (reset): there is no one to answer
        return True


def _fed(request: RequestReader, data: bytes) -> bool:
    """Whether the request is complete; one that is not HTTP/1.1 as the reader
    knows it (a request line without a version, say) counts as complete, and
    is turned away like any other, without ending the responder's thread."""
    try:
        return request.feed(data)
    except ValueError:
        return True
