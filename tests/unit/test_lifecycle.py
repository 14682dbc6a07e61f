"""The mock_aws lifecycle: one ref-counted, process-wide activation."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from moto.core.models import botocore_stubber

from aiomoto import NotActiveError, _inprocess, _lifecycle, mock_aws
from aiomoto._inprocess import endpoint
from aiomoto._upstream import patched_seams

pytestmark = pytest.mark.anyio


def bucket_names() -> set[str]:
    s3 = boto3.client("s3", region_name="us-east-1")
    return {bucket["Name"] for bucket in s3.list_buckets()["Buckets"]}


def create_bucket(name: str) -> None:
    boto3.client("s3", region_name="us-east-1").create_bucket(Bucket=name)


def originals() -> dict[str, Any]:
    return {
        f"{seam.module}:{seam.qualname}": seam.resolve() for seam in patched_seams()
    }


def assert_nothing_is_installed(before: dict[str, Any]) -> None:
    assert _lifecycle.depth() == 0
    assert botocore_stubber.enabled is False
    after = originals()
    assert all(after[name] is before[name] for name in before), after


@pytest.fixture
def untouched() -> Iterator[dict[str, Any]]:
    """The patched seams' original objects; checks they are back afterwards."""
    before = originals()
    yield before
    assert_nothing_is_installed(before)


def test_the_outermost_enter_resets_the_backend(untouched: dict[str, Any]) -> None:
    with mock_aws(remove_data=False):
        create_bucket("left-behind")
    with mock_aws():
        assert bucket_names() == set()


def test_the_outermost_reset_false_keeps_earlier_data(
    untouched: dict[str, Any],
) -> None:
    with mock_aws(remove_data=False):
        create_bucket("kept")
    with mock_aws(reset=False):
        assert bucket_names() == {"kept"}


def test_the_outermost_exit_removes_data_by_default(untouched: dict[str, Any]) -> None:
    with mock_aws():
        create_bucket("removed")
    with mock_aws(reset=False):
        assert bucket_names() == set()


def test_an_inner_reset_is_ignored_while_nested(untouched: dict[str, Any]) -> None:
    with mock_aws():
        create_bucket("outer")
        with mock_aws(reset=True):
            assert bucket_names() == {"outer"}


def test_an_inner_remove_data_is_ignored_while_nested(
    untouched: dict[str, Any],
) -> None:
    with mock_aws():
        with mock_aws(remove_data=True):
            create_bucket("inner")
        assert bucket_names() == {"inner"}


def test_the_outermost_remove_data_false_wins_over_the_inner_flag(
    untouched: dict[str, Any],
) -> None:
    with mock_aws(remove_data=False):
        with mock_aws(remove_data=True):
            create_bucket("survivor")
    with mock_aws(reset=False):
        assert bucket_names() == {"survivor"}
    with mock_aws():
        assert bucket_names() == set()


def test_the_same_instance_can_be_reentered_and_reused(
    untouched: dict[str, Any],
) -> None:
    context = mock_aws()
    with context:
        create_bucket("first")
        with context:
            assert _lifecycle.depth() == 2
            assert bucket_names() == {"first"}
        assert _lifecycle.depth() == 1
    with context:
        assert bucket_names() == set()


async def test_async_with_and_with_share_one_activation(
    untouched: dict[str, Any],
) -> None:
    async with mock_aws():
        create_bucket("shared")
        with mock_aws():
            assert _lifecycle.depth() == 2
            assert bucket_names() == {"shared"}


def test_an_exception_in_the_body_still_tears_everything_down(
    untouched: dict[str, Any],
) -> None:
    @mock_aws
    def body() -> None:
        create_bucket("doomed")
        raise ZeroDivisionError

    with pytest.raises(ZeroDivisionError):
        body()
    with mock_aws(reset=False):
        assert bucket_names() == set()


def test_stop_without_start_raises_a_named_error(untouched: dict[str, Any]) -> None:
    with pytest.raises(NotActiveError, match=r"stop\(\) was called on a mock_aws"):
        mock_aws().stop()


def test_stopping_a_context_that_was_not_started_leaves_the_active_one_alone(
    untouched: dict[str, Any],
) -> None:
    with mock_aws():
        create_bucket("kept")
        with pytest.raises(NotActiveError, match="is not active"):
            mock_aws().stop()
        assert _lifecycle.depth() == 1
        assert bucket_names() == {"kept"}


def test_start_and_stop_pair_like_moto(untouched: dict[str, Any]) -> None:
    mock = mock_aws()
    mock.start()
    try:
        create_bucket("started")
        assert bucket_names() == {"started"}
    finally:
        mock.stop()


@pytest.mark.parametrize("first_to_exit", ["a", "b"])
async def test_overlapping_tasks_exiting_in_either_order_leave_nothing_patched(
    untouched: dict[str, Any], first_to_exit: str
) -> None:
    entered = {"a": asyncio.Event(), "b": asyncio.Event()}
    release = {"a": asyncio.Event(), "b": asyncio.Event()}

    async def task(name: str) -> None:
        async with mock_aws():
            entered[name].set()
            await release[name].wait()
            create_bucket(f"from-{name}")

    tasks = [asyncio.create_task(task(name)) for name in ("a", "b")]
    await entered["a"].wait()
    await entered["b"].wait()
    assert _lifecycle.depth() == 2
    second = "b" if first_to_exit == "a" else "a"
    release[first_to_exit].set()
    await tasks[0 if first_to_exit == "a" else 1]
    assert _lifecycle.depth() == 1
    assert botocore_stubber.enabled is True
    release[second].set()
    await asyncio.gather(*tasks)


async def test_a_cancelled_task_leaves_nothing_patched(
    untouched: dict[str, Any],
) -> None:
    inside = asyncio.Event()

    async def hang() -> None:
        async with mock_aws():
            inside.set()
            await asyncio.Event().wait()

    task = asyncio.create_task(hang())
    await inside.wait()
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task


def test_threads_see_the_process_wide_mock(untouched: dict[str, Any]) -> None:
    seen: list[set[str]] = []
    with mock_aws():
        create_bucket("from-main")
        worker = threading.Thread(target=lambda: seen.append(bucket_names()))
        worker.start()
        worker.join()
    assert seen == [{"from-main"}]


def test_concurrent_enters_from_threads_count_every_context(
    untouched: dict[str, Any],
) -> None:
    start, all_inside, all_counted = (threading.Barrier(8) for _ in range(3))
    depths: list[int] = []

    def enter_and_exit() -> None:
        start.wait()
        with mock_aws():
            all_inside.wait()
            depths.append(_lifecycle.depth())
            all_counted.wait()

    workers = [threading.Thread(target=enter_and_exit) for _ in range(8)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert len(depths) == 8
    assert depths == [8] * 8


class failing_installer:  # noqa: N801 - stands in for a contextmanager function
    """An installer whose enter fails, like a patch target that has gone."""

    def __enter__(self) -> None:
        raise RuntimeError("installer broke")

    def __exit__(self, *exc_info: object) -> None:
        raise AssertionError("never entered, so never exited")  # pragma: no cover


def test_entering_is_all_or_nothing_when_the_doors_cannot_be_listed(
    untouched: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_doors(*, local: bool) -> list[Any]:
        raise RuntimeError("installer broke")

    monkeypatch.setattr(_inprocess, "doors", no_doors)
    with pytest.raises(RuntimeError, match="installer broke"), mock_aws():
        pytest.fail("the body must not run")  # pragma: no cover


def test_entering_is_all_or_nothing_when_a_later_patch_fails(
    untouched: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    # The stubber patch goes in first; the endpoint patch then fails.
    monkeypatch.setattr(endpoint, "served_by_moto", failing_installer)
    with pytest.raises(RuntimeError, match="installer broke"):
        mock_aws().start()
    # Once the fault is gone, the next context works normally.
    monkeypatch.undo()
    with mock_aws():
        create_bucket("after-failure")
        assert bucket_names() == {"after-failure"}


def test_every_patched_attribute_is_the_original_object_after_the_outermost_exit(
    untouched: dict[str, Any],
) -> None:
    with mock_aws():
        patched_now = originals()
        assert all(patched_now[name] is not untouched[name] for name in untouched)
        with mock_aws():
            pass
        assert originals() == patched_now
