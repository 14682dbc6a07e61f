"""Property-based tests: hypothesis settings and a sync + async client pair.

Examples are derandomized in CI (``CI`` set), so a run there is repeatable,
and nothing is written to a hypothesis database. ``make test`` runs a few
dozen examples per property; ``make stress`` (``AIOMOTO_STRESS=full``) ten
times as many.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Awaitable, Iterator
from contextlib import AsyncExitStack, contextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

from botocore.exceptions import ClientError, ParamValidationError
from hypothesis import HealthCheck, settings

from aiomoto import mock_aws
from tests.services.aws_clients import async_client, sync_client

T = TypeVar("T")

FULL = os.environ.get("AIOMOTO_STRESS") == "full"
EXAMPLES = 300 if FULL else 15

settings.register_profile(
    "aiomoto",
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    derandomize=bool(os.environ.get("CI")),
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile("aiomoto")


@dataclass
class Clients:
    """A boto3 client and an aiobotocore client of one service, in one mock."""

    sync: Any
    aio: Any
    loop: asyncio.AbstractEventLoop

    def run(self, awaitable: Awaitable[T]) -> T:
        return self.loop.run_until_complete(awaitable)


@contextmanager
def sync_and_async(service: str) -> Iterator[Clients]:
    loop = asyncio.new_event_loop()
    stack = AsyncExitStack()
    try:
        with mock_aws(), sync_client(service) as sync:
            aio = loop.run_until_complete(
                stack.enter_async_context(async_client("aiobotocore", service))
            )
            try:
                yield Clients(sync, aio, loop)
            finally:
                loop.run_until_complete(stack.aclose())
    finally:
        loop.run_until_complete(loop.shutdown_default_executor())
        loop.close()


def outcome(call: Any, *args: Any, **kwargs: Any) -> tuple[str, Any]:
    """``("ok", result)``, or how the request was refused: by botocore's own
    parameter validation, or by Moto with an error code."""
    try:
        return "ok", call(*args, **kwargs)
    except ParamValidationError as refused:
        return "invalid parameters", type(refused).__name__
    except ClientError as error:
        return "refused", error.response["Error"]["Code"]


async def async_outcome(call: Any, *args: Any, **kwargs: Any) -> tuple[str, Any]:
    """:func:`outcome` of an async client's call."""
    try:
        return "ok", await call(*args, **kwargs)
    except ParamValidationError as refused:
        return "invalid parameters", type(refused).__name__
    except ClientError as error:
        return "refused", error.response["Error"]["Code"]
