"""Moto's ``before-send`` stubber, taught to step aside for async requests.

Moto appends one ``BotocoreStubber`` instance to botocore's
``BUILTIN_HANDLERS``, so every session created after ``import moto`` (sync or
async) calls it before sending. Its answer is a synchronous ``AWSResponse``,
which aiobotocore cannot await. While aiomoto is active, the stubber returns
``None`` for requests that :mod:`aiomoto._inprocess.endpoint` marked as
aiobotocore's; the endpoint then serves them itself with an awaitable response.
Sync requests go through Moto's stubber untouched.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from moto.core.botocore_stubber import BotocoreStubber

from aiomoto._patching import patched

#: The attribute aiomoto sets on the requests of async clients. Its value is
#: ``"service.Operation"``, used in error messages.
ASYNC_REQUEST_MARK = "_aiomoto_operation"


@contextmanager
def stepping_aside_for_async_requests() -> Iterator[None]:
    moto_call = BotocoreStubber.__call__

    def call_unless_async(
        self: BotocoreStubber, event_name: str, request: Any, **kwargs: Any
    ) -> Any:
        if hasattr(request, ASYNC_REQUEST_MARK):
            return None
        return moto_call(self, event_name, request, **kwargs)

    with patched(BotocoreStubber, "__call__", call_unless_async):
        yield
