"""Endpoint injection: clients created inside the context talk to the server.

Every botocore-based client is created by ``botocore.session.Session.
create_client`` (boto3 clients and resources, botocore sessions) or
``aiobotocore.session.AioSession.create_client`` (aiobotocore, aioboto3 and
s3fs). Both are wrapped to set ``endpoint_url``: always (``FORCE``) or only
when the caller gave none (``IF_MISSING``). s3fs caches its filesystems, so
they are forgotten on the way in and out (:mod:`aiomoto._integrations.s3fs`):
a filesystem made for another endpoint must not be reused.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from typing import Any

from aiomoto._integrations.s3fs import fresh_filesystems, note_loop_of
from aiomoto._options import AutoEndpointMode
from aiomoto._patching import patched


@contextmanager
def endpoints_injected(endpoint: str, mode: AutoEndpointMode) -> Iterator[None]:
    """Point new clients at ``endpoint`` per ``mode``, for the block.

    Every async client made meanwhile is also noted with the event loop it
    was made on, so that s3fs filesystems forgotten when the door closes
    can have their HTTP sessions closed on that loop.
    """
    from aiobotocore.session import AioSession
    from botocore.session import Session

    signature = inspect.signature(Session.create_client)
    force = mode is AutoEndpointMode.FORCE
    inject = mode is not AutoEndpointMode.DISABLED

    def with_endpoint(args: Any, kwargs: Any) -> inspect.BoundArguments:
        bound = signature.bind(*args, **kwargs)
        if inject and (force or bound.arguments.get("endpoint_url") is None):
            bound.arguments["endpoint_url"] = endpoint
        return bound

    sync_create_client = vars(Session)["create_client"]
    async_create_client = vars(AioSession)["create_client"]

    def create_client(*args: Any, **kwargs: Any) -> Any:
        bound = with_endpoint(args, kwargs)
        return sync_create_client(*bound.args, **bound.kwargs)

    def create_async_client(*args: Any, **kwargs: Any) -> Any:
        bound = with_endpoint(args, kwargs)
        creator = async_create_client(*bound.args, **bound.kwargs)
        note_loop_of(creator)
        return creator

    with ExitStack() as stack:
        stack.enter_context(fresh_filesystems())
        if inject:
            stack.enter_context(patched(Session, "create_client", create_client))
        stack.enter_context(patched(AioSession, "create_client", create_async_client))
        yield
