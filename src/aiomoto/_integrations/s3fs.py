"""s3fs's per-process caches, emptied when a backend appears or goes away.

s3fs keeps every ``S3FileSystem`` it made in a class-wide instance cache, and
each filesystem keeps directory listings. Reused across two top-level
contexts, either would show the previous backend's listing (or raise
``FileExistsError``) against a fresh one, and an async filesystem's client
stays bound to the event loop it was made on. So when an activation opens or
closes, and when an endpoint door opens or closes, every cached filesystem's
listings are dropped, an async filesystem's client that talked to a server
is closed on its own event loop, and the cache is emptied: the next
``S3FileSystem()`` is a new one, made for the backend and endpoint of the
moment. (In-process clients open no HTTP session, so they need no closing.)
Nothing is imported: without s3fs in ``sys.modules`` there is nothing to
forget.
"""

from __future__ import annotations

import asyncio
import contextlib
import sys
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

#: The event loop each async client (made while an endpoint door is open)
#: was made on; only such clients hold real HTTP sessions.
_loops: weakref.WeakKeyDictionary[object, asyncio.AbstractEventLoop] = (
    weakref.WeakKeyDictionary()
)


@contextmanager
def fresh_filesystems() -> Iterator[None]:
    forget_filesystems()
    try:
        yield
    finally:
        forget_filesystems()


def note_loop_of(client_creator: object) -> None:
    """Remember the event loop an async client is being made on, if any."""
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        return
    with contextlib.suppress(TypeError):  # an object that cannot be weakly held
        _loops[client_creator] = loop


def forget_filesystems() -> None:
    s3fs = sys.modules.get("s3fs")
    if s3fs is None:
        return
    filesystem_class: Any = s3fs.S3FileSystem
    for filesystem in list(getattr(filesystem_class, "_cache", {}).values()):
        filesystem.invalidate_cache()
        if filesystem.asynchronous:
            _close_async_client(filesystem)
    filesystem_class.clear_instance_cache()


def _close_async_client(filesystem: Any) -> None:
    """Close an async filesystem's client on the loop it was made on.

    s3fs's own ``close_session`` does it: a task when that loop is this
    thread's running loop, a short blocking call when it runs in another
    thread (``async with`` stops a server-mode context in a worker thread).
    A sync filesystem closes its own client when collected.
    """
    creator = getattr(filesystem, "_s3creator", None)
    loop = _loops.get(creator) if creator is not None else None
    if loop is not None and not loop.is_closed():
        type(filesystem).close_session(loop, creator)
