"""scripts/matrix.py and scripts/sweep.py: nothing passes by being left out.

PyPI is never contacted here: ``pypi_releases`` is replaced by fixed answers.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest

from tests.unit.scripts import script

matrix = script("matrix")
sweep = script("sweep")


def a_cell(**changes: Any) -> dict[str, Any]:
    cell: dict[str, Any] = copy.deepcopy(matrix.load()["cells"][0])
    cell.update(changes)
    return cell


def test_a_cell_whose_python_is_missing_fails_and_says_how_to_get_it() -> None:
    outcome = matrix.run_cell(a_cell(python="2.1"), matrix.load(), "uv")

    assert outcome.startswith("FAILED: no Python 2.1 on this machine")
    assert "pyenv install 2.1" in outcome


def test_the_matrix_fails_when_any_cell_cannot_run(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = {**matrix.load(), "cells": [a_cell(name="ancient", python="2.1")]}
    monkeypatch.setattr(matrix, "load", lambda: missing)

    assert matrix.run([]) == 1
    assert "ancient      FAILED: no Python 2.1" in capsys.readouterr().out


def test_naming_a_cell_that_does_not_exist_fails() -> None:
    assert matrix.run(["no-such-cell"]) == 2


def test_pypi_listings_keep_final_and_post_releases_and_note_the_yanked() -> None:
    file = {"filename": "x.whl", "yanked": False}
    listing = {
        "5.2.5": [file],
        "5.2.6": [{**file, "yanked": True}],
        "5.2.7.post1": [file],
        "5.3.0rc1": [file],
        "5.1.23.dev86": [file],
        "5.0.0": [],
    }

    assert sweep.final_releases(listing) == {
        "5.2.5": False,
        "5.2.6": True,
        "5.2.7.post1": False,
    }


def test_new_releases_are_listed_as_not_swept_or_outside_the_range(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = sweep.load()
    newest = {
        name: line["entries"][-1]["release"] for name, line in data["lines"].items()
    }
    extra = {
        "moto": ["5.9.0", "6.0.0"],
        "aiobotocore": ["3.99.0"],
        "aioboto3": ["99.0.0"],
    }

    def on_pypi(name: str) -> dict[str, bool]:
        if name == "aioboto3":
            swept = {"15.5.0": False}
        else:
            swept = {e["release"]: False for e in data["lines"][name]["entries"]}
        return {**swept, **dict.fromkeys(extra[name], False)}

    monkeypatch.setattr(sweep, "pypi_releases", on_pypi)
    lines = sweep.new_releases(data)

    assert "moto 5.9.0: released, not swept yet" in lines
    assert "moto 6.0.0: released, outside the declared range (<6)" in lines
    assert "aiobotocore 3.99.0: released, not swept yet" in lines
    assert "aioboto3 99.0.0: released, not swept yet" in lines
    assert not any(newest["moto"] in line for line in lines)


def test_a_swept_release_yanked_on_pypi_is_reported(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = sweep.load()

    def on_pypi(name: str) -> dict[str, bool]:
        if name == "aioboto3":
            return {"15.4.0": False, "15.5.0": False}
        return {
            e["release"]: e["release"] == "5.2.4"
            for e in data["lines"][name]["entries"]
        }

    monkeypatch.setattr(sweep, "pypi_releases", on_pypi)

    assert sweep.new_releases(data) == ["moto 5.2.4: yanked on PyPI, still swept"]


def test_pypi_out_of_reach_counts_against_make_sweep(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def unreachable(name: str) -> dict[str, bool]:
        raise OSError("no route to pypi.org")

    monkeypatch.setattr(sweep, "pypi_releases", unreachable)

    assert sweep.report_new(sweep.load()) == 1
    assert "PyPI could not be asked (no route to pypi.org)" in capsys.readouterr().out


def test_a_selector_picks_one_release_and_an_unknown_one_is_refused() -> None:
    data = sweep.load()

    chosen = sweep.select(data, ["moto==5.2.4"], None)

    assert [
        (line, [e["release"] for e in entries]) for line, entries in chosen.items()
    ] == [("moto", ["5.2.4"])]
    with pytest.raises(SystemExit, match=r"has no moto==0\.0\.1"):
        sweep.select(data, ["moto==0.0.1"], None)


def test_a_rotation_keeps_the_ends_and_successive_commits_cover_every_release() -> None:
    entries = [{"release": f"1.{n}"} for n in range(20)]
    covered: set[str] = set()

    for seed in (f"{n:08x}" for n in range(18)):
        picked = sweep.rotation(entries, 4, seed)
        assert len(picked) == 6
        assert picked[0] == entries[0]
        assert picked[-1] == entries[-1]
        covered |= {entry["release"] for entry in picked}

    assert covered == {entry["release"] for entry in entries}
