"""The stress layer: load, long runs and cancellation, at two scales.

``make test`` runs these tests with small counts; ``make stress`` sets
``AIOMOTO_STRESS=full`` and runs them with the issue's counts, printing the
figures each test measured at the end of the run. The assertions are the same
at both scales: nothing lost, nothing left behind.
"""

from __future__ import annotations

import gc
import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from aiomoto import _lifecycle
from aiomoto._patching import live_patches
from aiomoto._upstream import SEAMS

FULL = os.environ.get("AIOMOTO_STRESS") == "full"


@dataclass(frozen=True)
class Counts:
    sync_threads: int
    async_tasks: int
    async_clients: int
    s3_objects: int
    dynamodb_items: int
    inprocess_cycles: int
    server_cycles: int
    cancellations: int
    #: The first cycles fill Moto's and botocore's caches: memory is compared
    #: from after them.
    warm_up_cycles: int


COUNTS = (
    Counts(8, 200, 10, 10_000, 10_000, 10_000, 200, 1_000, 200)
    if FULL
    else Counts(2, 10, 2, 40, 40, 100, 5, 30, 20)
)

#: Figures measured by the tests, printed at the end of the run.
FIGURES: list[tuple[str, str]] = []


def figure(name: str, value: str) -> None:
    FIGURES.append((name, value))


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if not FIGURES:
        return
    scale = "full (make stress)" if FULL else "small (make test)"
    terminalreporter.section(f"aiomoto stress figures, {scale} counts")
    width = max(len(name) for name, _ in FIGURES)
    for name, value in FIGURES:
        terminalreporter.write_line(f"{name:<{width}}  {value}")


def open_descriptors() -> frozenset[tuple[str, str]]:
    """Each open file descriptor (Linux) with what it refers to."""
    found = set()
    for name in os.listdir("/proc/self/fd"):
        try:
            found.add((name, os.readlink(f"/proc/self/fd/{name}")))
        except OSError:  # the directory's own descriptor, closed by now
            continue
    return frozenset(found)


def resident_bytes() -> int:
    """This process's resident memory (Linux), after a full collection."""
    gc.collect()
    with open("/proc/self/statm", encoding="ascii") as statm:
        pages = int(statm.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE")


@dataclass(frozen=True)
class Snapshot:
    """What a run must leave exactly as it found it."""

    descriptors: frozenset[tuple[str, str]]
    threads: frozenset[int]
    patches: dict[tuple[Any, str], int]
    seams: dict[str, Any]
    environment: dict[str, str]
    registry: frozenset[str]
    depth: int

    @classmethod
    def take(cls, registry_dir: Path) -> Snapshot:
        gc.collect()  # what earlier tests dropped is closed, not counted
        return cls(
            descriptors=open_descriptors(),
            threads=frozenset(t.ident or 0 for t in threading.enumerate()),
            patches=dict(live_patches()),
            seams={seam.qualname: seam.resolve() for seam in SEAMS if seam.patched},
            environment={
                k: v for k, v in os.environ.items() if k != "PYTEST_CURRENT_TEST"
            },
            registry=frozenset(p.name for p in registry_dir.glob("*"))
            if registry_dir.exists()
            else frozenset(),
            depth=_lifecycle.depth(),
        )

    def assert_same_as(self, before: Snapshot) -> None:
        assert self.depth == before.depth == 0
        assert self.patches == before.patches == {}
        assert all(self.seams[name] is before.seams[name] for name in before.seams)
        # Nothing new is left; what earlier tests left may end meanwhile.
        assert self.threads <= before.threads
        assert self.descriptors <= before.descriptors
        assert self.environment == before.environment
        assert self.registry == before.registry


@pytest.fixture
def nothing_left_behind(registry_dir: Path) -> Iterator[Snapshot]:
    """Checks that the test leaves no patch, thread, server, socket, file or
    variable behind (the snapshot before the test is the fixture's value)."""
    before = Snapshot.take(registry_dir)
    yield before
    Snapshot.take(registry_dir).assert_same_as(before)
