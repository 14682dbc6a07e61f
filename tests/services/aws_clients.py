"""Clients for the service tests beyond S3: boto3, and every kind of async client.

``async_client(kind, service)`` opens an aiobotocore or aioboto3 client as an
async context manager; ``ASYNC_CLIENT_KINDS`` parametrizes a fixture over the
kinds this environment has (aioboto3 is installed in its own environment only).
"""

from __future__ import annotations

from contextlib import AbstractAsyncContextManager, closing
from typing import Any

import boto3
import pytest
from aiobotocore.session import AioSession

from tests.optional import needs_aioboto3

REGION = "us-east-1"

ASYNC_CLIENT_KINDS = [
    "aiobotocore",
    pytest.param("aioboto3", marks=needs_aioboto3),
]


def async_client(
    kind: str, service: str, *, region_name: str = REGION, **kwargs: Any
) -> AbstractAsyncContextManager[Any]:
    """An aiobotocore (``kind="aiobotocore"``) or aioboto3 client, not yet entered."""
    # The typed stubs accept literal service names only; these helpers take any.
    session: Any
    if kind == "aioboto3":
        import aioboto3

        session = aioboto3.Session()
        context: AbstractAsyncContextManager[Any] = session.client(
            service, region_name=region_name, **kwargs
        )
    elif kind == "aiobotocore":
        session = AioSession()
        context = session.create_client(service, region_name=region_name, **kwargs)
    else:
        raise ValueError(f"unknown async client kind {kind!r}")
    return context


def sync_client(
    service: str, *, region_name: str = REGION, **kwargs: Any
) -> closing[Any]:
    """A boto3 client that ``with`` closes."""
    make_client: Any = boto3.client
    return closing(make_client(service, region_name=region_name, **kwargs))
