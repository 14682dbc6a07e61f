"""The install story: what ``make dist`` builds installs and runs in a fresh venv.

The sdist and the wheel are built as ``make dist`` builds them (``uv build``,
the wheel from the sdist) and the wheel is installed into a new virtual
environment, next to exactly its locked dependencies (``uv export`` of the
lock, without any dependency group). The getting-started page's quick start
then runs from it, outside the checkout. Everything is built and installed
offline, from uv's cache, which the locked environments were installed from:
no test touches the network.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.docs import examples

pytestmark = pytest.mark.timeout(600)

ROOT = examples.ROOT


def uv() -> str:
    found = os.environ.get("UV") or shutil.which("uv")
    if found is None and (ROOT / ".tools" / "bin" / "uv").exists():
        found = str(ROOT / ".tools" / "bin" / "uv")
    assert found, "uv is needed to build and install the wheel: run `make sync`"
    return found


def run(
    command: list[str],
    *,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        command, cwd=cwd, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, f"{command}\n{result.stdout}\n{result.stderr}"
    return result


def only(paths: Iterator[Path]) -> Path:
    (path,) = list(paths)
    return path


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The output of ``make dist``, built afresh."""
    out = tmp_path_factory.mktemp("dist")
    run([uv(), "build", "--offline", "--out-dir", str(out), str(ROOT)])
    return out


@pytest.fixture(scope="module")
def fresh_python(dist: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new venv holding the wheel and its locked dependencies, nothing else."""
    where = tmp_path_factory.mktemp("fresh")
    venv = where / "venv"
    locked = where / "pylock.toml"
    export = [uv(), "export", "--frozen", "--format", "pylock.toml"]
    export += ["--no-emit-project", "--no-default-groups", "-o", str(locked)]
    run(export, cwd=ROOT)
    run([uv(), "venv", "--offline", "--python", sys.executable, str(venv)])
    python = venv / "bin" / "python"
    install = [uv(), "pip", "install", "--offline", "--python", str(python)]
    run([*install, "-r", str(locked)])
    run([*install, "--no-deps", str(only(dist.glob("aiomoto-*.whl")))])
    return python


def test_make_dist_builds_an_sdist_and_a_wheel_of_the_package(dist: Path) -> None:
    wheel = zipfile.ZipFile(only(dist.glob("aiomoto-*-py3-none-any.whl")))
    names = wheel.namelist()
    assert "aiomoto/__init__.py" in names
    assert "aiomoto/py.typed" in names
    assert not [name for name in names if name.startswith("tests/")]
    with tarfile.open(only(dist.glob("aiomoto-*.tar.gz"))) as sdist:
        members = {name.split("/", 1)[-1] for name in sdist.getnames()}
    assert {"README.md", "pyproject.toml", "src/aiomoto/__init__.py"} <= members
    # Nothing a local run leaves behind: environments, the site, builds.
    left_behind = (".venv", ".tools/", "site/", "dist/", ".mypy_cache/")
    assert not [name for name in members if name.startswith(left_behind)]


def test_the_quick_start_runs_from_the_installed_wheel(
    fresh_python: Path, tmp_path: Path
) -> None:
    quick_start = examples.block_under("docs/getting-started.md", "Quick start")
    script = tmp_path / "quickstart.py"
    script.write_text(quick_start.code, encoding="utf-8")
    environment = examples.project_environment(tmp_path / "registry")
    environment.pop("PYTHONPATH", None)
    where = run(
        [str(fresh_python), "-c", "import aiomoto; print(aiomoto.__file__)"],
        cwd=tmp_path,
        env=environment,
    )
    assert where.stdout.startswith(str(fresh_python.parents[1])), where.stdout
    ran = run(
        [str(fresh_python), "-W", "error", examples.__file__, str(script)],
        cwd=tmp_path,
        env=environment,
    )
    assert "1 example function(s) ran" in ran.stdout
