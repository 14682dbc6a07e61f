"""This aiomoto side by side with PyPI's ``aiomoto`` 0.5.8: ``make bench-peers``.

PyPI's ``aiomoto`` is a different project with the same import name, so each
library lives in its own environment (``.venvs/peers-ours`` with this
checkout installed, ``.venvs/peers-pypi`` with ``aiomoto==0.5.8``), both with
the same aiobotocore, botocore, boto3, moto and s3fs releases (the Makefile
pins them: the newest that 0.5.8 accepts, which this project supports too).

Every workload of ``workloads.py`` runs in a fresh process, alternating
between the two environments within each repeat (the order flips every
repeat, so neither always runs on a warmer machine). A figure's ratio is
taken within each repeat (PyPI's time over ours: above 1 means ours is
faster) and its median reported, with the same distribution-free interval as
``make bench``. Exits 0 whatever the verdicts, unless ``--strict`` is given.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import report
from fresh import run_workload
from harness import Result, isolate_environment
from report import Target

ROOT = Path(__file__).resolve().parent.parent
ENVIRONMENTS = {
    "ours": ROOT / ".venvs" / "peers-ours" / "bin" / "python",
    "pypi": ROOT / ".venvs" / "peers-pypi" / "bin" / "python",
}
RESULTS = Path(__file__).resolve().parent / "results" / "peers.json"
PACKAGES = ("aiomoto", "aiobotocore", "botocore", "boto3", "moto", "s3fs")


@dataclass(frozen=True)
class Workload:
    key: str
    title: str
    args: tuple[str, ...]
    #: the figure compared, and whether a larger one is better
    figure: str = "seconds"
    larger_is_better: bool = False
    #: the ratio (PyPI's over ours) this workload must reach
    limit: float = 1.0
    #: the process CPU time behind the figure
    cpu_figure: str = "cpu_seconds"


def workloads(quick: bool) -> list[Workload]:
    ops = "30" if quick else "300"
    mib = "4" if quick else "32"
    multipart_mib, parts = ("10", "2") if quick else ("160", "5")
    large = ("large", "--mib", mib)
    multipart = ("multipart", "--tool", "s3fs", "--mib", multipart_mib)
    return [
        Workload(
            "s3",
            f"S3: {ops} put_object (1 KiB) + {ops} get_object",
            ("s3", "--ops", ops),
            limit=1.3,
        ),
        Workload(
            "dynamodb",
            f"DynamoDB: {ops} put_item + {ops} get_item",
            ("dynamodb", "--ops", ops),
            limit=1.3,
        ),
        Workload(
            "gather", f"{ops} get_object in asyncio.gather", ("gather", "--ops", ops)
        ),
        Workload(
            "enter_exit", "async with mock_aws(): pass, 20 times", ("enter-exit",)
        ),
        Workload(
            "put",
            f"{mib} MiB put_object",
            large,
            "put_mb_per_s",
            True,
            cpu_figure="put_cpu_seconds",
        ),
        Workload(
            "get",
            f"{mib} MiB get, 1 MiB chunks",
            large,
            "get_mb_per_s",
            True,
            cpu_figure="get_cpu_seconds",
        ),
        Workload(
            "multipart",
            f"{multipart_mib} MiB through s3fs in {parts} parts",
            (*multipart, "--parts", parts),
        ),
        Workload("startup", "fresh process: import to 1st answer", ("first-request",)),
    ]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, help="default 7; 1 with --quick")
    parser.add_argument("--quick", action="store_true", help="small workloads")
    parser.add_argument("--strict", action="store_true", help="exit 1 on a FAIL")
    parser.add_argument("--output", type=Path, default=RESULTS, help="JSON file")
    names = [w.key for w in workloads(quick=False)]
    parser.add_argument(
        "--only", action="append", choices=names, help="this workload (repeatable)"
    )
    args = parser.parse_args(argv)
    chosen = [w for w in workloads(args.quick) if w.key in (args.only or names)]
    repeats = args.repeats or (1 if args.quick else 7)
    for name, python in ENVIRONMENTS.items():
        if not python.exists():
            raise SystemExit(f"{python} is missing: `make bench-peers` builds {name}")
    isolate_environment()
    versions = {name: _versions(python) for name, python in ENVIRONMENTS.items()}
    _check_same_dependencies(versions)
    started = time.perf_counter()
    results: dict[str, Result] = {}
    # The large-object workload yields both put and get: run it once per repeat.
    unique: dict[tuple[str, ...], list[Workload]] = {}
    for workload in chosen:
        unique.setdefault(workload.args, []).append(workload)
    labels = {"ours": "this aiomoto", "pypi": "aiomoto 0.5.8 (PyPI)"}
    for workload in chosen:
        results[workload.key] = Result(workload.key, workload.title, labels)
    for repeat in range(repeats):
        order = list(ENVIRONMENTS)
        if repeat % 2:
            order.reverse()
        for command, sharing in unique.items():
            step = f"repeat {repeat + 1}/{repeats}: {' '.join(command)}"
            print(f"... {step}", file=sys.stderr, flush=True)
            for name in order:
                figures = run_workload(ENVIRONMENTS[name], *command)
                for workload in sharing:
                    samples = results[workload.key].samples
                    samples.setdefault(name, []).append(dict(figures))
    elapsed = time.perf_counter() - started
    lines, targets = _render(chosen, results)
    env = report.environment()
    header = [
        f"aiomoto side by side with PyPI's aiomoto 0.5.8, {env['date']}",
        f"{env['python']}, {env['platform']}, {env['cpus']} CPUs; median of "
        f"{repeats} repeat(s), each run a fresh process, the two alternating",
        "ours:  " + _describe(versions["ours"]),
        "PyPI:  " + _describe(versions["pypi"]),
        "ratio: PyPI's time over ours (throughput: ours over PyPI's), per "
        "repeat; above 1: ours is faster; CPU ratio: the same for process CPU "
        "time, which other processes on the machine hardly move",
    ]
    print("\n".join([*header, *lines, "", "Targets", *(t.line() for t in targets)]))
    report.write_json(
        args.output,
        {
            "environment": env,
            "versions": versions,
            "quick": args.quick,
            "repeats": repeats,
            "elapsed_seconds": elapsed,
            "benchmarks": {key: r.as_json() for key, r in results.items()},
        },
        targets,
    )
    print(f"\nmeasured in {elapsed:.0f} s; wrote {args.output}")
    return 1 if args.strict and not all(t.passed for t in targets) else 0


def _versions(python: Path) -> dict[str, str]:
    code = (
        "import json, sys; from importlib.metadata import version; "
        "print(json.dumps({n: version(n) for n in sys.argv[1:]}))"
    )
    finished = subprocess.run(
        [str(python), "-c", code, *PACKAGES], capture_output=True, text=True, check=True
    )
    found: dict[str, str] = json.loads(finished.stdout)
    return found


def _check_same_dependencies(versions: dict[str, dict[str, str]]) -> None:
    ours, pypi = versions["ours"], versions["pypi"]
    differ = [p for p in PACKAGES if p != "aiomoto" and ours[p] != pypi[p]]
    if differ:
        raise SystemExit(
            "the two environments must differ in aiomoto only, but these differ: "
            + ", ".join(f"{p} {ours[p]} vs {pypi[p]}" for p in differ)
            + " (rebuild them with `make bench-peers`)"
        )


def _describe(versions: dict[str, str]) -> str:
    return " | ".join(f"{name} {versions[name]}" for name in PACKAGES)


def _render(
    chosen: list[Workload], results: dict[str, Result]
) -> tuple[list[str], list[Target]]:
    rows: list[list[str]] = []
    targets: list[Target] = []
    for workload in chosen:
        result = results[workload.key]
        pair = ("ours", "pypi") if workload.larger_is_better else ("pypi", "ours")
        value = result.ratio(*pair, workload.figure)
        interval = result.ratio_interval(*pair, workload.figure)
        unit = "MB/s" if workload.larger_is_better else "s"
        cpu = result.ratio("pypi", "ours", workload.cpu_figure)
        rows.append(
            [
                workload.title,
                f"{result.median('ours', workload.figure):.3f} {unit}",
                f"{result.median('pypi', workload.figure):.3f} {unit}",
                f"{value:.2f}x",
                f"{cpu:.2f}x",
            ]
        )
        targets.append(
            Target(
                f"{workload.key}: PyPI aiomoto / this aiomoto",
                value,
                ">=",
                workload.limit,
                # Parity targets may pass within noise; the 1.3x ones may not.
                interval=interval if workload.limit == 1.0 else None,
                note=f"CPU time: {cpu:.3f}x",
            )
        )
    columns = ["workload", "this aiomoto", "aiomoto 0.5.8", "ratio", "CPU ratio"]
    table = report.table("Workloads", columns, rows)
    return table, targets


if __name__ == "__main__":
    sys.exit(main())
