"""Benchmarks measured in a fresh process each time (``workloads.py``).

- multipart: ``mib`` MiB uploaded in ``parts`` parts through s3fs and through
  aioboto3's ``upload_fileobj``, in-process against server mode
  (``mock_aws(server_mode=True)``). aioboto3 pins aiobotocore 2.x, so its
  variants run with ``.venv-aioboto3``'s interpreter, and are left out, with
  a note, when that environment is missing;
- startup: the time from the first ``import`` to the first answer in a new
  interpreter, aiomoto (aiobotocore client) against plain Moto (boto3 client):
  what every pytest-xdist worker pays once.

Each measurement starts a new interpreter, so there is nothing to warm up:
the variants' warm-ups do nothing.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from harness import Figures, Variant

HERE = Path(__file__).resolve().parent
WORKLOADS = HERE / "workloads.py"
AIOBOTO3_PYTHON = HERE.parent / ".venv-aioboto3" / "bin" / "python"


def run_workload(python: str | Path, *args: str) -> Figures:
    """Run one workload in a new ``python`` process; its figures."""
    finished = subprocess.run(
        [str(python), str(WORKLOADS), *args],
        capture_output=True,
        text=True,
        check=False,
    )
    if finished.returncode != 0:
        raise RuntimeError(
            f"workload {' '.join(args)} failed under {python}:\n{finished.stderr}"
        )
    figures: Figures = json.loads(finished.stdout.strip().splitlines()[-1])
    return figures


def aioboto3_available() -> bool:
    return AIOBOTO3_PYTHON.exists()


def multipart_variants(mib: int, parts: int) -> list[Variant]:
    tools = [("s3fs", sys.executable)]
    if aioboto3_available():
        tools.append(("aioboto3", str(AIOBOTO3_PYTHON)))
    variants = []
    for tool, python in tools:
        for mode, label in (("inprocess", "in-process"), ("server", "server mode")):
            args = ["multipart", "--tool", tool, "--mode", mode, "--parts"]

            def measure(python: str = python, args: list[str] = args) -> Figures:
                return run_workload(python, *args, str(parts), "--mib", str(mib))

            variants.append(
                Variant(f"{tool}_{mode}", f"{tool}, {label}", measure, _nothing)
            )
    return variants


def startup_variants() -> list[Variant]:
    return [
        Variant(
            "aiomoto",
            "import aiomoto + aiobotocore, mock_aws(), list_buckets",
            lambda: run_workload(sys.executable, "first-request"),
            _nothing,
        ),
        Variant(
            "moto",
            "import moto + boto3, moto.mock_aws(), list_buckets",
            lambda: run_workload(sys.executable, "first-request-moto"),
            _nothing,
        ),
    ]


def _nothing() -> None:
    pass
