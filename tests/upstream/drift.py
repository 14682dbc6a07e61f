"""Compare the seams' fingerprints with those recorded per upstream release.

    python -m tests.upstream.drift record   # add this environment's releases

Run ``record`` in each matrix environment after reviewing a new release's
changes to the seams (``make digests`` does it for every line).
"""

from __future__ import annotations

import hashlib
import inspect
import json
import sys
from importlib.metadata import version
from pathlib import Path
from typing import Any

from aiomoto._upstream import SEAMS, Seam
from aiomoto._versions import release

DIGESTS = Path(__file__).with_name("digests.json")

Recorded = dict[str, dict[str, dict[str, dict[str, str]]]]


def load() -> Recorded:
    recorded: Recorded = json.loads(DIGESTS.read_text(encoding="utf-8"))
    return recorded


def fingerprint(seam: Seam) -> dict[str, str]:
    """A digest of the seam's source and its call signature, if it has one."""
    target = seam.resolve()
    if isinstance(target, property):
        target = target.fget
    elif not (
        inspect.isroutine(target) or inspect.isclass(target) or inspect.ismodule(target)
    ):
        target = type(target)
    source = inspect.getsource(target)
    try:
        signature = str(inspect.signature(target))
    except (TypeError, ValueError):
        signature = ""
    digest = hashlib.sha256(source.encode("utf-8")).hexdigest()
    return {"sha256": digest, "signature": signature}


def current() -> dict[str, tuple[str, dict[str, dict[str, str]]]]:
    """Per distribution: its installed version and its seams' fingerprints."""
    found: dict[str, tuple[str, dict[str, dict[str, str]]]] = {}
    for seam in SEAMS:
        dist = seam.distribution
        installed = version(dist)
        found.setdefault(dist, (installed, {}))[1][seam.qualname] = fingerprint(seam)
    return found


def report(recorded: Recorded) -> list[str]:
    """Readable lines for every difference; empty when nothing drifted."""
    lines: list[str] = []
    for dist, (installed, prints) in current().items():
        releases = recorded.get(dist, {})
        if not releases:
            lines.append(f"{dist} {installed}: no fingerprints recorded at all")
            continue
        baseline_version = installed
        if installed not in releases:
            baseline_version = _nearest(installed, list(releases))
        baseline = releases[baseline_version]
        changes = [
            _difference(dist, qualname, baseline.get(qualname), now)
            for qualname, now in sorted(prints.items())
            if baseline.get(qualname) != now
        ]
        if installed not in releases:
            lines.append(
                f"{dist} {installed} is not recorded; compared with "
                f"{baseline_version}: {len(changes)} seam(s) changed"
            )
        lines.extend(changes)
    return lines


def _difference(
    dist: str, qualname: str, before: dict[str, str] | None, now: dict[str, str]
) -> str:
    if before is None:
        return f"  {dist}: {qualname}: a seam with no recorded fingerprint"
    text = (
        f"  {dist}: {qualname}: source digest "
        f"{before['sha256'][:12]} -> {now['sha256'][:12]}"
    )
    if before["signature"] != now["signature"]:
        text += f"; signature {before['signature']} -> {now['signature']}"
    return text


def _nearest(installed: str, recorded: list[str]) -> str:
    older = [v for v in recorded if release(v) <= release(installed)]
    pool = older or recorded
    return max(pool, key=release) if older else min(pool, key=release)


def record() -> None:
    recorded = load() if DIGESTS.exists() else {}
    for dist, (installed, prints) in current().items():
        recorded.setdefault(dist, {})[installed] = prints
    ordered = {
        dist: dict(sorted(releases.items(), key=lambda item: release(item[0])))
        for dist, releases in sorted(recorded.items())
    }
    DIGESTS.write_text(json.dumps(ordered, indent=2) + "\n", encoding="utf-8")


def main(argv: list[str]) -> Any:
    if argv == ["record"]:
        record()
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
