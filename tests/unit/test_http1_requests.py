"""An HTTP/1.1 request read from the bytes a client writes, however they arrive."""

from __future__ import annotations

from aiomoto._inprocess.http1 import RequestReader

CHUNKED = (
    b"PUT /bucket/key HTTP/1.1\r\n"
    b"Host: s3.amazonaws.com\r\n"
    b"Transfer-Encoding: chunked\r\n\r\n"
    b"5\r\nhello\r\n"
    b"7;name=value\r\n, world\r\n"
    b"0\r\n"
    b"x-amz-trailer: value\r\n\r\n"
)
SIZED = (
    b"POST /bucket HTTP/1.1\r\n"
    b"Host: s3.amazonaws.com\r\n"
    b"Content-Length: 11\r\n\r\n"
    b"hello world"
)


def written_a_byte_at_a_time(data: bytes) -> tuple[RequestReader, list[bool]]:
    request = RequestReader()
    return request, [request.feed(data[i : i + 1]) for i in range(len(data))]


def test_a_chunked_request_is_complete_only_once_its_last_byte_arrives() -> None:
    request, complete = written_a_byte_at_a_time(CHUNKED)

    assert complete == [False] * (len(CHUNKED) - 1) + [True]
    assert (request.method, request.target) == ("PUT", "/bucket/key")
    assert ("Transfer-Encoding", "chunked") in request.headers
    assert request.body == b"hello, world"


def test_a_sized_request_is_complete_once_its_length_has_arrived() -> None:
    request, complete = written_a_byte_at_a_time(SIZED)

    assert complete == [False] * (len(SIZED) - 1) + [True]
    assert request.body == b"hello world"


def test_a_request_expecting_100_continue_says_so_before_its_body() -> None:
    request = RequestReader()
    head, _, body = SIZED.partition(b"\r\n\r\n")

    assert not request.feed(head.replace(b"\r\n", b"\r\nExpect: 100-continue\r\n", 1))
    assert not request.feed(b"\r\n\r\n")
    assert request.expects_continue
    assert request.feed(body)
    assert request.body == b"hello world"
