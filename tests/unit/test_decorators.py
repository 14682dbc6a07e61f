"""@mock_aws keeps the mock active for the whole body of every kind of callable."""

from __future__ import annotations

import asyncio
import inspect
import unittest
from collections.abc import AsyncGenerator, AsyncIterator, Callable, Generator, Iterator

import boto3
import pytest
from aiobotocore.session import AioSession

from aiomoto import NotDecoratableError, _lifecycle, mock_aws, mock_aws_decorator

pytestmark = pytest.mark.anyio


def bucket_names() -> set[str]:
    s3 = boto3.client("s3", region_name="us-east-1")
    return {bucket["Name"] for bucket in s3.list_buckets()["Buckets"]}


def test_a_sync_function_runs_inside_the_mock_and_returns_its_value() -> None:
    @mock_aws
    def body(name: str) -> int:
        boto3.client("s3", region_name="us-east-1").create_bucket(Bucket=name)
        assert bucket_names() == {name}
        return _lifecycle.depth()

    assert body("plain") == 1
    assert _lifecycle.depth() == 0


async def test_a_coroutine_function_stays_inside_the_mock_across_awaits() -> None:
    @mock_aws
    async def body() -> set[str]:
        await asyncio.sleep(0)
        async with AioSession().create_client("s3", region_name="us-east-1") as s3:
            await s3.create_bucket(Bucket="awaited")
            await asyncio.sleep(0)
            listing = await s3.list_buckets()
        return {bucket["Name"] for bucket in listing["Buckets"]}

    assert inspect.iscoroutinefunction(body)
    assert _lifecycle.depth() == 0
    assert await body() == {"awaited"}
    assert _lifecycle.depth() == 0


def test_the_wrapper_keeps_name_docstring_and_signature() -> None:
    def original(bucket: str, *, count: int = 3) -> str:
        """Documented."""
        return bucket * count

    wrapped = mock_aws(original)
    assert wrapped.__name__ == "original"
    assert wrapped.__doc__ == "Documented."
    assert inspect.signature(wrapped) == inspect.signature(original)
    assert wrapped.__wrapped__ is original  # type: ignore[attr-defined]
    assert wrapped("ab", count=2) == "abab"


@pytest.mark.parametrize(
    "decorator",
    [mock_aws, mock_aws(), mock_aws(reset=False), mock_aws_decorator],
    ids=["bare", "called", "reset-false", "mock_aws_decorator"],
)
def test_every_decorator_spelling_activates_the_mock(
    decorator: Callable[[Callable[[], int]], Callable[[], int]],
) -> None:
    @decorator
    def depth() -> int:
        return _lifecycle.depth()

    assert depth() == 1


def test_a_preconfigured_decorator_is_reusable() -> None:
    keep = mock_aws_decorator(reset=False, remove_data=False)

    @keep
    def write() -> None:
        boto3.client("s3", region_name="us-east-1").create_bucket(Bucket="kept")

    @keep
    def read() -> set[str]:
        return bucket_names()

    write()
    assert read() == {"kept"}
    with mock_aws():  # the default context resets and removes data again
        assert bucket_names() == set()


def test_a_generator_stays_inside_the_mock_while_suspended() -> None:
    @mock_aws
    def numbers() -> Generator[int, str, str]:
        received = yield _lifecycle.depth()
        assert received == "hello"
        yield _lifecycle.depth()
        return "done"

    assert inspect.isgeneratorfunction(numbers)
    generator = numbers()
    assert next(generator) == 1
    assert _lifecycle.depth() == 1  # still active between yields
    assert generator.send("hello") == 1
    with pytest.raises(StopIteration) as stop:
        next(generator)
    assert stop.value.value == "done"
    assert _lifecycle.depth() == 0


def test_closing_a_generator_early_stops_the_mock() -> None:
    @mock_aws
    def forever() -> Generator[int, None, None]:
        while True:
            yield _lifecycle.depth()

    generator = forever()
    assert next(generator) == 1
    generator.close()
    assert _lifecycle.depth() == 0


async def test_an_async_generator_stays_inside_the_mock_and_forwards_asend() -> None:
    @mock_aws
    async def agen() -> AsyncGenerator[int, str]:
        received = yield _lifecycle.depth()
        assert received == "ping"
        yield _lifecycle.depth()

    assert inspect.isasyncgenfunction(agen)
    generator = agen()
    assert await generator.__anext__() == 1
    assert _lifecycle.depth() == 1
    assert await generator.asend("ping") == 1
    with pytest.raises(StopAsyncIteration):
        await generator.__anext__()
    assert _lifecycle.depth() == 0


async def test_an_async_generator_forwards_athrow_and_aclose() -> None:
    handled: list[str] = []

    @mock_aws
    async def agen() -> AsyncGenerator[int, None]:
        try:
            yield 1
        except KeyError:
            handled.append("KeyError")
            yield 2

    generator = agen()
    assert await generator.__anext__() == 1
    assert await generator.athrow(KeyError("x")) == 2
    assert handled == ["KeyError"]
    await generator.aclose()
    assert _lifecycle.depth() == 0


@pytest.fixture
@mock_aws
def sync_bucket() -> Iterator[str]:
    boto3.client("s3", region_name="us-east-1").create_bucket(Bucket="sync-fixture")
    yield "sync-fixture"  # noqa: PT022 - the yield keeps the mock open for the test


def test_a_decorated_yield_fixture_keeps_the_mock_active_for_the_test(
    sync_bucket: str,
) -> None:
    assert _lifecycle.depth() == 1
    assert bucket_names() == {sync_bucket}


@pytest.fixture
@mock_aws
async def async_bucket() -> AsyncIterator[str]:
    async with AioSession().create_client("s3", region_name="us-east-1") as s3:
        await s3.create_bucket(Bucket="async-fixture")
    yield "async-fixture"  # noqa: PT022 - the yield keeps the mock open for the test


async def test_a_decorated_async_yield_fixture_keeps_the_mock_active(
    async_bucket: str,
) -> None:
    assert _lifecycle.depth() == 1
    async with AioSession().create_client("s3", region_name="us-east-1") as s3:
        listing = await s3.list_buckets()
    assert [bucket["Name"] for bucket in listing["Buckets"]] == [async_bucket]


def run_test_case(case: type[unittest.TestCase]) -> unittest.TestResult:
    result = unittest.TestResult()
    unittest.defaultTestLoader.loadTestsFromTestCase(case).run(result)
    return result


def test_a_decorated_test_case_runs_setup_and_each_test_inside_the_mock() -> None:
    @mock_aws
    class Buckets(unittest.TestCase):
        def setUp(self) -> None:
            boto3.client("s3", region_name="us-east-1").create_bucket(Bucket="setup")

        def test_sees_the_setup_bucket(self) -> None:
            self.assertEqual(bucket_names(), {"setup"})

        def test_starts_from_a_reset_backend(self) -> None:
            s3 = boto3.client("s3", region_name="us-east-1")
            s3.create_bucket(Bucket="only-here")
            self.assertEqual(bucket_names(), {"setup", "only-here"})

    result = run_test_case(Buckets)
    assert result.testsRun == 2
    assert result.wasSuccessful(), result.errors + result.failures
    assert _lifecycle.depth() == 0


def test_a_decorated_isolated_asyncio_test_case_runs_async_tests_inside() -> None:
    @mock_aws
    class AsyncBuckets(unittest.IsolatedAsyncioTestCase):
        async def asyncSetUp(self) -> None:
            session = AioSession()
            async with session.create_client("s3", region_name="us-east-1") as s3:
                await s3.create_bucket(Bucket="async-setup")

        async def test_reads_the_bucket_back_with_boto3(self) -> None:
            await asyncio.sleep(0)
            self.assertEqual(bucket_names(), {"async-setup"})

    result = run_test_case(AsyncBuckets)
    assert result.testsRun == 1
    assert result.wasSuccessful(), result.errors + result.failures
    assert _lifecycle.depth() == 0


def test_a_decorated_plain_class_wraps_its_test_methods_only() -> None:
    class Base:
        def test_inherited(self) -> int:
            return _lifecycle.depth()

    @mock_aws
    class Tests(Base):
        def test_own(self) -> int:
            return _lifecycle.depth()

        def helper(self) -> int:
            return _lifecycle.depth()

    tests = Tests()
    assert (tests.test_own(), tests.test_inherited(), tests.helper()) == (1, 1, 0)
    assert Base().test_inherited() == 0


def test_decorating_something_that_is_not_callable_is_a_named_error() -> None:
    with pytest.raises(NotDecoratableError, match="function or a class, not 42"):
        mock_aws()(42)  # type: ignore[type-var]
