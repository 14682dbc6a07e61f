"""Printing the results: aligned tables, PASS/FAIL lines, the JSON file."""

from __future__ import annotations

import importlib.util
import json
import operator
import os
import platform
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

PACKAGES = ("aiobotocore", "botocore", "boto3", "moto", "aiohttp", "aiomoto")

_COMPARE: dict[str, Callable[[float, float], bool]] = {
    "<=": operator.le,
    "<": operator.lt,
    ">=": operator.ge,
}


@dataclass(frozen=True)
class Target:
    """One target's verdict.

    A *parity* target (``interval`` given: aiomoto should be no slower than a
    path doing the same work) also passes when its median misses the limit
    but the confidence interval of the median still contains it: at true
    parity a median lands on either side half the time, and only a slowdown
    beyond the machine's noise is a failure. The line says which it was.
    """

    name: str
    value: float
    compare: str
    limit: float
    unit: str = "x"
    note: str = ""
    #: (low, high, coverage) of the median ratio, for parity targets.
    interval: tuple[float, float, float] | None = None

    @property
    def met_by_median(self) -> bool:
        return _COMPARE[self.compare](self.value, self.limit)

    @property
    def within_noise(self) -> bool:
        if self.interval is None:
            return False
        low, high, _ = self.interval
        return low <= self.limit <= high

    @property
    def passed(self) -> bool:
        return self.met_by_median or self.within_noise

    def line(self) -> str:
        verdict = "PASS" if self.passed else "FAIL"
        digits = 3 if self.unit == "x" else 1
        value = f"{self.value:.{digits}f}{self.unit}"
        target = f"(target {self.compare} {self.limit:g}{self.unit})"
        line = f"  {verdict}  {self.name:<60} {value:>9}  {target:<17}"
        notes = [self.note] if self.note else []
        if self.interval is not None:
            low, high, coverage = self.interval
            span = f"{coverage:.0%} interval {low:.3f}-{high:.3f}"
            if self.met_by_median:
                notes.append(span)
            elif self.within_noise:
                notes.append(f"parity within noise: {span} contains {self.limit:g}")
            else:
                notes.append(f"worse beyond noise: {span}")
        return f"{line}  {'; '.join(notes)}".rstrip()


def environment() -> dict[str, str]:
    """When and with what the run was made."""
    found: dict[str, str] = {}
    for package in PACKAGES:
        try:
            found[package] = version(package)
        except PackageNotFoundError:
            found[package] = "not installed"
    return {
        "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "moto_s3_urls_bytecode": _bytecode_cached("moto.s3.urls"),
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "platform": f"{platform.system()} {platform.machine()}",
        "cpus": str(os.cpu_count()),
        **found,
    }


def _bytecode_cached(module: str) -> str:
    """Whether ``module`` has a cached .pyc: Moto reloads moto.s3.urls per request."""
    spec = importlib.util.find_spec(module)
    if spec is None or spec.origin is None:
        return "missing"
    cached = Path(importlib.util.cache_from_source(spec.origin)).exists()
    return "cached" if cached else "not cached"


def header(env: dict[str, str], note: str) -> list[str]:
    packages = " | ".join(f"{name} {env[name]}" for name in PACKAGES)
    lines = [
        f"aiomoto benchmarks, {env['date']}",
        f"{env['python']} | {packages}",
        f"{env['platform']}, {env['cpus']} CPUs; {note}",
        "ratios: median over repeats of the per-repeat ratio; CPU: process CPU"
        " time, all threads",
    ]
    if env["moto_s3_urls_bytecode"] == "not cached":
        lines.append(
            "note: no .pyc for moto.s3.urls (PYTHONDONTWRITEBYTECODE?); Moto "
            "reloads it on every S3 request, so each one also compiles it"
        )
    return lines


def table(
    title: str, columns: Sequence[str], rows: Sequence[Sequence[str]]
) -> list[str]:
    """A titled table: first column left-aligned, the others right-aligned."""
    widths = [
        max(len(str(row[i])) for row in [columns, *rows]) for i in range(len(columns))
    ]
    lines = ["", title]
    for row in [columns, *rows]:
        cells = [
            cell.ljust(width) if i == 0 else cell.rjust(width)
            for i, (cell, width) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append("  " + "   ".join(cells).rstrip())
    return lines


def write_json(
    path: Path, payload: dict[str, object], targets: Sequence[Target]
) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    document = {
        **payload,
        "targets": [
            {**asdict(t), "passed": t.passed, "within_noise": t.within_noise}
            for t in targets
        ],
    }
    path.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")


def seconds(value: float) -> str:
    return f"{value:.3f} s"


def millis(value: float) -> str:
    return f"{value:.2f} ms" if value < 100 else f"{value:.0f} ms"


def ratio(value: float) -> str:
    return f"{value:.2f}x"


def count(value: float) -> str:
    return f"{value:,.0f}"
