"""Interleaved measurement: warm up every variant, then A, B, C, A, B, C, ...

A *variant* is one way of doing the same work (aiomoto, plain Moto, Moto's
server). Its ``measure`` callable does its own setup, times only the work with
``time.perf_counter`` and returns named figures (seconds, bytes, MB/s). Each
repeat runs every variant once, in order, with a ``gc.collect()`` before each
measurement, so machine noise lands on all of them alike. Comparisons are
paired: the ratio of two variants is taken within each repeat, and the median
of those ratios is reported.
"""

from __future__ import annotations

import gc
import math
import os
import statistics
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

Figures = Mapping[str, float]


@dataclass(frozen=True)
class Variant:
    key: str
    label: str
    measure: Callable[[], Figures]
    #: A cheaper run that loads the same code paths; ``measure`` if omitted.
    warm_up: Callable[[], object] | None = None


@dataclass
class Result:
    """Every repeat's figures for every variant of one benchmark."""

    key: str
    title: str
    labels: dict[str, str]
    samples: dict[str, list[dict[str, float]]] = field(default_factory=dict)

    def values(self, variant: str, figure: str) -> list[float]:
        return [sample[figure] for sample in self.samples[variant]]

    def median(self, variant: str, figure: str) -> float:
        return statistics.median(self.values(variant, figure))

    def ratio(self, numerator: str, denominator: str, figure: str) -> float:
        """Median over repeats of ``numerator / denominator`` for one figure."""
        pairs = zip(
            self.values(numerator, figure),
            self.values(denominator, figure),
            strict=True,
        )
        return statistics.median(a / b for a, b in pairs)

    def ratio_interval(
        self, numerator: str, denominator: str, figure: str
    ) -> tuple[float, float, float]:
        """A distribution-free confidence interval for the median ratio.

        Returns ``(low, high, coverage)``: the k-th smallest and k-th largest
        per-repeat ratios, with k the largest order whose interval still
        covers the true median with probability >= 95% (or k = 1, the whole
        range, when there are too few repeats for that), and that coverage.
        """
        ratios = sorted(
            a / b
            for a, b in zip(
                self.values(numerator, figure),
                self.values(denominator, figure),
                strict=True,
            )
        )
        n = len(ratios)
        k = 1
        while k < n // 2 and _coverage(n, k + 1) >= 0.95:
            k += 1
        return ratios[k - 1], ratios[n - k], _coverage(n, k)

    def as_json(self) -> dict[str, object]:
        figures = {
            variant: {
                name: {
                    "median": statistics.median(s[name] for s in samples),
                    "samples": [s[name] for s in samples],
                }
                for name in samples[0]
            }
            for variant, samples in self.samples.items()
        }
        return {"title": self.title, "labels": self.labels, "figures": figures}


def _coverage(n: int, k: int) -> float:
    """P(k-th smallest < median < k-th largest) of n: 1 - 2 P(Bin(n, 1/2) < k)."""
    below: float = sum(math.comb(n, i) for i in range(k)) / 2**n
    return 1.0 - 2.0 * below


def run_interleaved(
    key: str,
    title: str,
    variants: Sequence[Variant],
    *,
    repeats: int,
    progress: Callable[[str], None] = lambda _: None,
) -> Result:
    result = Result(key, title, {v.key: v.label for v in variants})
    for variant in variants:
        gc.collect()
        (variant.warm_up or variant.measure)()
    for repeat in range(repeats):
        progress(f"{key}: repeat {repeat + 1}/{repeats}")
        for variant in variants:
            gc.collect()
            figures = dict(variant.measure())
            result.samples.setdefault(variant.key, []).append(figures)
    return result


class Stopwatch:
    """``with Stopwatch() as watch: ...`` then ``watch.seconds``.

    ``cpu_seconds`` is the whole process's CPU time over the block (every
    thread, so an in-process server's work counts too); unlike the wall-clock
    ``seconds`` it hardly moves when other processes compete for the CPU.
    """

    __slots__ = ("_cpu_start", "_start", "cpu_seconds", "seconds")

    def __init__(self) -> None:
        self._start = self._cpu_start = 0.0
        self.seconds = self.cpu_seconds = 0.0

    def __enter__(self) -> Stopwatch:
        self._cpu_start = time.process_time()
        self._start = time.perf_counter()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.seconds = time.perf_counter() - self._start
        self.cpu_seconds = time.process_time() - self._cpu_start


def isolate_environment() -> None:
    """Fake credentials and nothing from the user's AWS setup."""
    for name in list(os.environ):
        if name.startswith(("AWS_ENDPOINT_URL", "AWS_PROFILE", "AWS_DEFAULT_PROFILE")):
            del os.environ[name]
    os.environ.pop("AWS_SESSION_TOKEN", None)
    os.environ.update(
        AWS_ACCESS_KEY_ID="testing",
        AWS_SECRET_ACCESS_KEY="testing",
        AWS_DEFAULT_REGION="us-east-1",
        AWS_EC2_METADATA_DISABLED="true",
        AWS_IGNORE_CONFIGURED_ENDPOINT_URLS="true",
        AWS_CONFIG_FILE=os.devnull,
        AWS_SHARED_CREDENTIALS_FILE=os.devnull,
    )
