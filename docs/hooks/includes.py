"""mkdocs hooks: pages show parts of the project's own files, never copies.

A line ``<!-- table of seams -->`` is replaced by a table of every upstream
attribute aiomoto relies on, read from ``src/aiomoto/_upstream.py`` (a
standard-library-only module, loaded by path: the docs environment does not
install aiomoto's dependencies).

The other generated tables (the test matrix and the sweep) are written into
docs/compatibility.md itself by ``make compat-table``, and a unit test fails
when they drift.
"""

from __future__ import annotations

import runpy
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
SEAMS_TABLE = "<!-- table of seams -->"


def seams_table() -> str:
    """Every seam of ``_upstream.SEAMS`` as a Markdown table, in its order."""
    upstream = runpy.run_path(
        str(ROOT / "src" / "aiomoto" / "_upstream.py"), run_name="aiomoto_upstream"
    )
    rows = [
        "| upstream attribute | patched | used by | backends | why |",
        "| --- | --- | --- | --- | --- |",
    ]
    for seam in upstream["SEAMS"]:
        patched = "replaced while active" if seam.patched else "read only"
        backends = ", ".join(sorted(seam.backends))
        rows.append(
            f"| `{seam.module}.{seam.qualname}` | {patched} | {seam.mode} "
            f"| {backends} | {seam.why} |"
        )
    return "\n".join(rows)


def on_page_markdown(markdown: str, **_: Any) -> str:
    if SEAMS_TABLE in markdown:
        markdown = markdown.replace(SEAMS_TABLE, seams_table())
    return markdown
