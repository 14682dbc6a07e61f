"""An exception inside any kind of body leaves a consistent backend and nothing else.

Every front door (``with``, ``async with``, and the decorator on a function,
a coroutine function, a generator, an async generator, a plain test class
and a ``unittest.TestCase``) runs a body that writes an object and then
raises, in process and in server mode. The exception comes out unchanged,
the object written before it is whole when the next context (``reset=False``)
reads it, later requests work, and after the outermost exit nothing is left.
"""

from __future__ import annotations

import asyncio
import unittest
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import closing
from typing import Any

import boto3
import pytest

from aiomoto import _lifecycle, mock_aws
from tests.stress.conftest import Snapshot

REGION = "us-east-1"
BUCKET = "bodies"
BODY = b"written before the failure" * 100


class BodyError(Exception):
    pass


def write_then_fail() -> None:
    with closing(boto3.client("s3", region_name=REGION)) as s3:
        s3.create_bucket(Bucket=BUCKET)
        s3.put_object(Bucket=BUCKET, Key="k", Body=BODY)
    raise BodyError("inside the body")


def with_block(context: Any) -> None:
    with context:
        write_then_fail()


def async_with_block(context: Any) -> None:
    async def body() -> None:
        async with context:
            await asyncio.to_thread(write_then_fail)

    asyncio.run(body())


def decorated_function(context: Any) -> None:
    context(write_then_fail)()


def decorated_coroutine_function(context: Any) -> None:
    async def body() -> None:
        write_then_fail()

    asyncio.run(context(body)())


def decorated_generator(context: Any) -> None:
    def body() -> Iterator[int]:
        yield 1
        write_then_fail()

    generator = context(body)()
    assert next(generator) == 1
    next(generator)


def decorated_async_generator(context: Any) -> None:
    async def body() -> AsyncIterator[int]:
        yield 1
        write_then_fail()

    async def drive() -> None:
        generator = context(body)()
        assert await generator.__anext__() == 1
        await generator.__anext__()

    asyncio.run(drive())


def decorated_plain_class(context: Any) -> None:
    class Tests:
        def setup_method(self, method: Any) -> None:
            write_then_fail()

    context(Tests)().setup_method(None)


def decorated_test_case(context: Any) -> None:
    class Tests(unittest.TestCase):
        def test_body(self) -> None:
            write_then_fail()

    result = unittest.TestResult()
    context(Tests)("test_body").run(result)
    [(_, traceback)] = result.errors
    assert "BodyError: inside the body" in traceback
    raise BodyError("reported by unittest")


DOORS: list[Callable[[Any], None]] = [
    with_block,
    async_with_block,
    decorated_function,
    decorated_coroutine_function,
    decorated_generator,
    decorated_async_generator,
    decorated_plain_class,
    decorated_test_case,
]


@pytest.mark.parametrize("server_mode", [False, True], ids=["in-process", "server"])
@pytest.mark.parametrize("door", DOORS, ids=lambda door: door.__name__)
def test_an_exception_in_any_body_leaves_the_backend_whole_and_nothing_behind(
    nothing_left_behind: Snapshot, door: Callable[[Any], None], server_mode: bool
) -> None:
    with pytest.raises(BodyError):
        door(mock_aws(server_mode=server_mode, remove_data=False))
    assert _lifecycle.depth() == 0
    with mock_aws(reset=False), closing(boto3.client("s3", region_name=REGION)) as s3:
        assert s3.get_object(Bucket=BUCKET, Key="k")["Body"].read() == BODY
        s3.put_object(Bucket=BUCKET, Key="later", Body=b"works")
        assert s3.get_object(Bucket=BUCKET, Key="later")["Body"].read() == b"works"
