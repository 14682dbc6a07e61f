"""Per-test cost of the pytest plugin's server fixtures.

What one test pays on entry and exit (the fixture's own code path, called
directly so that pytest's overhead is left out):

- ``session``: ``aws_server`` on the worker's session server, i.e. attach
  with ``reset=True`` (a probe and a reset over loopback HTTP) and leave;
- ``fresh``: a server started and stopped for the test instead
  (``mock_aws(server_mode=True)``);
- ``in_process``: the ``aws`` fixture in in-process mode (``mock_aws()``,
  Moto's reset included).

``plugin_variants(count)`` returns harness variants, like
``overhead.server_variants``, ready for ``benchmarks/run.py``;
``python benchmarks/plugin_fixtures.py [COUNT] [REPEATS]`` prints the medians.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable

from harness import Figures, Stopwatch, Variant, run_interleaved

from aiomoto import mock_aws
from aiomoto.pytest_plugin import attached, session_server


def _per_test(body: Callable[[], object], count: int) -> Figures:
    with Stopwatch() as watch:
        for _ in range(count):
            body()
    return {"seconds": watch.seconds, "ms_per_test": 1000 * watch.seconds / count}


def _session(count: int) -> Figures:
    with session_server() as endpoint:

        def one_test() -> None:
            with attached(endpoint):
                pass

        one_test()  # the first test of a session starts the server
        return _per_test(one_test, count)


def _fresh() -> None:
    with mock_aws(server_mode=True):
        pass


def _in_process() -> None:
    with mock_aws():
        pass


def plugin_variants(count: int) -> list[Variant]:
    return [
        Variant(
            "session",
            "aws_server: attach to the session server, reset",
            lambda: _session(count),
        ),
        Variant(
            "fresh",
            "a server started and stopped per test",
            lambda: _per_test(_fresh, count),
        ),
        Variant(
            "in_process",
            "aws: mock_aws() in-process",
            lambda: _per_test(_in_process, count),
        ),
    ]


def main(argv: list[str]) -> int:
    count, repeats = [int(arg) for arg in argv] + [50, 5][len(argv) :]
    with tempfile.TemporaryDirectory() as registry:
        os.environ["AIOMOTO_SERVER_REGISTRY_DIR"] = registry
        result = run_interleaved(
            "plugin", "per-test cost", plugin_variants(count), repeats=repeats
        )
    for key, label in result.labels.items():
        print(f"{result.median(key, 'ms_per_test'):8.2f} ms  {label}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
