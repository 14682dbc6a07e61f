"""Replace an attribute for the length of a ``with`` block, restoring it exactly."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

_MISSING = object()


@contextmanager
def patched(owner: Any, name: str, replacement: Any) -> Iterator[None]:
    """Set ``owner.name`` to ``replacement``; on exit put back the very same object.

    An attribute that ``owner`` only inherited is deleted again on exit rather
    than copied down, so the class hierarchy is left as it was found.
    """
    own = vars(owner).get(name, _MISSING) if hasattr(owner, "__dict__") else _MISSING
    if own is _MISSING:
        getattr(owner, name)  # fail now, before anything changes, if it is gone
    setattr(owner, name, replacement)
    try:
        yield
    finally:
        if own is _MISSING:
            delattr(owner, name)
        else:
            setattr(owner, name, own)
