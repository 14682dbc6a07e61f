"""Moto's ``before-send`` stubber: the one door into Moto's dispatcher.

Moto appends one ``BotocoreStubber`` instance to botocore's
``BUILTIN_HANDLERS``, so every session created after ``import moto`` (sync or
async) calls it before sending. Its answer is a synchronous ``AWSResponse``,
which aiobotocore cannot await. While aiomoto is active, the stubber returns
``None`` for requests that :mod:`aiomoto._inprocess.endpoint` marked as
aiobotocore's; the endpoint then asks :func:`moto_answer`, which calls Moto's
own, unpatched ``__call__``. Going through Moto's entry point rather than a
deeper method means every release's request normalisation applies (moto 5.2.4
turns the botocore request into its own ``Request`` in ``__call__``, other
releases inside ``process_request``). Sync requests go through Moto's stubber
untouched.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from moto.core.botocore_stubber import BotocoreStubber
from moto.core.models import botocore_stubber

from aiomoto._patching import patched

#: The attribute aiomoto sets on the requests of async clients. Its value is
#: ``"service.Operation"``, used in error messages.
ASYNC_REQUEST_MARK = "_aiomoto_operation"

#: Moto's own ``__call__``, kept before aiomoto patches the class.
_moto_call = vars(BotocoreStubber)["__call__"]


def moto_response(request: Any) -> Any:
    """Moto's own ``AWSResponse`` for a sync request, or ``None`` if unserved."""
    return _moto_call(botocore_stubber, "before-send", request)


def moto_answer(request: Any) -> tuple[int, Mapping[str, str], bytes] | None:
    """Moto's ``(status, headers, body)`` for a request, or ``None`` if unserved."""
    response = _moto_call(botocore_stubber, "before-send", request)
    if response is None:
        return None
    # MockRawResponse is a BytesIO over Moto's body: getvalue() returns that
    # very bytes object, no copy.
    return response.status_code, response.headers, response.raw.getvalue()


@contextmanager
def stepping_aside_for_async_requests() -> Iterator[None]:
    def call_unless_async(
        self: BotocoreStubber, event_name: str, request: Any, **kwargs: Any
    ) -> Any:
        if hasattr(request, ASYNC_REQUEST_MARK):
            return None
        return _moto_call(self, event_name, request, **kwargs)

    with patched(BotocoreStubber, "__call__", call_unless_async):
        yield
