"""Run a blocking lifecycle step from async code without blocking the loop."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable


async def run_blocking(
    step: Callable[[], None], *, undo: Callable[[], None] | None = None
) -> None:
    """Run ``step`` in a worker thread and wait for it.

    If the waiting task is cancelled, the step still finishes in its thread;
    ``undo`` is then called for a step that succeeded, so a cancelled
    ``async with`` leaves nothing behind. Outside asyncio (trio, through
    anyio), anyio's worker threads are used when anyio is installed, else the
    step runs inline.
    """
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        await _run_without_asyncio(step, undo)
        return
    future = loop.run_in_executor(None, step)
    try:
        await asyncio.shield(future)
    except asyncio.CancelledError:
        if undo is not None:
            future.add_done_callback(lambda done: _undo_if_succeeded(done, undo))
        raise


def _undo_if_succeeded(done: asyncio.Future[None], undo: Callable[[], None]) -> None:
    if not done.cancelled() and done.exception() is None:
        with contextlib.suppress(Exception):
            undo()


async def _run_without_asyncio(
    step: Callable[[], None], undo: Callable[[], None] | None
) -> None:
    try:
        import anyio.to_thread
    except ImportError:  # pragma: no cover - anyio comes with httpx
        step()
        return
    finished: list[bool] = []

    def tracked() -> None:
        step()
        finished.append(True)

    try:
        await anyio.to_thread.run_sync(tracked, abandon_on_cancel=False)
    except BaseException:
        if finished and undo is not None:
            undo()
        raise
