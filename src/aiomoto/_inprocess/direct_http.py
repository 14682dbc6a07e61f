"""Direct HTTP to AWS hosts (presigned URLs, form uploads), answered by Moto.

Code that fetches an AWS URL itself (a presigned GET or PUT, a
``generate_presigned_post`` form) sends it with aiohttp or httpx, not
botocore. While the backend is local, the adapters of those libraries
(:mod:`~aiomoto._inprocess.aiohttp_connector`,
:mod:`~aiomoto._inprocess.httpx_transport`) hand every request for an AWS host
to :func:`answer`, which asks Moto through the same entry point as an async
client's request, with no DNS lookup and no socket. A request to any other
host is left to the library. An AWS URL that Moto does not serve, and every
AWS URL while the backend is remote (a Moto server in another process), raises
:class:`~aiomoto.exceptions.RealHTTPRequestBlockedError` before anything is
sent.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from http.client import responses
from typing import Any

from aiomoto._aws_hosts import is_aws_host
from aiomoto.exceptions import RealHTTPRequestBlockedError

__all__ = ["Answer", "answer", "direct_http_served", "is_aws_host"]

#: What Moto's dispatcher answers for an AWS URL that no backend serves.
_UNSERVED = (404, b"Not yet implemented")
#: Headers about the connection and framing, which the adapters write themselves.
_FRAMING = frozenset({"content-length", "transfer-encoding", "connection"})
_NO_BODY = frozenset({204, 304})


@dataclass(frozen=True)
class Answer:
    """Moto's answer, with the headers a server would send (``Content-Length``)."""

    status: int
    headers: list[tuple[str, str]]
    body: bytes

    @property
    def reason(self) -> str:
        """The status line's reason phrase (``"Not Found"``)."""
        return responses.get(self.status, "Unknown")


def answer(
    method: str,
    url: str,
    headers: Iterable[tuple[str, str]],
    body: bytes,
    *,
    client: str,
    local: bool,
) -> Answer:
    """Moto's answer to a request for an AWS host, or a blocked-request error."""
    if not local:
        from aiomoto._routing import remote_endpoint

        raise RealHTTPRequestBlockedError(
            method, url, client=client, attached_to=remote_endpoint()
        )
    from botocore.awsrequest import AWSPreparedRequest
    from botocore.compat import HTTPHeaders

    from aiomoto._inprocess.botocore_stubber import moto_answer

    fields = HTTPHeaders()
    for name, value in headers:
        fields[name] = value
    request = AWSPreparedRequest(
        method=method, url=url, headers=fields, body=body, stream_output=False
    )
    with _parsed_form(request):
        served = moto_answer(request)
    if served is None or (served[0], served[2]) == _UNSERVED:
        raise RealHTTPRequestBlockedError(method, url, client=client)
    status, moto_headers, payload = served
    return Answer(status, _wire_headers(method, status, moto_headers, payload), payload)


_FORM_TYPES = ("multipart/form-data", "application/x-www-form-urlencoded")


@contextmanager
def _parsed_form(request: Any) -> Iterator[None]:
    """Give a form upload (``generate_presigned_post``) its parsed fields.

    Moto's server hands Moto a werkzeug request, whose ``form`` and ``files``
    Moto reads for an S3 POST. The newest Moto releases build that request
    themselves from any request they are given; older ones (5.1) read the two
    attributes off the request object, parsed here by werkzeug as their
    server would. The uploaded files are closed afterwards, read or not.
    """
    content_type = request.headers.get("Content-Type", "")
    if not content_type.startswith(_FORM_TYPES):
        yield
        return
    from werkzeug.test import EnvironBuilder
    from werkzeug.wrappers import Request

    environ = EnvironBuilder(
        method=request.method,
        headers=list(request.headers.items()),
        data=request.body,
    ).get_environ()
    parsed = Request(environ)
    request.form, request.files = parsed.form, parsed.files
    try:
        yield
    finally:
        for upload in parsed.files.values():
            upload.close()


def _wire_headers(
    method: str, status: int, headers: Mapping[str, Any], body: bytes
) -> list[tuple[str, str]]:
    """Moto's headers as a server sends them: the body's own length, no framing.

    A HEAD answer keeps Moto's ``Content-Length`` (the object's size).
    """
    keep_length = method == "HEAD"
    wire = [
        (str(name), str(value))
        for name, value in headers.items()
        if name.lower() not in _FRAMING
        or (keep_length and name.lower() == "content-length")
    ]
    if not keep_length and status not in _NO_BODY and not 100 <= status < 200:
        wire.append(("Content-Length", str(len(body))))
    return wire


@contextmanager
def direct_http_served(local: bool) -> Iterator[None]:
    """aiohttp and httpx requests to AWS hosts answered by Moto (or blocked).

    ``local``: the backend is in this process, so Moto answers; otherwise
    every request to an AWS host is blocked. Each library is adapted only
    when it is installed (aiohttp always is: every aiobotocore release requires
    it); importing it here costs once per process.
    """
    from aiomoto._inprocess import aiohttp_connector, httpx_transport

    with ExitStack() as stack:
        stack.enter_context(aiohttp_connector.direct_http_served(local))
        for module in httpx_transport.INSTALLED:
            stack.enter_context(httpx_transport.direct_http_served(module, local))
        yield
