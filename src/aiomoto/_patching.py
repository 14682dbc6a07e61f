"""Replace an attribute for the length of a ``with`` block, restoring it exactly.

Every live patch is recorded where it is made, so a test can compare what
aiomoto really patches with the seams listed in :mod:`aiomoto._upstream`
(:func:`live_patches`), instead of trusting the list.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

_MISSING = object()

#: ``(owner, name)`` of every attribute replaced right now, with how many
#: times (a nested patch of the same attribute counts twice). Owners are kept
#: as objects: a class's ``__module__`` need not be where it is imported from
#: (httpx sets its public classes' to ``"httpx"``).
_live: Counter[tuple[Any, str]] = Counter()
_live_lock = threading.Lock()


def live_patches() -> Counter[tuple[Any, str]]:
    """``(owner, name)`` of every attribute patched now (a module or class)."""
    with _live_lock:
        return Counter(_live)


@contextmanager
def patched(owner: Any, name: str, replacement: Any) -> Iterator[None]:
    """Set ``owner.name`` to ``replacement``; on exit put back the very same object.

    ``owner`` is a module or a class. An attribute that ``owner`` only
    inherited is deleted again on exit rather than copied down, so the class
    hierarchy is left as it was found.
    """
    own = vars(owner).get(name, _MISSING)
    if own is _MISSING:
        getattr(owner, name)  # fail now, before anything changes, if it is gone
    where = (owner, name)
    setattr(owner, name, replacement)
    with _live_lock:
        _live[where] += 1
    try:
        yield
    finally:
        with _live_lock:
            _live[where] -= 1
            if not _live[where]:
                del _live[where]
        if own is _MISSING:
            delattr(owner, name)
        else:
            setattr(owner, name, own)
