"""In-process mode: aiobotocore clients served by Moto's backends, with no socket.

The adapters are named after the upstream module they touch:

- ``botocore_stubber``: Moto's global ``before-send`` stubber steps aside for
  async requests, whose responses must be awaitable;
- ``endpoint``: aiobotocore's ``AioEndpoint`` marks its requests and, in place
  of the HTTP session, hands them to Moto (or blocks them);
- ``response``: the aiohttp-shaped, in-memory response body aiobotocore reads.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack, contextmanager

from aiomoto._inprocess import botocore_stubber, endpoint


@contextmanager
def serving_async_clients() -> Iterator[None]:
    """Route every aiobotocore request to Moto while the block runs."""
    with ExitStack() as stack:
        stack.enter_context(botocore_stubber.stepping_aside_for_async_requests())
        stack.enter_context(endpoint.served_by_moto())
        yield
