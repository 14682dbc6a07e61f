"""Async clients for the smoke suite, from one session per kind.

A new session loads each service model again (a tenth of a second per
client); the sweep runs the suite once per release, so it shares them.
Endpoint injection patches ``create_client`` on the session class, so a
session made before a server-mode context still injects inside it.
"""

from __future__ import annotations

import functools
from contextlib import AbstractAsyncContextManager
from typing import Any

from aiobotocore.session import AioSession

from tests.services.aws_clients import REGION


@functools.cache
def _session(kind: str) -> Any:
    if kind == "aioboto3":
        import aioboto3

        return aioboto3.Session()
    return AioSession()


def async_client(kind: str, service: str) -> AbstractAsyncContextManager[Any]:
    """An aiobotocore or aioboto3 client (``kind``), not yet entered."""
    session = _session(kind)
    make = session.client if kind == "aioboto3" else session.create_client
    opened: AbstractAsyncContextManager[Any] = make(service, region_name=REGION)
    return opened
