"""Endpoint injection: clients created inside the context talk to the server.

Every botocore-based client is created by ``botocore.session.Session.
create_client`` (boto3 clients and resources, botocore sessions) or
``aiobotocore.session.AioSession.create_client`` (aiobotocore, aioboto3 and
s3fs). Both are wrapped to set ``endpoint_url``: always (``FORCE``) or only
when the caller gave none (``IF_MISSING``). s3fs caches its filesystems, so
the cache is cleared on the way in and out: a filesystem made for another
server must not be reused.
"""

from __future__ import annotations

import inspect
import sys
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from typing import Any

from aiomoto._patching import patched


@contextmanager
def endpoints_injected(endpoint: str, *, force: bool) -> Iterator[None]:
    from aiobotocore.session import AioSession
    from botocore.session import Session

    signature = inspect.signature(Session.create_client)

    def injecting(create_client: Callable[..., Any]) -> Callable[..., Any]:
        def create_client_with_endpoint(*args: Any, **kwargs: Any) -> Any:
            bound = signature.bind(*args, **kwargs)
            if force or bound.arguments.get("endpoint_url") is None:
                bound.arguments["endpoint_url"] = endpoint
            return create_client(*bound.args, **bound.kwargs)

        return create_client_with_endpoint

    _clear_s3fs_cache()
    try:
        with ExitStack() as stack:
            for owner in (Session, AioSession):
                original = vars(owner)["create_client"]
                stack.enter_context(
                    patched(owner, "create_client", injecting(original))
                )
            yield
    finally:
        _clear_s3fs_cache()


def _clear_s3fs_cache() -> None:
    s3fs = sys.modules.get("s3fs")
    if s3fs is not None:
        s3fs.S3FileSystem.clear_instance_cache()
