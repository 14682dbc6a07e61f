"""The specification's examples stay on their pages, as the specification wrote them.

The specification (readme.txt, contexts-and-decorators.txt and
server-mode.txt, kept with the project's shared notes) is the user's own
description of aiomoto, and every example in it must work. Each lives in
exactly one place, a page, where ``test_examples.py`` runs it; this test
checks that the page still holds it as written. It keeps a digest of each
example's lines (blank lines and trailing spaces aside), not a second copy.

One example is adapted rather than kept: server-mode.txt's xdist layout
imports ``Bucket`` from ``mypy_boto3_s3`` at run time, which fails where
boto3-stubs is not installed. The page imports it under ``TYPE_CHECKING``,
as that specification itself suggests, so it is not listed here.
"""

from __future__ import annotations

import hashlib

import pytest

from tests.docs import examples

GETTING_STARTED = ("README.md", "docs/getting-started.md")
CONTEXTS = ("docs/contexts-and-decorators.md",)
SERVER_MODE = ("docs/server-mode.md",)

#: (specification file, its heading): (the pages that may hold it, digest).
SPEC_EXAMPLES: dict[tuple[str, str], tuple[tuple[str, ...], str]] = {
    ("readme.txt", "Usage"): (GETTING_STARTED, "f10e5cb1133aafab"),
    ("readme.txt", "DynamoDB example"): (GETTING_STARTED, "13dbf383cc2385c7"),
    ("contexts-and-decorators.txt", "Context manager (with)"): (
        CONTEXTS,
        "6de0bd6a7710b8f9",
    ),
    ("contexts-and-decorators.txt", "Context manager (async with)"): (
        CONTEXTS,
        "2b7dbe2958c040c0",
    ),
    ("contexts-and-decorators.txt", "Decorator"): (CONTEXTS, "71378b26bde403f1"),
    ("contexts-and-decorators.txt", "mock_aws_decorator"): (
        CONTEXTS,
        "14e220eb0fb4b6b1",
    ),
    ("contexts-and-decorators.txt", "Nesting"): (CONTEXTS, "2c50d6d47ab3f873"),
    ("server-mode.txt", "Server mode"): (SERVER_MODE, "126ca6cde661b0b7"),
    ("server-mode.txt", "Endpoint injection"): (SERVER_MODE, "d7d5d4bfc5653bd5"),
    ("server-mode.txt", "Attaching to an existing server"): (
        SERVER_MODE,
        "665465a61a0246bc",
    ),
}


def digest(code: str) -> str:
    lines = [line.rstrip() for line in code.splitlines() if line.strip()]
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()[:16]


@pytest.mark.parametrize(
    ("where", "expected"),
    [
        pytest.param(key, value, id=f"{key[0]}: {key[1]}")
        for key, value in SPEC_EXAMPLES.items()
    ],
)
def test_the_spec_example_is_on_its_page_as_written(
    where: tuple[str, str], expected: tuple[tuple[str, ...], str]
) -> None:
    pages, wanted = expected
    found = [
        block.id
        for block in examples.all_blocks()
        if block.page in pages and digest(block.code) == wanted
    ]
    assert len(found) == 1, (
        f"The example under {where[1]!r} of the specification's {where[0]} must "
        f"be on {' or '.join(pages)} exactly once, as the specification wrote it "
        f"(found {len(found)}). Restore it from the specification, or change "
        "the specification first."
    )
