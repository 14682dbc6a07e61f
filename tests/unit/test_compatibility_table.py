"""The README's compatibility table is generated from matrix.json."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]


def matrix_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "matrix_script", ROOT / "scripts" / "matrix.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("matrix_script", module)
    spec.loader.exec_module(module)
    return module


def test_the_readme_shows_the_table_generated_from_the_matrix() -> None:
    script = matrix_script()
    table = script.table(script.load())
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert table in readme, (
        "README.md's compatibility table is out of date: replace it with the "
        "output of `make compat-table`."
    )


def test_every_cell_runs_a_known_suite_on_declared_versions() -> None:
    matrix = matrix_script().load()
    names = [cell["name"] for cell in matrix["cells"]]
    assert len(names) == len(set(names))
    for cell in matrix["cells"]:
        assert cell["suite"] in matrix["suites"]
        assert {"aiobotocore", "botocore", "moto"} <= set(cell["versions"])
