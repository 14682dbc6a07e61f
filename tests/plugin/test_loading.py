"""Loading the plugin: from its entry point, light, and invisible to other tests."""

from __future__ import annotations

from tests.plugin.conftest import InnerSuite

HEAVY = ("moto", "botocore", "boto3", "aiobotocore", "aiohttp", "flask", "werkzeug")


def test_the_entry_point_loads_the_plugin_and_imports_nothing_heavy(
    suite: InnerSuite,
) -> None:
    suite.write(
        test_light=f"""
        import sys

        import aiomoto.pytest_plugin


        def test_loaded_without_moto_or_botocore(pytestconfig):
            plugin = pytestconfig.pluginmanager.get_plugin("aiomoto")
            assert plugin is aiomoto.pytest_plugin
            heavy = {HEAVY!r}
            assert sorted(m for m in sys.modules if m.split(".")[0] in heavy) == []
        """
    )
    suite.run().assert_outcomes(passed=1)


def test_a_test_that_asks_for_nothing_sees_no_mock_and_no_change(
    suite: InnerSuite,
) -> None:
    suite.write(
        doctests='''
        def double(n):
            """
            >>> double(2)
            4
            """
            return 2 * n
        ''',
        test_untouched="""
        import os

        import pytest
        from botocore.endpoint import Endpoint

        from aiomoto import _lifecycle

        SEND = Endpoint._send


        def environment():
            return {k: v for k, v in os.environ.items() if k != "PYTEST_CURRENT_TEST"}


        BEFORE = environment()


        def test_uses_the_plugin(aws_server):
            pass


        @pytest.mark.parametrize("n", [1, 2])
        def test_after_a_server_test_nothing_is_patched(n):
            assert _lifecycle.depth() == 0
            assert Endpoint._send is SEND
            assert environment() == BEFORE
        """,
    )
    suite.run("--doctest-modules").assert_outcomes(passed=4)


def test_disabled_with_p_no_aiomoto(suite: InnerSuite) -> None:
    suite.write(
        test_disabled="""
        def test_no_aiomoto_fixtures(request):
            assert request.config.pluginmanager.get_plugin("aiomoto") is None
        """
    )
    suite.run("-p", "no:aiomoto").assert_outcomes(passed=1)


def test_bad_option_values_stop_the_run_before_any_test(suite: InnerSuite) -> None:
    suite.write(test_any="def test_any(): pass")
    result = suite.run("--aiomoto-server-endpoint", "ftp://moto:21")
    assert result.ret == 4  # usage error
    result.stderr.fnmatch_lines(
        ["ERROR: --aiomoto-server-endpoint: server_endpoint='ftp://moto:21' is not*"]
    )
    result = suite.run("-o", "aiomoto_mode=proxy")
    assert result.ret == 4
    result.stderr.fnmatch_lines(
        [
            "ERROR: aiomoto_mode = 'proxy' is not a mode aiomoto knows: use "
            "in-process or server."
        ]
    )


def test_the_options_and_the_marker_are_documented_in_help(suite: InnerSuite) -> None:
    result = suite.run("--help")
    result.stdout.fnmatch_lines(
        [
            "aiomoto (Moto for boto3 and async clients):",
            "*--aiomoto-mode=*",
            "*--aiomoto-server-endpoint=URL*",
            "*--aiomoto-block-unmocked*",
        ]
    )
    suite.run("--markers").stdout.fnmatch_lines(
        ["@pytest.mark.aiomoto(**mock_aws_kwargs):*"]
    )
