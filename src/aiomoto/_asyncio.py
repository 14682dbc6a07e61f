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
    step runs inline; there the step runs shielded from cancellation, which
    is delivered (after ``undo``) once it is done.
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
        import anyio.lowlevel
        import anyio.to_thread
    except ImportError:  # pragma: no cover - anyio comes with httpx
        step()
        return
    # Shielded: a cancellation must neither abandon the step in its thread
    # nor keep it from starting (trio checks for one before it starts a
    # thread, and a stop that never starts leaves the mock active).
    with anyio.CancelScope(shield=True):
        await anyio.to_thread.run_sync(step)
    if undo is not None:
        try:
            await anyio.lowlevel.checkpoint_if_cancelled()
        except BaseException:
            undo()
            raise
