"""The code examples of README.md and docs/*.md, and how each one is run.

A page's fenced blocks are of three kinds, told apart by their fence line:

- ``python`` with no title, or with a caption for a title
  (``title="Before: Moto"``): a *plain* example. It runs in a fresh
  namespace, then every ``test_*`` function, ``Test*`` class and ``demo``
  coroutine it defines is called without arguments (coroutines on a new
  event loop, classes as unittest or pytest would run their ``test*``
  methods).
- a plain example of README.md or docs/pytest-plugin.md that asks for the
  aiomoto plugin (a test with fixture arguments, a fixture, the
  ``aiomoto`` marker): a *plugin* example, a test module that
  tests/plugin/test_docs_examples.py runs in one pytest session with the
  plugin, in-process and in server mode. Elsewhere such a block is refused.
- any language with a ``title`` that is a file name, such as
  ``python title="conftest.py"`` or ``toml title="pyproject.toml"``: one
  file of a *project*. The files under one heading make one project, which
  is written into an empty directory and run by pytest in a subprocess,
  with each ``$ pytest ...`` line of the section's ``console`` blocks
  (``-n auto`` becomes ``-n 2``), or plain ``pytest`` when there is none.
  Fixtures, conftest files and xdist layouts are examples of this kind.
- anything else (``console``, ``json``, ``diff``, ``toml`` without a file
  title) is shown, not run.

A plain block that defines a pytest fixture, or a test that takes
arguments, cannot run on its own: :func:`run_plain` refuses it and says to
make it a project file.

Standard library only: the install test runs ``python examples.py FILE`` in
a fresh virtual environment to run a plain example there.
"""

from __future__ import annotations

import ast
import asyncio
import inspect
import os
import re
import shlex
import subprocess
import sys
import unittest
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
FENCE = re.compile(r"^(?P<indent> *)(?P<ticks>`{3,})(?P<info>.*)$")
HEADING = re.compile(r"^#{1,6} (?P<title>.+?)\s*$")
TITLE = re.compile(r'\btitle="(?P<title>[^"]*)"')
FILE_NAME = re.compile(r"^[\w./-]+\.\w+$")
FIXTURE = re.compile(r"^\s*@(pytest|pytest_asyncio)\.fixture\b", re.MULTILINE)
#: Flags every project run gets: the suite's own strictness, a fixed order.
#: The projects use anyio's marker; pytest-asyncio, installed for the plugin's
#: tests, would warn at configure time that its loop scope is unset (an error
#: under ``-W error``), so it is left out, as the suite's own addopts do.
PYTEST_FLAGS = ["-p", "no:randomly", "-p", "no:cacheprovider", "-W", "error"]
PYTEST_FLAGS += ["-p", "no:asyncio"]


@dataclass(frozen=True)
class Block:
    """One fenced block of a page."""

    page: str
    line: int
    language: str
    title: str | None
    code: str
    section: str

    @property
    def id(self) -> str:
        return f"{self.page}:{self.line}"

    @property
    def is_file(self) -> bool:
        return self.title is not None and FILE_NAME.match(self.title) is not None

    @property
    def is_plain(self) -> bool:
        return self.language == "python" and not self.is_file

    @property
    def uses_plugin(self) -> bool:
        """A plain example that only pytest can run, on a page about the plugin."""
        return self.is_plain and self.page in PLUGIN_PAGES and needs_pytest(self.code)


#: The pages whose plain examples may ask for the aiomoto plugin's fixtures.
PLUGIN_PAGES = ("README.md", "docs/pytest-plugin.md")


def needs_pytest(code: str) -> bool:
    """Whether only pytest can run ``code``: it defines a fixture, has a test
    that takes arguments (fixtures), or marks a test for the aiomoto plugin."""
    for node in ast.walk(ast.parse(code)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            decorators = " ".join(ast.unparse(d) for d in node.decorator_list)
            if "fixture" in decorators or "pytest.mark.aiomoto" in decorators:
                return True
            if node.name.startswith("test") and node.args.args:
                return True
    return False


@dataclass
class Project:
    """The file blocks under one heading of a page, run together by pytest."""

    page: str
    section: str
    line: int
    files: dict[str, str] = field(default_factory=dict)
    commands: list[list[str]] = field(default_factory=list)

    @property
    def id(self) -> str:
        return f"{self.page}:{self.line}"

    def pytest_commands(self) -> list[list[str]]:
        """The argument lists to give ``python -m pytest``, one per run."""
        return self.commands or [[]]


def page_paths() -> list[Path]:
    return [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def parse(text: str, page: str) -> list[Block]:
    """Every fenced block of ``text``, with the heading it stands under."""
    blocks = []
    section = ""
    lines = text.splitlines()
    number = 0
    while number < len(lines):
        line = lines[number]
        fence = FENCE.match(line)
        if fence is None:
            heading = HEADING.match(line)
            if heading is not None:
                section = heading["title"]
            number += 1
            continue
        indent, ticks = fence["indent"], fence["ticks"]
        info = fence["info"].strip()
        start = number + 1
        body = []
        number += 1
        while number < len(lines) and lines[number].strip() != ticks:
            body.append(lines[number].removeprefix(indent))
            number += 1
        if number == len(lines):
            raise ValueError(f"{page}:{start}: the fence is never closed")
        titled = TITLE.search(info)
        blocks.append(
            Block(
                page=page,
                line=start,
                language=info.split()[0] if info else "",
                title=titled["title"] if titled else None,
                code="\n".join(body) + "\n",
                section=section,
            )
        )
        number += 1
    return blocks


def all_blocks() -> list[Block]:
    found = []
    for path in page_paths():
        page = path.relative_to(ROOT).as_posix()
        found += parse(path.read_text(encoding="utf-8"), page)
    return found


def plain_blocks() -> list[Block]:
    """The plain examples this process runs (plugin examples aside)."""
    return [b for b in all_blocks() if b.is_plain and not b.uses_plugin]


def plugin_blocks() -> list[Block]:
    return [block for block in all_blocks() if block.uses_plugin]


def projects() -> list[Project]:
    """The projects of every page, in page order."""
    found: dict[tuple[str, str], Project] = {}
    blocks = all_blocks()
    for block in blocks:
        if block.is_file:
            key = (block.page, block.section)
            project = found.setdefault(key, Project(*key, line=block.line))
            assert block.title is not None
            project.files[block.title] = block.code
    for block in blocks:
        owner = found.get((block.page, block.section))
        if owner is not None and block.language == "console":
            owner.commands += pytest_command_lines(block.code)
    return list(found.values())


def pytest_command_lines(console: str) -> list[list[str]]:
    commands = []
    for line in console.splitlines():
        words = shlex.split(line.removeprefix("$ "))
        if words[:1] == ["pytest"]:
            arguments = words[1:]
            if "-n" in arguments:
                where = arguments.index("-n") + 1
                if arguments[where] == "auto":
                    arguments[where] = "2"
            commands.append(arguments)
    return commands


def project_named(page: str, section: str) -> Project:
    for project in projects():
        if (project.page, project.section) == (page, section):
            return project
    raise LookupError(f"{page} has no project under the heading {section!r}")


def block_under(page: str, section: str) -> Block:
    """The one plain example under ``section`` of ``page``."""
    found = [
        block
        for block in plain_blocks()
        if (block.page, block.section) == (page, section)
    ]
    if len(found) != 1:
        raise LookupError(f"{page} has {len(found)} plain examples under {section!r}")
    return found[0]


class NotRunnableError(Exception):
    """A plain example that needs pytest to run (a fixture, a test's argument)."""


def run_plain(code: str, name: str = "<example>") -> int:
    """Run a plain example and what it defines; return how many were called."""
    namespace: dict[str, Any] = {"__name__": "example"}
    exec(compile(code, name, "exec"), namespace)
    if FIXTURE.search(code):
        raise NotRunnableError(
            f"{name} defines a pytest fixture, which only pytest can run: give "
            'the block a file title (```python title="conftest.py"```) so that '
            "it runs as a project."
        )
    called = 0
    for attribute, value in list(namespace.items()):
        if getattr(value, "__module__", None) != "example":
            continue
        if attribute == "demo" or attribute.startswith("test_"):
            _call(value, f"{name}: {attribute}")
            called += 1
        elif attribute.startswith("Test") and inspect.isclass(value):
            _run_test_class(value, f"{name}: {attribute}")
            called += 1
    if not called and not _acts_when_run(code):
        raise NotRunnableError(
            f"{name} defines no test_* function, Test* class or demo coroutine "
            "and does nothing when run: nothing of it would be tested."
        )
    return called


def _call(function: Callable[..., Any], where: str) -> None:
    needed = [
        parameter.name
        for parameter in inspect.signature(function).parameters.values()
        if parameter.default is inspect.Parameter.empty
    ]
    if needed:
        raise NotRunnableError(
            f"{where} takes {', '.join(needed)}, which only pytest can provide: "
            'give the block a file title (```python title="test_example.py"```) '
            "so that it runs as a project."
        )
    result = function()
    if inspect.iscoroutine(result):
        asyncio.run(result)


def _run_test_class(cls: type[Any], where: str) -> None:
    if issubclass(cls, unittest.TestCase):
        suite = unittest.defaultTestLoader.loadTestsFromTestCase(cls)
        result = unittest.TestResult()
        suite.run(result)
        problems = result.errors + result.failures
        assert result.wasSuccessful(), f"{where}: {problems}"
        assert result.testsRun, f"{where} has no tests"
        return
    for attribute in dir(cls):
        if attribute.startswith("test"):
            # As pytest runs a plain class: a new instance per test, with
            # setup_method and teardown_method (given the test) around it.
            instance = cls()
            test = getattr(instance, attribute)
            if hasattr(instance, "setup_method"):
                instance.setup_method(test)
            try:
                _call(test, f"{where}.{attribute}")
            finally:
                if hasattr(instance, "teardown_method"):
                    instance.teardown_method(test)


def _acts_when_run(code: str) -> bool:
    """Whether the block does something at its top level besides defining."""
    quiet: tuple[type[ast.stmt], ...] = (ast.Import, ast.ImportFrom, ast.ClassDef)
    quiet += (ast.FunctionDef, ast.AsyncFunctionDef, ast.Assign, ast.AnnAssign)
    return any(not isinstance(node, quiet) for node in ast.parse(code).body)


def imported_modules(code: str) -> set[str]:
    """The modules a block imports (``a.b`` for ``from a.b import c``)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(code)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
    return names


#: Packages of type stubs only: installed for the type checker, not at run time.
TYPE_ONLY_PACKAGES = ("mypy_boto3_", "types_aiobotocore", "types_aioboto3")


def type_only_imports_at_run_time(code: str) -> list[str]:
    """Stub packages ``code`` imports outside an ``if TYPE_CHECKING:`` block."""
    found: list[str] = []

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for statement in node.orelse:
                visit(statement)
            return
        if isinstance(node, ast.Import):
            found.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.append(node.module)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(ast.parse(code))
    return [name for name in found if name.startswith(TYPE_ONLY_PACKAGES)]


def project_environment(registry: Path) -> dict[str, str]:
    """This process's environment, less the outer pytest's own variables."""
    environment = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("PYTEST_", "COV_CORE_"))
    }
    environment["AIOMOTO_SERVER_REGISTRY_DIR"] = str(registry)
    return environment


def run_project(
    project: Project,
    directory: Path,
    *,
    python: str = sys.executable,
    extra_files: dict[str, str] | None = None,
    environment: dict[str, str] | None = None,
) -> list[subprocess.CompletedProcess[str]]:
    """Write the project into ``directory`` and run each of its pytest commands."""
    directory.mkdir(parents=True, exist_ok=True)
    for name, text in {**project.files, **(extra_files or {})}.items():
        (directory / name).parent.mkdir(parents=True, exist_ok=True)
        (directory / name).write_text(text, encoding="utf-8")
    return [
        subprocess.run(
            [python, "-m", "pytest", *PYTEST_FLAGS, *arguments],
            cwd=directory,
            env=environment or project_environment(directory.parent / "registry"),
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        for arguments in project.pytest_commands()
    ]


if __name__ == "__main__":
    # python examples.py FILE: run the plain example in FILE here.
    source = Path(sys.argv[1])
    ran = run_plain(source.read_text(encoding="utf-8"), str(source))
    print(f"{ran} example function(s) ran")
