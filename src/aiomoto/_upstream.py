"""Every private upstream attribute aiomoto patches or relies on, in one list.

Each seam names an importable owner and an attribute. ``tests/upstream``
checks that each one exists on every supported dependency line, and that
every patched one is the original object again after the outermost exit.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Seam:
    module: str
    qualname: str
    #: True when aiomoto replaces the attribute while a context is active.
    patched: bool
    why: str

    def owner(self) -> Any:
        """The object that holds the attribute (a module or a class)."""
        owner: Any = importlib.import_module(self.module)
        for part in self.qualname.split(".")[:-1]:
            owner = getattr(owner, part)
        return owner

    @property
    def attribute(self) -> str:
        return self.qualname.rsplit(".", 1)[-1]

    def resolve(self) -> Any:
        return getattr(self.owner(), self.attribute)


SEAMS: tuple[Seam, ...] = (
    Seam(
        "aiobotocore.endpoint",
        "AioEndpoint._do_get_response",
        patched=True,
        why="marks async requests before before-send is emitted",
    ),
    Seam(
        "aiobotocore.endpoint",
        "AioEndpoint._send",
        patched=True,
        why="serves async requests from Moto instead of the HTTP session",
    ),
    Seam(
        "moto.core.botocore_stubber",
        "BotocoreStubber.__call__",
        patched=True,
        why="Moto's sync stubber steps aside for async requests",
    ),
    Seam(
        "moto.core.botocore_stubber",
        "BotocoreStubber.process_request",
        patched=False,
        why="turns a prepared request into Moto's (status, headers, body)",
    ),
    Seam(
        "moto.core.models",
        "botocore_stubber",
        patched=False,
        why="the process-wide stubber instance Moto registers on before-send",
    ),
    Seam(
        "moto.core.models",
        "MockAWS",
        patched=False,
        why="Moto's own in-process activation (start/stop with reset flags)",
    ),
    Seam(
        "aiobotocore.awsrequest",
        "AioAWSResponse",
        patched=False,
        why="the awaitable response type aiobotocore parses",
    ),
)


def patched_seams() -> tuple[Seam, ...]:
    return tuple(seam for seam in SEAMS if seam.patched)
