"""The in-process doors: botocore-based clients served without a socket.

The adapters are named after the upstream module they touch:

- ``botocore_stubber``: Moto's global ``before-send`` stubber steps aside for
  async requests, whose responses must be awaitable, and is how they reach
  Moto;
- ``endpoint``: aiobotocore's ``AioEndpoint`` marks its requests and, in place
  of the HTTP session, hands them to Moto (or sends or blocks them, as
  :mod:`aiomoto._routing` says);
- ``botocore_endpoint``: botocore's sync ``Endpoint._send``, routed the same
  way, for sync requests that Moto's stubber did not answer (sessions made
  before Moto's first import), blocking what Moto does not serve;
- ``aiohttp_connector`` and ``httpx_transport``: aiohttp and httpx requests
  to AWS hosts (presigned URLs) reach Moto in memory, through
  ``direct_http`` (and ``http1``, which reads a request's bytes);
- ``native_tools``: pyarrow, polars and other native S3 clients are turned
  away at once by a loopback responder (``configprovider`` keeps botocore
  from seeing its endpoint variable);
- ``configured_endpoints``: ``ignore_configured_endpoint_urls=True``;
- ``response``: the aiohttp-shaped, in-memory response body aiobotocore reads;
- ``moto_dispatch``: two lookups Moto's dispatcher repeats per request (a
  backend's URL table, a response class's method names), done once per
  context instead, for sync and async clients alike.
"""

from __future__ import annotations

from contextlib import AbstractContextManager


def doors(*, local: bool) -> list[AbstractContextManager[None]]:
    """The installers to enter, in order, for a local or a remote backend.

    With a remote backend the endpoints are still patched: they let requests
    for the remote server through and block those for AWS hosts. The
    native-tools responder serves only a local backend: with a remote one,
    tools follow ``AWS_ENDPOINT_URL`` to the server.
    """
    from aiomoto._inprocess import botocore_endpoint, direct_http, endpoint

    installers: list[AbstractContextManager[None]] = []
    if local:
        from aiomoto._inprocess import botocore_stubber, moto_dispatch, native_tools

        installers += [
            botocore_stubber.stepping_aside_for_async_requests(),
            moto_dispatch.looked_up_once_per_context(),
            native_tools.turned_away(),
        ]
    installers += [
        endpoint.served_by_moto(),
        botocore_endpoint.served_by_moto(),
        direct_http.direct_http_served(local),
    ]
    return installers
