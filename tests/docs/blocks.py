"""The fenced ``python`` blocks of README.md and docs/*.md, and who runs each.

A block that only pytest can run (it defines fixtures, asks for them, or
marks tests for the aiomoto plugin) is a test module:
tests/plugin/test_docs_examples.py runs those through pytester. Every other
block is run by tests/docs/test_markdown_examples.py.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def fenced(language: str) -> re.Pattern[str]:
    return re.compile(rf"^```{language}\n(.*?)^```", re.DOTALL | re.MULTILINE)


@dataclass(frozen=True)
class Block:
    path: Path
    line: int
    code: str

    @property
    def name(self) -> str:
        return f"{self.path.name}:{self.line}"

    @property
    def needs_pytest(self) -> bool:
        """Whether only pytest can run it: a test with parameters (fixtures),
        a fixture defined, or an aiomoto marker."""
        for node in ast.walk(ast.parse(self.code)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                decorators = " ".join(ast.unparse(d) for d in node.decorator_list)
                if "fixture" in decorators or "pytest.mark.aiomoto" in decorators:
                    return True
                if node.name.startswith("test") and node.args.args:
                    return True
        return False


def blocks(language: str = "python") -> list[Block]:
    found = []
    for path in DOCUMENTS:
        text = path.read_text(encoding="utf-8")
        for match in fenced(language).finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            found.append(Block(path, line, match.group(1)))
    return found
