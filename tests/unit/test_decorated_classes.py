"""@mock_aws on a test class covers its set-up and tear-down, as moto.mock_aws does.

A plain class stays inside the mock from ``setup_method`` to
``teardown_method`` (pytest calls them around each test); a
``unittest.TestCase`` runs ``setUp``, the test and ``tearDown`` inside it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from aiomoto import _lifecycle, mock_aws

INNER_TESTS = """\
import unittest

import boto3

from aiomoto import _lifecycle, mock_aws


def names():
    s3 = boto3.client("s3", region_name="us-east-1")
    return sorted(b["Name"] for b in s3.list_buckets()["Buckets"])


@mock_aws
class TestPlain:
    def setup_method(self, method):
        # Checked before any AWS call: outside the mock it would reach AWS.
        assert _lifecycle.depth() == 1
        boto3.client("s3", region_name="us-east-1").create_bucket(Bucket="set-up")
        self.method = method.__name__

    def test_sees_what_setup_made(self):
        assert names() == ["set-up"]
        assert self.method == "test_sees_what_setup_made"

    def test_starts_from_a_reset_backend(self):
        assert names() == ["set-up"]

    def teardown_method(self):
        assert _lifecycle.depth() == 1
        assert names() == ["set-up"]


@mock_aws
class TestOnlyTeardown:
    def test_creates(self):
        boto3.client("s3", region_name="us-east-1").create_bucket(Bucket="made")

    def teardown_method(self, method):
        assert _lifecycle.depth() == 1
        assert names() == ["made"]


@mock_aws
class TestCaseStyle(unittest.TestCase):
    def setUp(self):
        assert _lifecycle.depth() == 1
        boto3.client("s3", region_name="us-east-1").create_bucket(Bucket="set-up")

    def test_sees_it(self):
        self.assertEqual(names(), ["set-up"])

    def tearDown(self):
        assert _lifecycle.depth() == 1
        self.assertEqual(names(), ["set-up"])


def test_nothing_is_left_active():
    assert _lifecycle.depth() == 0
"""


def test_pytest_runs_setup_test_and_teardown_of_a_decorated_class_inside_the_mock(
    tmp_path: Path,
) -> None:
    (tmp_path / "test_inner.py").write_text(INNER_TESTS, encoding="utf-8")
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("PYTEST_", "COV_CORE_"))
    }
    plugins_off = ["-p", "no:randomly", "-p", "no:cacheprovider", "-p", "no:xdist"]
    plugins_off += ["-p", "no:asyncio"]  # pytest-asyncio warns unless configured
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            *plugins_off,
            "-W",
            "error",
            "-q",
            str(tmp_path),
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "5 passed" in result.stdout, output


class SetUpError(Exception):
    pass


def test_a_setup_method_that_fails_leaves_the_mock_at_once() -> None:
    @mock_aws
    class Tests:
        def setup_method(self) -> None:
            raise SetUpError

    with pytest.raises(SetUpError):
        Tests().setup_method()
    assert _lifecycle.depth() == 0


def test_a_teardown_method_that_fails_still_leaves_the_mock() -> None:
    @mock_aws
    class Tests:
        def teardown_method(self, method: object) -> None:
            assert _lifecycle.depth() == 1
            raise SetUpError

    tests = Tests()
    tests.setup_method(None)  # type: ignore[attr-defined]
    assert _lifecycle.depth() == 1
    with pytest.raises(SetUpError):
        tests.teardown_method(None)
    assert _lifecycle.depth() == 0


def test_the_wrappers_keep_the_names_and_docstrings_of_the_class_methods() -> None:
    @mock_aws
    class Tests:
        def setup_method(self) -> None:
            """Set up."""

        @staticmethod
        def teardown_method() -> None:
            """Tear down."""

    assert Tests.setup_method.__doc__ == "Set up."
    assert Tests.teardown_method.__doc__ == "Tear down."
    tests = Tests()
    tests.setup_method(None)  # type: ignore[call-arg]
    tests.teardown_method(None)  # type: ignore[call-arg]
    assert _lifecycle.depth() == 0
