"""Every Python example in README.md and docs/*.md runs.

Each fenced ``python`` block is executed in a fresh namespace; the ``test_*``
functions and ``demo`` coroutines it defines are then called (coroutines on an
event loop). Blocks that only pytest can run (they define or ask for
fixtures, or use the aiomoto marker) are run through pytester by
tests/plugin/test_docs_examples.py instead (see tests/docs/blocks.py).
"""

from __future__ import annotations

import inspect
from typing import Any

import pytest

from tests.docs.blocks import blocks


def examples() -> list[Any]:
    return [
        pytest.param(block.code, id=block.name)
        for block in blocks()
        if not block.needs_pytest
    ]


@pytest.mark.anyio
@pytest.mark.parametrize("code", examples())
async def test_the_example_runs(code: str) -> None:
    # The root conftest points AIOMOTO_SERVER_REGISTRY_DIR at a private directory.
    namespace: dict[str, Any] = {"__name__": "example"}
    exec(compile(code, "<example>", "exec"), namespace)
    called = 0
    for name, value in list(namespace.items()):
        if not (name.startswith("test_") or name == "demo") or not callable(value):
            continue
        result = value()
        if inspect.isawaitable(result):
            await result
        called += 1
    assert called or "for entry in" in code, "the example defines nothing to run"
