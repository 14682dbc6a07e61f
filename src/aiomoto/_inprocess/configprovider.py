"""botocore's ``ConfiguredEndpointProvider``: blind to the endpoint aiomoto sets.

In-process mode points tools that do not use botocore (pyarrow, polars) at a
loopback stand-in through ``AWS_ENDPOINT_URL_S3`` (see
:mod:`aiomoto._inprocess.native_tools`). botocore reads that variable too, for
S3 clients, in ``ConfiguredEndpointProvider._get_endpoint_url_environment_service``;
while aiomoto has set it, that lookup answers as if it were unset, so boto3,
aiobotocore, aioboto3 and s3fs clients keep their AWS URLs (and reach Moto)
and botocore goes on to the next place it looks (``AWS_ENDPOINT_URL``, then the
config file), exactly as without the variable.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from botocore.configprovider import ConfiguredEndpointProvider

from aiomoto._patching import patched


@contextmanager
def service_endpoint_hidden(name: str, value: str) -> Iterator[None]:
    """botocore ignores the variable ``name`` while it holds ``value``."""
    lookup: Callable[[Any], str | None] = vars(ConfiguredEndpointProvider)[
        "_get_endpoint_url_environment_service"
    ]

    def _get_endpoint_url_environment_service(self: Any) -> str | None:
        found = lookup(self)
        if found == value and self._get_service_env_var_name() == name:
            return None
        return found

    with patched(
        ConfiguredEndpointProvider,
        "_get_endpoint_url_environment_service",
        _get_endpoint_url_environment_service,
    ):
        yield
