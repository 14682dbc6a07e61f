"""Cancellation points: where an in-process request lets the event loop run.

A request sent over a socket suspends its task at least once (waiting for the
answer) and once per chunk of a streamed body, and that is where timeouts,
cancellation and other tasks get their turn. Moto answers synchronously, so
aiomoto adds those suspensions itself: one just before Moto runs (a request
cancelled there never reached Moto and leaves no trace) and one per read of an
in-memory body. :func:`checkpoint` yields once to whichever loop is running:
asyncio's, or trio's (aiobotocore's httpx backend runs on trio through anyio).
"""

from __future__ import annotations

import asyncio
import sys


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
