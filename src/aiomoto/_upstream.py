"""Every upstream attribute aiomoto patches or relies on, in one list.

Each seam names an importable owner and an attribute; httpx's are listed for
each of ``httpx`` and ``httpx2`` that is installed. ``tests/upstream``
checks that each one exists on every supported dependency line, records a
digest of its source per installed release (so a new release fails with the
list of exactly what changed), and compares the patched ones with what
:func:`aiomoto._patching.live_patches` records while a context is active, in
each mode and with each kind of backend, both ways: nothing is patched that
is not listed, and nothing listed as patched goes unpatched.
"""

from __future__ import annotations

import importlib
import importlib.util
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
        why=(
            "marks async requests before before-send is emitted; the pytest "
            "plugin's --aiomoto-block-unmocked guard wraps it for the session"
        ),
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
        "moto.core.botocore_stubber",
        "BotocoreStubber.process_request",
        patched=False,
        why=(
            "answers 404 'Not yet implemented' for an AWS URL no backend serves; "
            "direct HTTP turns that into a blocked request"
        ),
    ),
    Seam(
        "botocore.endpoint",
        "Endpoint._do_get_response",
        patched=True,
        why=(
            "notes the operation on sync requests, for blocked-request messages; "
            "the pytest plugin's --aiomoto-block-unmocked guard wraps it too"
        ),
    ),
    Seam(
        "botocore.endpoint",
        "Endpoint._send",
        patched=True,
        why=(
            "serves sync requests no before-send handler answered (sessions made "
            "before Moto's import), blocks the rest"
        ),
    ),
    Seam(
        "botocore.configprovider",
        "ConfiguredEndpointProvider._get_endpoint_url_environment_service",
        patched=True,
        why="botocore does not see the AWS_ENDPOINT_URL_S3 set for native tools",
        backends=LOCAL_ONLY,
    ),
    Seam(
        "botocore.configprovider",
        "ConfiguredEndpointProvider._get_service_env_var_name",
        patched=False,
        why="AWS_ENDPOINT_URL_<SERVICE> as botocore names it (blocked messages)",
    ),
    Seam(
        "aiohttp.connector",
        "TCPConnector._create_connection",
        patched=True,
        why="a request for an AWS host gets an in-memory connection to Moto",
    ),
    Seam(
        "aiohttp.connector",
        "BaseConnector.__init__",
        patched=False,
        why="sets connector._factory, the protocol the in-memory transport feeds",
    ),
    Seam(
        "aiohttp.client_proto",
        "ResponseHandler",
        patched=False,
        why=(
            "the protocol fed from memory: connection_made, data_received, "
            "set_exception, connection_lost; it pauses the transport"
        ),
    ),
    *(
        seam
        for name in ("httpx", "httpx2")
        if importlib.util.find_spec(name) is not None
        for seam in (
            Seam(
                f"{name}._transports.default",
                "HTTPTransport.handle_request",
                patched=True,
                why="a sync request for an AWS host is answered by Moto",
            ),
            Seam(
                f"{name}._transports.default",
                "AsyncHTTPTransport.handle_async_request",
                patched=True,
                why="an async request for an AWS host is answered by Moto",
            ),
        )
    ),
    Seam(
        "aiobotocore.httpchecksum",
        "AioAwsChunkedWrapper.read",
        patched=False,
        why="reads an aws-chunked body whole (one frame of _chunk_size bytes)",
    ),
    Seam(
        "aiobotocore.httpchecksum",
        "AioAwsChunkedWrapper._make_chunk",
        patched=False,
        why="frames _chunk_size bytes of the raw body, the size aiomoto sets",
    ),
    Seam(
        "botocore.httpchecksum",
        "AwsChunkedWrapper.__init__",
        patched=False,
        why="keeps the frame size in _chunk_size",
    ),
    Seam(
        "aiobotocore.httpxsession",
        "HttpxSession",
        patched=False,
        why="a client sending through it gets an httpx-shaped in-process answer",
    ),
    Seam(
        "aiobotocore.awsrequest",
        "HttpxAWSResponse",
        patched=False,
        why="the response type HttpxSession.send returns (reads raw.aread())",
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
