"""Every Python example in README.md and docs/*.md runs.

Each fenced ``python`` block is executed in a fresh namespace; the ``test_*``
functions and ``demo`` coroutines it defines are then called (coroutines on an
event loop). Blocks that define pytest fixtures are run by pytest itself in
tests/server (the parallel-run layout), not here.
"""

from __future__ import annotations

import inspect
import re
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
BLOCK = re.compile(r"^```python\n(.*?)^```", re.DOTALL | re.MULTILINE)


def examples() -> list[Any]:
    found = []
    for path in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        text = path.read_text(encoding="utf-8")
        for match in BLOCK.finditer(text):
            code = match.group(1)
            if "@pytest.fixture" in code:
                continue
            line = text.count("\n", 0, match.start()) + 1
            found.append(pytest.param(code, id=f"{path.name}:{line}"))
    return found


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
