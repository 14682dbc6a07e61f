"""botocore's sync ``Endpoint._send``: the last step before a socket.

Moto serves sync clients from its ``before-send`` stubber, which only
sessions created after ``import moto`` have. Whatever reaches
``Endpoint._send`` while a mock is active is routed here instead
(:mod:`aiomoto._routing`): requests for a Moto server go out; with a local
backend, the rest is offered to Moto through its own stubber entry point
(serving, for one, a ``boto3.Session`` made before Moto was first imported),
and what Moto does not serve is sent as under plain ``moto.mock_aws``; with a
remote backend, a request for an AWS host is blocked.

aiobotocore's ``AioEndpoint`` overrides ``_send``, so async clients never
come here (see :mod:`aiomoto._inprocess.endpoint`).
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


@contextmanager
def sync_requests_routed() -> Iterator[None]:
    send = vars(Endpoint)["_send"]

    def _send(self: Endpoint, request: Any) -> Any:
        where = _routing.route(request.url)
        if where is _routing.Route.MOTO:
            response = moto_response(request)
            if response is not None:
                return response
        elif where is _routing.Route.BLOCKED:
            raise RealHTTPRequestBlockedError(
                request.method or "GET",
                request.url,
                attached_to=_routing.remote_endpoint(),
            )
        return send(self, request)

    with patched(Endpoint, "_send", _send):
        yield
