"""The compatibility page's tables are generated from matrix.json and the sweep."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.unit.scripts import ROOT, script


@pytest.mark.parametrize("name", ["matrix", "sweep"])
def test_the_compatibility_page_shows_the_table_generated_by_each_script(
    name: str,
) -> None:
    generator = script(name)
    table = generator.table(generator.load())
    page = (ROOT / "docs" / "compatibility.md").read_text(encoding="utf-8")
    assert table in page, (
        f"docs/compatibility.md's {name} table is out of date: run `make compat-table`."
    )


@pytest.mark.parametrize("name", ["matrix", "sweep"])
def test_table_write_replaces_a_stale_table_between_its_markers(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    generator = script(name)
    page = tmp_path / "compatibility.md"
    stale = (
        f"# Page\n\n{generator.TABLE_START}\n| old |\n{generator.TABLE_END}\n\nEnd.\n"
    )
    page.write_text(stale, encoding="utf-8")
    readme = tmp_path / "README.md"
    readme.write_text(stale, encoding="utf-8")
    unmarked = tmp_path / "other.md"
    unmarked.write_text("# Other\n", encoding="utf-8")
    monkeypatch.setattr(script("matrix"), "TABLES_PAGES", [page, readme, unmarked])
    assert generator.main(["table", "--write"]) == 0
    table = generator.table(generator.load())
    for written in (page, readme):
        assert written.read_text(encoding="utf-8") == f"# Page\n\n{table}\n\nEnd.\n"
    assert unmarked.read_text(encoding="utf-8") == "# Other\n"


def test_the_readme_states_the_sweep_result_generated_by_the_sweep_script() -> None:
    sweep = script("sweep")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert sweep.table(sweep.load()) in readme, (
        "README.md's sweep table is out of date: run `make compat-table`."
    )


def test_the_sweep_table_names_every_swept_release_and_what_it_ran_with() -> None:
    sweep = script("sweep")
    data = sweep.load()
    rows = sweep.table(data).splitlines()
    for name, line in data["lines"].items():
        row = next(row for row in rows if row.startswith(f"| {name} |"))
        releases = ", ".join(entry["release"] for entry in line["entries"])
        assert f"| {releases} ({len(line['entries'])} releases) |" in row
        held = {entry["versions"][line["held"]] for entry in line["entries"]}
        assert all(f"{line['held']} {version}" in row for version in held)


def test_every_cell_runs_a_known_suite_on_declared_versions() -> None:
    matrix = script("matrix").load()
    names = [cell["name"] for cell in matrix["cells"]]
    assert len(names) == len(set(names))
    for cell in matrix["cells"]:
        assert cell["suite"] in matrix["suites"]
        assert {"aiobotocore", "botocore", "moto"} <= set(cell["versions"])


def test_the_oldest_cells_also_run_server_mode_checksums_and_streaming() -> None:
    matrix = script("matrix").load()
    oldest = [cell for cell in matrix["cells"] if cell["name"].startswith("oldest")]
    assert len(oldest) == 2
    for cell in oldest:
        suite = matrix["suites"][cell["suite"]]
        assert "tests/server" in suite
        assert "tests/services/test_s3_checksums.py" in suite
        assert "tests/services/test_s3_streaming.py" in suite
