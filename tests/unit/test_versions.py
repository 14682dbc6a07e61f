"""The version policy: refuse unsupported releases, warn once about untested ones."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from aiomoto import UnsupportedVersionError, UntestedVersionWarning
from aiomoto._versions import BOUNDS, check, installed, release

ROOT = Path(__file__).resolve().parents[2]


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
    matrix = json.loads((ROOT / "matrix.json").read_text(encoding="utf-8"))
    assert matrix["bounds"] == {
        name: {
            "oldest_supported": bounds.oldest_supported,
            "newest_tested": bounds.newest_tested,
        }
        for name, bounds in BOUNDS.items()
    }


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
