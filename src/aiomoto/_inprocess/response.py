"""An in-memory stand-in for the ``aiohttp.ClientResponse`` aiobotocore reads.

aiobotocore builds its ``StreamingBody`` (2.x) or ``AioStreamingBody`` (3.x)
around the raw response and reads it through ``raw.content.read(n)``; its
event streams iterate ``raw.content.iter_chunks()``; its
``AioAWSResponse.content`` awaits ``raw.read()``. This class offers exactly
that surface over the bytes Moto returned, without copying them: a full read
hands back Moto's own ``bytes`` object, and partial reads copy only the slice
asked for. Every read is a cancellation point, as a socket read would be (see
:mod:`aiomoto._inprocess.checkpoints`).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from types import TracebackType

from aiomoto._inprocess.checkpoints import checkpoint

_EMPTY = b""


class InMemoryStreamReader:
    """The ``raw.content`` part: an ``aiohttp.StreamReader`` over fixed bytes."""

    __slots__ = ("_body", "_position")

    def __init__(self, body: bytes) -> None:
        self._body = body
        self._position = 0

    def at_eof(self) -> bool:
        return self._position >= len(self._body)

    async def read(self, n: int = -1) -> bytes:
        await checkpoint()
        return self.read_now(n)

    async def iter_chunks(self) -> AsyncIterator[tuple[bytes, bool]]:
        """aiohttp's ``(data, end_of_http_chunk)`` pairs, read by aiobotocore's
        event streams (S3 Select, for one); the rest of the body is one chunk.
        """
        await checkpoint()
        data = self.read_now(-1)
        if data:
            yield data, True

    def read_now(self, n: int = -1) -> bytes:
        body, start = self._body, self._position
        if start == 0 and (n < 0 or n >= len(body)):
            self._position = len(body)
            return body
        end = len(body) if n < 0 else min(start + n, len(body))
        self._position = end
        return body[start:end] if end > start else _EMPTY

    def release(self) -> None:
        self._body = _EMPTY
        self._position = 0


class InMemoryHTTPResponse:
    """The raw response object: status, headers, URL and an async body.

    No ``__slots__``: aiobotocore 2.x wraps this object in ``wrapt`` proxies
    that store their own state on it, as they do on an aiohttp response.
    """

    def __init__(
        self, url: str, status: int, headers: Mapping[str, str], body: bytes
    ) -> None:
        self.url = url
        self.status = status
        self.headers = headers
        self.content = InMemoryStreamReader(body)
        self._closed = False

    @property
    def content_length(self) -> int | None:
        length = self.headers.get("content-length")
        return int(length) if length is not None else None

    @property
    def closed(self) -> bool:
        return self._closed

    def at_eof(self) -> bool:
        return self.content.at_eof()

    async def read(self) -> bytes:
        return await self.content.read()

    def close(self) -> None:
        self._closed = True
        self.content.release()

    async def __aenter__(self) -> InMemoryHTTPResponse:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<InMemoryHTTPResponse {self.status} {self.url}>"


def as_bytes(data: bytes | bytearray | memoryview | str) -> bytes:
    """What an async request body read or yielded, as the bytes Moto reads.

    ``str`` is sent as UTF-8, as botocore sends a ``str`` body.
    """
    if isinstance(data, bytes):
        return data
    if isinstance(data, str):
        return data.encode("utf-8")
    return bytes(data)
