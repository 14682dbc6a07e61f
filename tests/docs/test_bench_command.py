"""``make bench`` (``benchmarks/run.py``) runs, reports each target, keeps its rules.

The figures themselves are machine-dependent and never asserted here; what is
checked is that a quick run completes on loopback only, writes its JSON with
a verdict per target, and that the verdict rules are the documented ones.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"


def benchmark_module(name: str) -> Any:
    """Import ``benchmarks/<name>.py`` as run.py does (its directory on the path)."""
    sys.path.insert(0, str(BENCHMARKS))
    try:
        qualified = f"aiomoto_benchmarks_{name}"
        path = BENCHMARKS / f"{name}.py"
        spec = importlib.util.spec_from_file_location(qualified, path)
        assert spec is not None
        assert spec.loader is not None
        module: ModuleType = importlib.util.module_from_spec(spec)
        # dataclasses resolve their annotations through sys.modules.
        sys.modules[qualified] = module
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(BENCHMARKS))
    return module


@pytest.mark.timeout(300)
def test_a_quick_run_reports_a_verdict_and_a_split_for_each_target(
    tmp_path: Path,
) -> None:
    output = tmp_path / "bench.json"
    env = {**os.environ, "PYTHONWARNINGS": "error"}
    command = [sys.executable, str(BENCHMARKS / "run.py"), "--quick"]
    for section in ("dynamodb", "concurrency", "multipart", "startup"):
        command += ["--only", section]
    command += ["--output", str(output)]
    finished = subprocess.run(command, capture_output=True, text=True, env=env)
    assert finished.returncode == 0, finished.stderr
    document = json.loads(output.read_text(encoding="utf-8"))
    names = [target["name"] for target in document["targets"]]
    multipart = [
        f"10 MiB multipart, {tool}: in-process time / server mode's"
        for tool in ("s3fs", "aioboto3")
        if (BENCHMARKS.parent / ".venv-aioboto3").exists() or tool == "s3fs"
    ]
    assert names == [
        "DynamoDB: aiomoto time / boto3 + plain moto time",
        "DynamoDB: cancellation points' cost (time / time without them)",
        "20 gets: asyncio.gather time / sequential time",
        *multipart,
    ]
    assert all(isinstance(t["passed"], bool) for t in document["targets"])
    traced = document["benchmarks"]["dynamodb"]["figures"]["traced"]
    assert traced["moto_ms_per_call"]["median"] > 0
    assert traced["adapter_ms_per_call"]["median"] > 0
    startup = document["benchmarks"]["startup"]["figures"]
    assert set(startup) == {"aiomoto", "moto"}
    # The throughput over Moto's server is printed, no longer a target.
    assert "aiomoto's throughput over the server's" in finished.stdout
    for line in ("one aiomoto call, split", "cancellation points", "first import"):
        assert line in finished.stdout
    assert "Targets" in finished.stdout


def test_the_median_interval_widens_until_it_covers_95_percent() -> None:
    harness = benchmark_module("harness")
    result = harness.Result("k", "title", {"a": "A", "b": "B"})
    result.samples = {
        "a": [{"t": float(v)} for v in (9, 1, 8, 2, 7, 3, 6, 4, 5)],
        "b": [{"t": 1.0}] * 9,
    }
    low, high, coverage = result.ratio_interval("a", "b", "t")
    # Nine repeats: the 2nd smallest and 2nd largest cover the median 96.1%.
    assert (low, high) == (2.0, 8.0)
    assert coverage == pytest.approx(1 - 2 * 10 / 512)


def test_a_parity_target_passes_within_noise_and_fails_beyond_it() -> None:
    report = benchmark_module("report")
    within = report.Target("get MB/s", 0.98, ">=", 1.0, interval=(0.9, 1.04, 0.96))
    beyond = report.Target("get MB/s", 0.9, ">=", 1.0, interval=(0.85, 0.97, 0.96))
    strict = report.Target("time", 1.06, "<=", 1.05)
    assert within.passed
    assert not within.met_by_median
    assert "parity within noise" in within.line()
    assert not beyond.passed
    assert "worse beyond noise" in beyond.line()
    assert not strict.passed
