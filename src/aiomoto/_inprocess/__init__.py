"""In-process mode: aiobotocore clients served by Moto's backends, with no socket.

The adapters are named after the upstream module they touch:

- ``botocore_stubber``: Moto's global ``before-send`` stubber steps aside for
  async requests, whose responses must be awaitable;
- ``endpoint``: aiobotocore's ``AioEndpoint`` marks its requests and, in place
  of the HTTP session, hands them to Moto (or blocks them);
- ``response``: the aiohttp-shaped, in-memory response body aiobotocore reads;
- ``moto_dispatch``: two lookups Moto's dispatcher repeats per request (a
  backend's URL table, a response class's method names), done once per
  context instead, for sync and async clients alike.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack, contextmanager

from aiomoto._inprocess import botocore_stubber, endpoint, moto_dispatch


@contextmanager
def serving_async_clients() -> Iterator[None]:
    """Route aiobotocore requests to Moto, and keep Moto's lookups, for the block."""
    with ExitStack() as stack:
        stack.enter_context(botocore_stubber.stepping_aside_for_async_requests())
        stack.enter_context(endpoint.served_by_moto())
        stack.enter_context(moto_dispatch.looked_up_once_per_context())
        yield
