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

Where a request goes is :mod:`aiomoto._routing`'s decision, as for async
clients: a request for the activation's Moto server is sent as usual; with a
local backend anything else is offered to Moto, and what Moto does not serve
(an ``endpoint_url`` that is not AWS's, given or taken from
``AWS_ENDPOINT_URL``) raises
:class:`~aiomoto.exceptions.RealHTTPRequestBlockedError`; with a remote
backend a request for an AWS host is blocked and one for any other host sent.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from botocore.endpoint import Endpoint

from aiomoto import _routing
from aiomoto._inprocess.botocore_stubber import moto_response
from aiomoto._patching import patched
from aiomoto.exceptions import RealHTTPRequestBlockedError

#: Set on sync requests to ``"service.Operation"``, for error messages. (Not
#: the async mark: Moto's stubber steps aside only for that one.)
SYNC_REQUEST_MARK = "_aiomoto_sync_operation"


@contextmanager
def served_by_moto() -> Iterator[None]:
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
        where = _routing.route(url)
        if where is _routing.Route.NETWORK:
            return original_send(self, request)
        if where is _routing.Route.MOTO:
            response = moto_response(request)
            if response is not None:
                return response
        raise RealHTTPRequestBlockedError(
            request.method or "GET",
            url,
            getattr(request, SYNC_REQUEST_MARK, None),
            client="botocore",
            attached_to=_routing.remote_endpoint(),
        )

    with (
        patched(Endpoint, "_do_get_response", _do_get_response),
        patched(Endpoint, "_send", _send),
    ):
        yield
