"""The site's build hook (docs/hooks/includes.py) shows the project's own text.

The architecture page shows a table of ``_upstream.SEAMS``, generated from
that list when the site is built, never a copy.
"""

from __future__ import annotations

import runpy
from types import SimpleNamespace

from aiomoto import _upstream
from tests.docs.examples import ROOT


def hooks() -> SimpleNamespace:
    path = ROOT / "docs" / "hooks" / "includes.py"
    return SimpleNamespace(**runpy.run_path(str(path), run_name="docs_hooks"))


def test_the_seams_table_lists_every_seam_in_order() -> None:
    rows = hooks().seams_table().splitlines()[2:]
    assert [row.split("`")[1] for row in rows] == [
        f"{seam.module}.{seam.qualname}" for seam in _upstream.SEAMS
    ]


def test_the_marker_line_becomes_the_table_and_other_pages_are_untouched() -> None:
    module = hooks()
    page = "# Architecture\n\n<!-- table of seams -->\n"
    shown = module.on_page_markdown(page)
    assert module.seams_table() in shown
    assert "<!-- table of seams -->" not in shown
    assert module.on_page_markdown("# Other\n") == "# Other\n"


def test_the_architecture_page_asks_for_the_table() -> None:
    page = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    assert "<!-- table of seams -->" in page
