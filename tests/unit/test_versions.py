"""The version policy: refuse unsupported releases, warn once about untested ones."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

from aiomoto import UnsupportedVersionError, UntestedVersionWarning
from aiomoto._versions import BOUNDS, check, installed, release

ROOT = Path(__file__).resolve().parents[2]


def matrix() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((ROOT / "matrix.json").read_text("utf-8"))
    return loaded


def swept_releases() -> dict[str, list[str]]:
    """Each release the sweep installs (sweep/sweep.json), per package, oldest first."""
    data = json.loads((ROOT / "sweep" / "sweep.json").read_text(encoding="utf-8"))
    found: dict[str, set[str]] = {}
    for line in data["lines"].values():
        for entry in line["entries"]:
            for name, version in entry["versions"].items():
                found.setdefault(name, set()).add(version)
    return {name: sorted(versions, key=release) for name, versions in found.items()}


def without_trailing_zeros(text: str) -> tuple[int, ...]:
    """The release, so that ``"2.25"`` and ``"2.25.0"`` compare equal."""
    parts = list(release(text))
    while parts and parts[-1] == 0:
        parts.pop()
    return tuple(parts)


def test_release_reads_the_numeric_part_of_a_version() -> None:
    assert release("3.10.0") == (3, 10, 0)
    assert release("5.2.0rc1") == (5, 2, 0)
    assert release("1.43.117.post1") == (1, 43, 117)
    assert release("dev") == ()


def test_the_installed_versions_are_within_the_supported_and_tested_range() -> None:
    for name, bounds in BOUNDS.items():
        found = installed(name)
        assert found is not None
        assert release(bounds.oldest_supported) <= release(found)
        assert release(found) <= release(bounds.newest_tested)


def test_a_release_older_than_supported_raises_and_says_what_to_install() -> None:
    with pytest.raises(UnsupportedVersionError) as raised:
        check({"aiobotocore": "2.24.3", "moto": "5.2.5", "botocore": None})
    message = str(raised.value)
    assert "aiobotocore 2.24.3 (install aiobotocore>=2.25.0)" in message
    assert "pip install -U" in message


def test_a_release_newer_than_tested_warns_with_the_versions_and_where_to_report() -> (
    None
):
    with pytest.warns(UntestedVersionWarning) as caught:
        check({"aiobotocore": "4.0.0", "moto": "5.9.1", "botocore": "1.43.117"})
    message = str(caught[0].message)
    assert "aiobotocore 4.0.0 (newest tested: 3.10.0)" in message
    assert "moto 5.9.1 (newest tested: 5.2.5)" in message
    assert "please report it at https://" in message


def test_the_warning_is_issued_once_per_process_at_the_first_enter() -> None:
    code = textwrap.dedent(
        """
        import warnings
        from aiomoto import _versions, mock_aws
        _versions.BOUNDS["moto"] = _versions.Bounds("5.1.5", "5.0.0")
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            with mock_aws():
                pass
            with mock_aws():
                pass
        names = [type(w.message).__name__ for w in caught]
        assert names == ["UntestedVersionWarning"], names
        """
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def test_the_bounds_match_the_tested_matrix() -> None:
    assert matrix()["bounds"] == {
        name: {
            "oldest_supported": bounds.oldest_supported,
            "newest_tested": bounds.newest_tested,
        }
        for name, bounds in BOUNDS.items()
    }


def test_the_oldest_cell_installs_exactly_the_oldest_supported_releases() -> None:
    oldest = next(cell for cell in matrix()["cells"] if cell["name"] == "oldest")
    assert oldest["versions"] == {
        name: bounds.oldest_supported for name, bounds in BOUNDS.items()
    }


def test_each_newest_tested_release_is_the_newest_the_sweep_runs() -> None:
    swept = swept_releases()
    for name, bounds in BOUNDS.items():
        assert swept[name][-1] == bounds.newest_tested, (
            f"the sweep's newest {name} is {swept[name][-1]}: set newest_tested "
            "to it in src/aiomoto/_versions.py and matrix.json"
        )


def test_the_sweep_starts_at_the_oldest_supported_moto_and_aiobotocore() -> None:
    swept = swept_releases()
    for name in ("moto", "aiobotocore"):
        assert swept[name][0] == BOUNDS[name].oldest_supported


def test_pyproject_declares_the_supported_range_up_to_the_next_major() -> None:
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    # What users install: [project] dependencies and extras, not the dev groups.
    published = pyproject.split("[dependency-groups]")[0]
    for name in ("aiobotocore", "moto"):
        declared = re.findall(rf'"{name}(?:\[\w+\])?>=([\d.]+),<(\d+)"', published)
        assert declared, name
        bounds = BOUNDS[name]
        for oldest, below in declared:
            assert without_trailing_zeros(oldest) == without_trailing_zeros(
                bounds.oldest_supported
            ), f"pyproject.toml: {name}>={oldest}"
            assert release(bounds.newest_tested) < (int(below),)


USER_CODE = """\
import asyncio
import sys
import warnings

from aiomoto import _versions, mock_aws

_versions.BOUNDS["moto"] = _versions.Bounds("5.1.5", "5.0.0")


@mock_aws
def decorated():
    pass


async def entered_async():
    async with mock_aws():
        pass


def first_enter():
    door = sys.argv[1]
    if door == "with":
        with mock_aws():
            pass
    elif door == "decorator":
        decorated()
    else:
        asyncio.run(entered_async())


with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    first_enter()
[warning] = caught
print(warning.filename, warning.lineno)
"""


@pytest.mark.parametrize(
    ("door", "line"),
    [("with", "with mock_aws():"), ("decorator", "decorated()"), ("async", "async")],
)
def test_the_warning_points_at_the_users_line_whichever_door_entered(
    tmp_path: Path, door: str, line: str
) -> None:
    script = tmp_path / "user_test.py"
    script.write_text(USER_CODE, encoding="utf-8")
    printed = subprocess.run(
        [sys.executable, str(script), door],
        check=True,
        capture_output=True,
        text=True,
        timeout=60,
    ).stdout.split()
    filename, lineno = printed[0], int(printed[1])
    assert filename == str(script)
    assert line in USER_CODE.splitlines()[lineno - 1]
