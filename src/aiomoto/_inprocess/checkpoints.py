"""Cancellation points: where an in-process request lets the event loop run.

A request sent over a socket suspends its task at least once (waiting for the
answer) and once per chunk of a streamed body, and that is where timeouts,
cancellation and other tasks get their turn. Moto answers synchronously, so
aiomoto adds those suspensions itself: one just before Moto runs (a request
cancelled there never reached Moto and leaves no trace) and one per read of an
in-memory body. :func:`checkpoint` yields once to whichever loop is running:
asyncio's, or trio's (aiobotocore's httpx backend runs on trio through anyio).

A server also works while its client waits. :func:`in_worker_thread` gives
Moto a worker thread for the requests that carry large bodies, as Moto's own
threaded server does for every request: the loop keeps serving other tasks
(the next part of a multipart upload, say) while Moto digests the body, and
Moto's hashing and file writes, which release the GIL, overlap with the
client's. A request whose task is cancelled meanwhile waits for Moto to finish
(the write happens, as on a server that received it) and then raises.
"""

from __future__ import annotations

import asyncio
import contextvars
import sys
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


async def checkpoint() -> None:
    """Let other tasks run once, and deliver a pending cancellation or timeout."""
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        await _checkpoint_without_asyncio()
        return
    # Wait for an answer as a socket read would: it arrives one turn of the
    # loop later, so the timers due by then run first, and so do the
    # cancellations they request (asyncio.timeout, wait_for, anyio's
    # deadlines); a timeout that expired lands here, before Moto runs. A bare
    # ``sleep(0)`` would resume this task ahead of those timers.
    answer = loop.create_future()
    loop.call_soon(loop.call_soon, _arrive, answer)
    await answer


def _arrive(answer: asyncio.Future[None]) -> None:
    if not answer.done():  # a cancelled wait has cancelled it already
        answer.set_result(None)


async def _checkpoint_without_asyncio() -> None:
    trio = sys.modules.get("trio")
    if trio is None:  # pragma: no cover - only asyncio and trio run aiobotocore
        raise RuntimeError(
            "aiomoto found neither a running asyncio loop nor trio: in-process "
            "requests need one of the two (aiobotocore runs on asyncio, and on "
            "trio with its httpx backend)."
        )
    await trio.lowlevel.checkpoint()


async def in_worker_thread(call: Callable[[], T]) -> T:
    """``call()`` in a worker thread; a cancellation waits for it, then raises."""
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        return await _in_worker_thread_without_asyncio(call)
    context = contextvars.copy_context()
    answer = loop.run_in_executor(None, context.run, call)
    cancelled: asyncio.CancelledError | None = None
    while True:
        try:
            result = await asyncio.shield(answer)
        except asyncio.CancelledError as error:
            if answer.done():
                raise
            cancelled = error  # Moto is running: let it finish first
            continue
        if cancelled is not None:
            raise cancelled
        return result


async def _in_worker_thread_without_asyncio(call: Callable[[], T]) -> T:
    import trio

    result: T = await trio.to_thread.run_sync(call, abandon_on_cancel=False)
    # trio holds back a cancellation until the thread is done: deliver it now.
    await trio.lowlevel.checkpoint_if_cancelled()
    return result
