"""mkdocs hooks: pages show parts of the project's own files, never copies.

A line ``<!-- table of seams -->`` is replaced by a table of every upstream
attribute aiomoto relies on, read from ``src/aiomoto/_upstream.py`` (a
standard-library-only module, loaded by path: the docs environment does not
install aiomoto's dependencies).

A line ``<!-- include README.md: NAME -->`` on a page is replaced by

- the README's block between ``<!-- NAME: ... -->`` and ``<!-- end of NAME -->``
  (a table a script generates, such as ``compatibility table``), or
- when NAME starts with ``#``, the README section under that heading, up to
  the next heading of the same or a higher level (``## Benchmarks``).

Links into ``docs/`` are rewritten to be relative to the page. A NAME the
README does not have fails the build, so a renamed section cannot vanish
from the site unnoticed.
"""

from __future__ import annotations

import re
import runpy
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
SEAMS_TABLE = "<!-- table of seams -->"
INCLUDE = re.compile(r"^<!-- include README\.md: (?P<name>.+?) -->$", re.MULTILINE)


class IncludeError(Exception):
    """A page asks for a part of README.md that is not there."""


def readme_part(readme: str, name: str) -> str:
    """The part of ``readme`` that ``<!-- include README.md: name -->`` names."""
    if name.startswith("#"):
        level = len(name) - len(name.lstrip("#"))
        heading = re.compile(rf"^{re.escape(name)}\s*$", re.MULTILINE)
        found = heading.search(readme)
        if found is None:
            raise IncludeError(f"README.md has no heading {name!r}")
        end = re.compile(rf"^#{{1,{level}}} ", re.MULTILINE)
        following = end.search(readme, found.end())
        part = readme[found.end() : following.start() if following else len(readme)]
    else:
        start = re.compile(rf"^<!-- {re.escape(name)}: .*-->$", re.MULTILINE)
        found = start.search(readme)
        stop = f"<!-- end of {name} -->"
        if found is None or stop not in readme[found.end() :]:
            raise IncludeError(f"README.md has no block <!-- {name}: ... -->")
        part = readme[found.start() : readme.index(stop, found.end()) + len(stop)]
    return part.strip("\n").replace("](docs/", "](")


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


def include_readme_parts(markdown: str) -> str:
    if not INCLUDE.search(markdown):
        return markdown
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return INCLUDE.sub(lambda match: readme_part(readme, match["name"]), markdown)


def on_page_markdown(markdown: str, **_: Any) -> str:
    if SEAMS_TABLE in markdown:
        markdown = markdown.replace(SEAMS_TABLE, seams_table())
    return include_readme_parts(markdown)
