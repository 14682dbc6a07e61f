"""In-process mode: AWS requests served by Moto's backends, with no socket.

The adapters are named after the upstream module they touch:

- ``botocore_stubber``: Moto's global ``before-send`` stubber steps aside for
  async requests, whose responses must be awaitable;
- ``endpoint``: aiobotocore's ``AioEndpoint`` marks its requests and, in place
  of the HTTP session, hands them to Moto (or blocks them);
- ``response``: the aiohttp-shaped, in-memory response body aiobotocore reads;
- ``botocore_endpoint``: botocore's sync ``Endpoint`` asks Moto when no
  ``before-send`` handler answered (sessions made before Moto's import), and
  blocks what Moto does not serve;
- ``aiohttp_connector`` and ``httpx_transport``: aiohttp and httpx requests
  to AWS hosts (presigned URLs) reach Moto in memory, through
  ``direct_http`` (and ``http1``, which reads a request's bytes);
- ``configprovider``: botocore does not see the endpoint variable set by
  ``native_tools``, which turns pyarrow, polars and other native S3 clients
  away through a loopback responder;
- ``configured_endpoints``: ``ignore_configured_endpoint_urls=True``;
- ``moto_dispatch``: two lookups Moto's dispatcher repeats per request (a
  backend's URL table, a response class's method names), done once per
  context instead, for sync and async clients alike.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack, contextmanager

from aiomoto._inprocess import (
    botocore_endpoint,
    botocore_stubber,
    direct_http,
    endpoint,
    moto_dispatch,
    native_tools,
)


@contextmanager
def serving_async_clients() -> Iterator[None]:
    """Route aiobotocore requests to Moto, and keep Moto's lookups, for the block.

    Also: sync clients of sessions that predate Moto's stubber, and aiohttp
    and httpx requests to AWS hosts, are answered by Moto too.
    """
    with ExitStack() as stack:
        stack.enter_context(botocore_stubber.stepping_aside_for_async_requests())
        stack.enter_context(endpoint.served_by_moto())
        stack.enter_context(botocore_endpoint.served_by_moto(local=True))
        stack.enter_context(direct_http.direct_http_served(local=True))
        stack.enter_context(native_tools.turned_away())
        stack.enter_context(moto_dispatch.looked_up_once_per_context())
        yield
