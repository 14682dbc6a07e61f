"""Plugin tests run pytest in a subprocess, so the plugin loads from its entry
point exactly as in a user's project (``pytester.runpytest_subprocess``)."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import boto3
import pytest

#: Each test here runs whole pytest sessions in subprocesses (servers, xdist
#: workers): on a busy 2-core machine one can take minutes, past the suite's
#: 120 s default.
TIMEOUT_SECONDS = 600

#: What every inner run is configured with: warnings are errors, as here.
INI = """\
[pytest]
addopts = --strict-markers --strict-config -p no:randomly -p no:cacheprovider
filterwarnings = error
asyncio_default_fixture_loop_scope = function
"""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if item.path.is_relative_to(here):
            item.add_marker(pytest.mark.timeout(TIMEOUT_SECONDS))


@dataclass
class InnerSuite:
    """A test suite of its own, in a temporary directory, run by pytest."""

    pytester: pytest.Pytester

    def write(self, **modules: str) -> None:
        self.pytester.makepyfile(
            **{name: textwrap.dedent(code) for name, code in modules.items()}
        )

    def run(self, *args: str) -> pytest.RunResult:
        return self.pytester.runpytest_subprocess(*args)


@pytest.fixture
def suite(pytester: pytest.Pytester) -> InnerSuite:
    pytester.makeini(INI)
    return InnerSuite(pytester)


@pytest.fixture
def moto_server() -> Iterator[str]:
    """Moto's own ``moto_server`` CLI on a free loopback port, in its own
    process (as a CI service container would be); yields its endpoint."""
    command = [str(Path(sys.executable).with_name("moto_server")), "-H", "127.0.0.1"]
    with subprocess.Popen(
        [*command, "-p", "0"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    ) as process:
        assert process.stderr is not None
        # werkzeug prints the port once it listens, then logs each request:
        # read the port, then keep reading so that the pipe never fills up.
        lines = iter(process.stderr.readline, "")
        found = next(
            (m for line in lines if (m := re.search(r"Running on (http://\S+)", line))),
            None,
        )
        drain = threading.Thread(target=process.stderr.read, daemon=True)
        drain.start()
        try:
            assert found, "moto_server exited before it started serving"
            yield found.group(1)
        finally:
            process.terminate()
            process.wait()
            drain.join()


def client_of(server: str, service: Literal["s3", "dynamodb"], region: str) -> Any:
    """A boto3 client of the Moto server at ``server``, from outside any mock."""
    return boto3.client(
        service,
        endpoint_url=server,
        region_name=region,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
