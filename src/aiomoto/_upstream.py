"""Every upstream attribute aiomoto patches or relies on, in one list.

Each seam names an importable owner and an attribute. ``tests/upstream``
checks that each one exists on every supported dependency line, records a
digest of its source per installed release (so a new release fails with the
list of exactly what changed), and compares the patched ones with what
:func:`aiomoto._patching.live_patches` records while a context is active, in
each mode and with each kind of backend, both ways: nothing is patched that
is not listed, and nothing listed as patched goes unpatched.
"""

from __future__ import annotations

import importlib
import inspect
from dataclasses import dataclass
from typing import Any, Literal

Backend = Literal["local", "remote"]
LOCAL_ONLY: frozenset[Backend] = frozenset({"local"})


@dataclass(frozen=True)
class Seam:
    module: str
    qualname: str
    #: True when aiomoto replaces the attribute while a context is active.
    patched: bool
    why: str
    #: The mode whose activation uses the seam.
    mode: Literal["in-process", "server"] = "in-process"
    #: The backends whose activation patches it: Moto's in-process dispatch
    #: is patched only when Moto serves in this process (a local backend).
    backends: frozenset[Backend] = frozenset({"local", "remote"})

    @property
    def distribution(self) -> str:
        return self.module.split(".")[0]

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
        owner = self.owner()
        if inspect.ismodule(owner) and not hasattr(owner, self.attribute):
            # A submodule that nothing has imported yet.
            return importlib.import_module(f"{owner.__name__}.{self.attribute}")
        return getattr(owner, self.attribute)


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
        "botocore.endpoint",
        "Endpoint._send",
        patched=True,
        why=(
            "routes sync requests Moto's stubber did not answer: to Moto's entry "
            "point, the network, or blocked"
        ),
    ),
    Seam(
        "moto.core.botocore_stubber",
        "BotocoreStubber.__call__",
        patched=True,
        why=(
            "Moto's sync stubber steps aside for async requests; its original is "
            "how async requests reach Moto, with that release's normalisation"
        ),
        backends=LOCAL_ONLY,
    ),
    Seam(
        "moto.core.botocore_stubber",
        "MockRawResponse",
        patched=False,
        why="the BytesIO Moto's __call__ wraps its body in (read with getvalue)",
    ),
    Seam(
        "moto.core.base_backend",
        "BaseBackend.urls",
        patched=True,
        why="Moto's URL table per backend, kept for the context instead of rebuilt",
        backends=LOCAL_ONLY,
    ),
    Seam(
        "moto.s3.models",
        "S3Backend._url_module",
        patched=False,
        why="reloads moto.s3.urls per call; the table cache keys on its inputs",
    ),
    Seam(
        "moto.s3",
        "urls",
        patched=False,
        why="S3's URL table reads MOTO_S3_CUSTOM_ENDPOINTS at import (the cache key)",
    ),
    Seam(
        "moto.core.responses",
        "method_names_from_class",
        patched=True,
        why="a response class's method names, kept for the context instead of listed",
        backends=LOCAL_ONLY,
    ),
    Seam(
        "moto.core.responses",
        "BaseResponse.call_action",
        patched=False,
        why="the one caller of method_names_from_class (checks the action exists)",
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
    Seam(
        "aiobotocore.endpoint",
        "convert_to_response_dict",
        patched=False,
        why="reads raw.content / raw.read() of the in-memory response",
    ),
    Seam(
        "aiobotocore.httpchecksum",
        "handle_checksum_body",
        patched=False,
        why="wraps the in-memory raw response for checksum validation",
    ),
    Seam(
        "botocore.session",
        "Session.create_client",
        patched=True,
        why="endpoint injection for boto3 and botocore clients",
        mode="server",
    ),
    Seam(
        "aiobotocore.session",
        "AioSession.create_client",
        patched=True,
        why="endpoint injection for aiobotocore, aioboto3 and s3fs clients",
        mode="server",
    ),
    Seam(
        "moto.server",
        "ThreadedMotoServer",
        patched=False,
        why="Moto's own threaded server (start, get_host_and_port, stop)",
        mode="server",
    ),
    Seam(
        "moto.core.base_backend",
        "BackendDict.reset",
        patched=False,
        why="resets the backends an in-process server shares",
        mode="server",
    ),
    Seam(
        "moto.core.model_instances",
        "reset_model_data",
        patched=False,
        why="clears Moto's model registries along with the backends",
        mode="server",
    ),
)


def patched_seams(
    mode: Literal["in-process", "server"] = "in-process",
    backend: Backend = "local",
) -> tuple[Seam, ...]:
    """The seams listed as patched by a ``mode`` door on a ``backend``."""
    return tuple(
        seam
        for seam in SEAMS
        if seam.patched and seam.mode == mode and backend in seam.backends
    )
