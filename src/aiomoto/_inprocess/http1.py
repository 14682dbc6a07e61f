"""An HTTP/1.1 request, read from the bytes a client writes.

Used where aiomoto stands at the far end of a client's connection: the
in-memory transport it gives aiohttp, and the loopback responder for native
tools. It reads the request line, the headers and a body framed by
``Content-Length`` or ``Transfer-Encoding: chunked``, and knows when the
request is complete.
"""

from __future__ import annotations


class RequestReader:
    """An HTTP/1.1 request read from the bytes a client writes."""

    def __init__(self) -> None:
        self._data = bytearray()
        self._head_end = -1
        self.method = ""
        self.target = ""
        self.headers: list[tuple[str, str]] = []
        self.expects_continue = False
        self._length: int | None = 0
        self._chunks: list[bytes] = []
        self._position = 0
        self.body = b""
        self.complete = False

    def feed(self, data: bytes) -> bool:
        """Add written bytes; whether the request is now complete."""
        self._data += data
        if self._head_end < 0:
            end = self._data.find(b"\r\n\r\n")
            if end < 0:
                return False
            self._head_end = self._position = end + 4
            self._read_head(bytes(self._data[:end]).decode("latin-1"))
        self._read_body()
        return self.complete

    def _read_head(self, head: str) -> None:
        request_line, *lines = head.split("\r\n")
        self.method, self.target, _ = request_line.split(" ", 2)
        for line in lines:
            name, _, value = line.partition(":")
            self.headers.append((name.strip(), value.strip()))
        fields = {name.lower(): value for name, value in self.headers}
        self.expects_continue = fields.get("expect", "").lower() == "100-continue"
        if "chunked" in fields.get("transfer-encoding", "").lower():
            self._length = None
        else:
            self._length = int(fields.get("content-length") or 0)

    def _read_body(self) -> None:
        if self._length is not None:
            if len(self._data) - self._head_end >= self._length:
                start = self._head_end
                self.body = bytes(self._data[start : start + self._length])
                self.complete = True
            return
        while True:
            line_end = self._data.find(b"\r\n", self._position)
            if line_end < 0:
                return
            size = int(bytes(self._data[self._position : line_end]).split(b";")[0], 16)
            if size == 0:
                if self._data.find(b"\r\n\r\n", line_end) < 0:
                    return
                self.body = b"".join(self._chunks)
                self.complete = True
                return
            chunk_end = line_end + 2 + size
            if len(self._data) < chunk_end + 2:
                return
            self._chunks.append(bytes(self._data[line_end + 2 : chunk_end]))
            self._position = chunk_end + 2
