"""Every pytest example of docs/pytest-plugin.md and the README runs, as written.

Each ``python`` block that only pytest can run (see tests/docs/blocks.py) is
a test module of one inner session, run in in-process mode and in server
mode, with the guard on. The TOML block is the configuration of a run.
"""

from __future__ import annotations

import re

import pytest

from tests.docs.blocks import Block, blocks
from tests.plugin.conftest import InnerSuite

PAGES = ("README.md", "pytest-plugin.md")


def plugin_examples() -> list[Block]:
    return [b for b in blocks() if b.needs_pytest and b.path.name in PAGES]


def module_name(block: Block) -> str:
    return "test_" + re.sub(r"\W", "_", f"{block.path.stem}_{block.line}").lower()


def test_the_pages_have_examples() -> None:
    names = {block.path.name for block in plugin_examples()}
    assert names == set(PAGES)


@pytest.mark.parametrize("mode", ["in-process", "server"])
def test_every_example_passes(suite: InnerSuite, mode: str) -> None:
    examples = plugin_examples()
    suite.write(**{module_name(block): block.code for block in examples})
    result = suite.run(f"--aiomoto-mode={mode}", "--aiomoto-block-unmocked", "-v")
    tests = sum(block.code.count("def test_") for block in examples)
    result.assert_outcomes(passed=tests)


def test_the_configuration_example_is_accepted_and_applies(
    suite: InnerSuite,
) -> None:
    (config,) = [b.code for b in blocks("toml") if b.path.name == "pytest-plugin.md"]
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
