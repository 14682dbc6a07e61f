"""The site's build hooks (docs/hooks/includes.py) show the project's own text.

The compatibility page includes the README's generated matrix table, the
performance page its benchmark section, the architecture page a table of
``_upstream.SEAMS``: each from its one source, never a copy.
"""

from __future__ import annotations

import runpy
from types import SimpleNamespace

import pytest

from aiomoto import _upstream
from tests.docs.examples import ROOT


def hooks() -> SimpleNamespace:
    path = ROOT / "docs" / "hooks" / "includes.py"
    return SimpleNamespace(**runpy.run_path(str(path), run_name="docs_hooks"))


README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_a_page_includes_a_generated_block_of_the_readme_markers_and_all() -> None:
    page = "# Compatibility\n\n<!-- include README.md: compatibility table -->\n"
    shown = hooks().include_readme_parts(page)
    start = README.index("<!-- compatibility table:")
    end = README.index("<!-- end of compatibility table -->")
    assert README[start:end] in shown
    assert "include README.md" not in shown


def test_a_page_includes_a_readme_section_up_to_the_next_heading() -> None:
    part = hooks().readme_part(
        "# T\n## A\ntext [x](docs/x.md)\n### B\nmore\n## C\n", "## A"
    )
    assert part == "text [x](x.md)\n### B\nmore"


def test_a_missing_part_fails_the_build_by_name() -> None:
    module = hooks()
    with pytest.raises(module.IncludeError, match="no heading '## Nowhere'"):
        module.readme_part(README, "## Nowhere")
    with pytest.raises(module.IncludeError, match="no block <!-- nothing"):
        module.readme_part(README, "nothing")


def test_the_seams_table_lists_every_seam_in_order() -> None:
    rows = hooks().seams_table().splitlines()[2:]
    assert [row.split("`")[1] for row in rows] == [
        f"{seam.module}.{seam.qualname}" for seam in _upstream.SEAMS
    ]
