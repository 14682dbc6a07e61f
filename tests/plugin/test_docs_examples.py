"""Every pytest example of docs/pytest-plugin.md and the README runs, as written.

Each plain ``python`` block of those pages that only pytest can run (a
*plugin* example, see tests/docs/examples.py) is a test module of one inner
session, run in in-process mode and in server mode, with the guard on. The
TOML block is the configuration of a run.
"""

from __future__ import annotations

import re

import pytest

from tests.docs.examples import PLUGIN_PAGES, Block, all_blocks, plugin_blocks
from tests.plugin.conftest import InnerSuite


def module_name(block: Block) -> str:
    stem = block.page.rsplit("/", 1)[-1].removesuffix(".md")
    return "test_" + re.sub(r"\W", "_", f"{stem}_{block.line}").lower()


def test_the_pages_have_examples() -> None:
    assert {block.page for block in plugin_blocks()} == set(PLUGIN_PAGES)


@pytest.mark.parametrize("mode", ["in-process", "server"])
def test_every_example_passes(suite: InnerSuite, mode: str) -> None:
    examples = plugin_blocks()
    suite.write(**{module_name(block): block.code for block in examples})
    result = suite.run(f"--aiomoto-mode={mode}", "--aiomoto-block-unmocked", "-v")
    tests = sum(block.code.count("def test_") for block in examples)
    result.assert_outcomes(passed=tests)


def test_the_configuration_example_is_accepted_and_applies(
    suite: InnerSuite,
) -> None:
    (config,) = [
        b.code
        for b in all_blocks()
        if (b.language, b.page, b.title) == ("toml", "docs/pytest-plugin.md", None)
    ]
    suite.pytester.makepyprojecttoml(config)  # found before the suite's tox.ini
    suite.write(
        test_configured="""
        import boto3
        import pytest

        from aiomoto.pytest_plugin import UnmockedRequestError


        def test_settings(pytestconfig):
            assert pytestconfig.getini("aiomoto_mode") == "server"
            assert pytestconfig.getini("aiomoto_block_unmocked") is True


        @pytest.mark.aiomoto
        def test_marked_tests_attach(aws):
            assert aws.backend == "remote"


        @pytest.mark.xfail(raises=UnmockedRequestError, strict=True)
        def test_the_guard_is_on(aws_credentials):
            boto3.client("s3").list_buckets()
        """
    )
    result = suite.run("--strict-config", "-W", "error")
    result.assert_outcomes(passed=2, xfailed=1)
