"""The tree drawn in ``aiomoto.exceptions``' docstring is the real class tree."""

from __future__ import annotations

import re

import aiomoto
from aiomoto import exceptions


def drawn_tree() -> dict[str, str | None]:
    """Each class drawn in the docstring, with the class it is drawn under."""
    parents: dict[str, str | None] = {}
    path: list[str] = []
    for line in (exceptions.__doc__ or "").splitlines():
        drawn = re.match(r"^\s*((?:[│ ] {3})*)(?:[├└]── )?(\w+Error)\b", line)
        if drawn is None:
            continue
        depth = len(drawn.group(1)) // 4 + (1 if "──" in line else 0)
        del path[depth:]
        parents[drawn.group(2)] = path[-1] if path else None
        path.append(drawn.group(2))
    return parents


def test_every_error_is_drawn_under_its_own_base_class() -> None:
    errors = {
        name: getattr(exceptions, name)
        for name in exceptions.__all__
        if name.endswith("Error")
    }
    real = {
        name: next(
            (base.__name__ for base in error.__bases__ if base.__name__ in errors),
            None,
        )
        for name, error in errors.items()
    }
    assert drawn_tree() == real


def test_every_error_is_exported_from_the_package() -> None:
    assert set(exceptions.__all__) <= set(aiomoto.__all__)
