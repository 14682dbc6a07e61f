"""Upstream drift: a release that changes a seam fails with what changed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from aiobotocore.endpoint import AioEndpoint

from aiomoto._upstream import SEAMS
from tests.upstream.drift import load, report


def test_no_seam_changed_since_its_release_was_recorded() -> None:
    differences = report(load())
    assert differences == [], (
        "Upstream seams changed. Review each one in the installed source, adapt "
        "aiomoto, then record: python -m tests.upstream.drift record\n"
        + "\n".join(differences)
    )


def test_breaking_a_seam_on_purpose_is_reported_by_name(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    async def _send(self, request, extra=0):  # type: ignore[no-untyped-def]
        """A different implementation, as a new release might ship."""

    monkeypatch.setattr(AioEndpoint, "_send", _send)
    differences = report(load())
    assert len(differences) == 1
    assert differences[0].startswith("  aiobotocore: AioEndpoint._send: source digest")
    assert "signature (self, request) -> (self, request, extra=0)" in differences[0]


def test_an_unrecorded_release_is_compared_with_the_nearest_recorded_one() -> None:
    recorded = load()
    recorded["moto"] = {"0.0.1": recorded["moto"][max(recorded["moto"])]}
    lines = report(recorded)
    assert any(
        line.startswith("moto ") and "is not recorded; compared with 0.0.1" in line
        for line in lines
    )


def test_every_seam_is_documented() -> None:
    assert all(seam.why for seam in SEAMS)
    assert len({(seam.module, seam.qualname) for seam in SEAMS}) == len(SEAMS)


def test_every_swept_release_and_matrix_cell_has_its_digests_recorded() -> None:
    root = Path(__file__).resolve().parents[2]
    sweep = json.loads((root / "sweep" / "sweep.json").read_text(encoding="utf-8"))
    matrix = json.loads((root / "matrix.json").read_text(encoding="utf-8"))
    installed = [
        entry["versions"]
        for line in sweep["lines"].values()
        for entry in line["entries"]
    ] + [cell["versions"] for cell in matrix["cells"]]
    recorded = load()

    missing = sorted(
        {
            f"{dist} {version}"
            for versions in installed
            for dist, version in versions.items()
            if dist in recorded and version not in recorded[dist]
        }
    )

    assert missing == [], f"not recorded (run `make digests`): {', '.join(missing)}"
