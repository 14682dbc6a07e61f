"""botocore's sync ``Endpoint``: the last stop before a boto3 request would leave.

Moto answers sync clients from its ``before-send`` stubber, which it adds to
botocore's ``BUILTIN_HANDLERS`` when it is first imported; a session copies
that list when it is created. ``import aiomoto`` does not import Moto, so a
``boto3.Session()`` made between ``import aiomoto`` and the first
``mock_aws()`` has no stubber, and its clients would go to real AWS.
``Endpoint._send`` is where botocore sends a request that no ``before-send``
handler answered: while aiomoto is active it asks Moto (through the stubber's
own entry point, as for an async request), so those clients are served like
any other. ``_do_get_response`` notes the operation on the request first, for
error messages.

A request that Moto does not serve (an ``endpoint_url`` that is not AWS's,
given or taken from ``AWS_ENDPOINT_URL``) raises
:class:`~aiomoto.exceptions.RealHTTPRequestBlockedError`, as it does for async
clients, unless its URL starts with one of ``let_through`` (a local server's
endpoint). While the backend is remote, requests to AWS hosts are blocked and
everything else (the server's endpoint) is sent as usual.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlsplit

from botocore.endpoint import Endpoint

from aiomoto._aws_hosts import is_aws_host
from aiomoto._inprocess.botocore_stubber import moto_response
from aiomoto._patching import patched
from aiomoto.exceptions import RealHTTPRequestBlockedError

#: Set on sync requests to ``"service.Operation"``, for error messages. (Not
#: the async mark: Moto's stubber steps aside only for that one.)
SYNC_REQUEST_MARK = "_aiomoto_sync_operation"


@contextmanager
def served_by_moto(*, local: bool, let_through: tuple[str, ...] = ()) -> Iterator[None]:
    original_do_get_response = vars(Endpoint)["_do_get_response"]
    original_send = vars(Endpoint)["_send"]

    def _do_get_response(
        self: Endpoint, request: Any, operation_model: Any, context: Any
    ) -> Any:
        service = operation_model.service_model.service_name
        setattr(request, SYNC_REQUEST_MARK, f"{service}.{operation_model.name}")
        return original_do_get_response(self, request, operation_model, context)

    def _send(self: Endpoint, request: Any) -> Any:
        url: str = request.url or ""
        if local:
            response = moto_response(request)
            if response is not None:
                return response
            if url.startswith(let_through):
                return original_send(self, request)
        elif not is_aws_host(urlsplit(url).hostname):
            return original_send(self, request)
        raise RealHTTPRequestBlockedError(
            request.method or "GET",
            url,
            getattr(request, SYNC_REQUEST_MARK, None),
            client="botocore",
            remote_backend=not local,
        )

    with (
        patched(Endpoint, "_do_get_response", _do_get_response),
        patched(Endpoint, "_send", _send),
    ):
        yield
