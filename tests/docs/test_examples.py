"""Every code example of README.md and docs/*.md runs, from the page itself.

How a block is run is decided by its fence (see :mod:`tests.docs.examples`):
plain ``python`` blocks here, in this process; titled file blocks as pytest
projects in a subprocess. No example has a second copy in a test file.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from typing import Any

import pytest

from tests.docs import examples
from tests.optional import needs_aioboto3

#: Modules some matrix cells deliberately do not install (see matrix.json);
#: an example that imports one is skipped there, with the cell that has it.
LATEST_ONLY = "installed in the 'latest' matrix cells only (see matrix.json)"
OPTIONAL_MODULES: dict[str, Any] = {
    "aioboto3": needs_aioboto3,
    "trio": pytest.mark.skipif(
        importlib.util.find_spec("trio") is None, reason=f"trio is {LATEST_ONLY}"
    ),
    "aiobotocore.httpxsession": pytest.mark.skipif(
        importlib.util.find_spec("httpx2") is None
        and importlib.util.find_spec("httpx") is None,
        reason=f"aiobotocore's httpx backend is {LATEST_ONLY}",
    ),
}


def marks_for(code: str) -> list[Any]:
    modules = sorted(examples.imported_modules(code) & set(OPTIONAL_MODULES))
    return [OPTIONAL_MODULES[name] for name in modules]


def plain_params() -> list[Any]:
    return [
        pytest.param(block, id=block.id, marks=marks_for(block.code))
        for block in examples.plain_blocks()
    ]


def project_params() -> list[Any]:
    return [
        pytest.param(
            project,
            id=project.id,
            marks=marks_for("\n".join(project.files.values())),
        )
        for project in examples.projects()
    ]


@pytest.mark.parametrize("block", plain_params())
def test_the_example_runs(block: examples.Block) -> None:
    # The root conftest points AIOMOTO_SERVER_REGISTRY_DIR at a private directory.
    examples.run_plain(block.code, block.id)


@pytest.mark.timeout(600)
@pytest.mark.parametrize("project", project_params())
def test_the_project_passes_under_pytest(
    project: examples.Project, tmp_path: Path
) -> None:
    for run in examples.run_project(project, tmp_path / "project"):
        output = run.stdout + run.stderr
        assert run.returncode == 0, f"{project.id}: {run.args}\n{output}"
        assert " passed" in run.stdout, output
    assert not list((tmp_path / "registry").glob("*.json"))


def test_an_unclosed_fence_is_an_error_not_the_rest_of_the_page() -> None:
    with pytest.raises(ValueError, match=r"page\.md:2: the fence is never closed"):
        examples.parse("# Page\n```python\nx = 1\n", "page.md")


def test_type_only_imports_sit_under_type_checking() -> None:
    """A reader who copies an example must not need boto3-stubs to run it."""
    python = [b for b in examples.all_blocks() if b.language == "python"]
    offending = {
        block.id: names
        for block in python
        if (names := examples.type_only_imports_at_run_time(block.code))
    }
    assert not offending, (
        f"{offending}: import stub packages under `if TYPE_CHECKING:` (with "
        "`from __future__ import annotations`), so that the example runs "
        "without them"
    )
    runtime = "from mypy_boto3_s3 import S3Client\n"
    guarded = "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    " + runtime
    assert examples.type_only_imports_at_run_time(runtime) == ["mypy_boto3_s3"]
    assert examples.type_only_imports_at_run_time(guarded) == []


def test_the_parser_reads_titles_sections_and_pytest_commands() -> None:
    page = "\n".join(
        [
            "# Page",
            "## Layout",
            '```python title="conftest.py"',
            "import pytest",
            "```",
            "```console",
            "$ pytest -n auto -q",
            "```",
            "## Next",
            "```python",
            "x = 1",
            "```",
        ]
    )
    conftest, console, plain = examples.parse(page, "page.md")
    assert (conftest.title, conftest.section, conftest.line) == (
        "conftest.py",
        "Layout",
        3,
    )
    assert conftest.is_file
    assert not conftest.is_plain
    assert examples.pytest_command_lines(console.code) == [["-n", "2", "-q"]]
    assert (plain.section, plain.is_plain, plain.code) == ("Next", True, "x = 1\n")


def test_a_plain_block_with_a_fixture_is_refused_with_advice() -> None:
    code = "import pytest\n\n@pytest.fixture\ndef thing() -> int:\n    return 1\n"
    with pytest.raises(examples.NotRunnableError, match=r'title="conftest\.py"'):
        examples.run_plain(code)


def test_a_plain_test_that_needs_a_fixture_is_refused_with_advice() -> None:
    code = "def test_thing(s3_bucket: object) -> None:\n    pass\n"
    with pytest.raises(examples.NotRunnableError, match="takes s3_bucket"):
        examples.run_plain(code)


def test_a_block_that_neither_defines_nor_does_anything_is_refused() -> None:
    with pytest.raises(examples.NotRunnableError, match="nothing of it"):
        examples.run_plain("import os\n\n\ndef helper() -> None: ...\n")


def test_the_api_reference_documents_every_public_name() -> None:
    import aiomoto

    reference = (examples.ROOT / "docs" / "reference.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^::: aiomoto\.(\w+)$", reference, re.MULTILINE))
    assert documented == set(aiomoto.__all__) - {"__version__"}
    assert "`aiomoto.__version__`" in reference


def test_a_plain_test_class_runs_between_its_setup_and_teardown_methods() -> None:
    code = (
        "class TestThing:\n"
        "    def setup_method(self, method):\n"
        "        self.ready = method.__name__\n"
        "    def test_it(self):\n"
        "        assert self.ready == 'test_it'\n"
        "    def teardown_method(self, method):\n"
        "        raise RuntimeError('torn down after ' + self.ready)\n"
    )
    with pytest.raises(RuntimeError, match="torn down after test_it"):
        examples.run_plain(code)
