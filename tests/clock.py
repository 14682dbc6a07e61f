"""Move an event loop's clock forward, so a deadline passes without sleeping.

Tests about timeouts call ``jump()`` at a chosen step (from a ``before-send``
handler, say): every deadline then lies in the past, and the loop delivers it
at the next point where the task lets it run. On asyncio the running loop's
``time`` is shifted; a trio run must use ``trio.testing.MockClock``.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

HOUR = 3600.0


@asynccontextmanager
async def jumping_clock() -> AsyncIterator[Callable[[], None]]:
    """Yield ``jump``: each call moves the running loop's clock an hour ahead."""
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        import trio

        clock = trio.lowlevel.current_clock()
        yield lambda: clock.jump(HOUR)  # type: ignore[attr-defined]
        return
    real_time = loop.time
    offset = [0.0]

    def jump() -> None:
        offset[0] += HOUR

    loop.time = lambda: real_time() + offset[0]  # type: ignore[method-assign]
    try:
        yield jump
    finally:
        del loop.time
