"""What one ``mock_aws`` context asks of the activation, validated at construction.

:class:`Options` is built once by :class:`~aiomoto.MockAwsContext` from its
keywords and never changes; :mod:`aiomoto._lifecycle` reads it on every enter
and exit. Every check that can fail without looking at the process (a bad
port, a malformed URL, a mode without server mode) fails here, in
``__init__``, with a :class:`~aiomoto.exceptions.ConfigurationError`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from aiomoto.exceptions import AutoEndpointError, ConfigurationError, ServerPortError

if TYPE_CHECKING:
    from aiomoto._backend import Backend

#: Where ``server_port`` attaches: aiomoto's own servers bind here.
LOOPBACK = "127.0.0.1"


class AutoEndpointMode(str, Enum):
    """Whether server mode points clients at the Moto server.

    A ``str`` enum: ``auto_endpoint="if_missing"`` works as well as
    ``auto_endpoint=AutoEndpointMode.IF_MISSING``.
    """

    FORCE = "force"
    """Always inject the server endpoint (the default in server mode)."""
    IF_MISSING = "if_missing"
    """Inject only when the client has no explicit ``endpoint_url``."""
    DISABLED = "disabled"
    """Never inject; clients must target the server themselves."""

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class ServerAddress:
    """Where a Moto server answers: ``scheme://host:port``."""

    host: str
    port: int
    scheme: str = "http"

    @property
    def endpoint(self) -> str:
        return f"{self.scheme}://{self.host}:{self.port}"


@dataclass(frozen=True)
class Options:
    """One context's wishes. ``None`` means "not passed": defaults or inherits."""

    reset: bool | None
    remove_data: bool | None
    server_mode: bool
    #: A server to attach to (``server_port`` / ``server_endpoint``), if any.
    attach: ServerAddress | None
    auto_endpoint: AutoEndpointMode | None
    #: Moto's ``config``, as canonical JSON so two contexts can be compared.
    config: str | None
    ignore_configured_endpoint_urls: bool = False

    @property
    def attaching(self) -> bool:
        return self.attach is not None

    def outermost_reset(self) -> bool:
        """``reset`` when this context creates the activation.

        Defaults to ``True`` for a backend aiomoto owns and to ``False`` when
        attaching to a server someone else started: wiping it takes an
        explicit ``reset=True``.
        """
        return self.reset if self.reset is not None else not self.attaching

    def outermost_remove_data(self) -> bool:
        """``remove_data`` if this context closes an activation it created."""
        if self.remove_data is not None:
            return self.remove_data
        return not self.attaching

    def remove_data_of(self, backend: Backend) -> bool:
        """``remove_data`` when this context is the last to leave ``backend``.

        Not passed, it follows the backend, not the context: a context that
        did not attach but is the last to leave an attached backend (an
        in-process test inside a session attached to a CI server) must not
        wipe it either.
        """
        if self.remove_data is not None:
            return self.remove_data
        return backend.kind == "local"

    def moto_config(self) -> dict[str, Any] | None:
        loaded: dict[str, Any] | None = (
            json.loads(self.config) if self.config is not None else None
        )
        return loaded


def build(
    *,
    reset: bool | None = None,
    remove_data: bool | None = None,
    server_mode: bool = False,
    server_port: int | None = None,
    server_endpoint: str | None = None,
    auto_endpoint: AutoEndpointMode | str | None = None,
    config: Mapping[str, Any] | None = None,
    ignore_configured_endpoint_urls: bool = False,
) -> Options:
    flags = (
        ("reset", reset),
        ("remove_data", remove_data),
        ("ignore_configured_endpoint_urls", ignore_configured_endpoint_urls),
    )
    for name, flag in flags:
        if flag is not None and not isinstance(flag, bool):
            raise ConfigurationError(
                f"{name}={flag!r} is not a bool: pass True or False (or leave it "
                "out for the default)."
            )
    attach = _attach_address(server_port, server_endpoint, server_mode=server_mode)
    if attach is not None and config is not None:
        raise ConfigurationError(
            "config= configures Moto in this process, but this context attaches "
            f"to the server at {attach.endpoint}, whose Moto has its own "
            "configuration. Configure that server, or drop config=."
        )
    return Options(
        reset=reset,
        remove_data=remove_data,
        server_mode=server_mode,
        attach=attach,
        auto_endpoint=_auto_endpoint_mode(auto_endpoint, server_mode=server_mode),
        config=_canonical_config(config),
        ignore_configured_endpoint_urls=ignore_configured_endpoint_urls,
    )


def _attach_address(
    port: int | None, endpoint: str | None, *, server_mode: bool
) -> ServerAddress | None:
    if port is None and endpoint is None:
        return None
    given = f"server_port={port}" if endpoint is None else "server_endpoint"
    if not server_mode:
        raise ServerPortError(
            f"{given} needs server_mode=True: in-process mode has no server. "
            f"Pass server_mode=True to attach to that server, or drop {given}."
        )
    if port is not None:
        _check_port(port)
    if endpoint is None:
        assert port is not None
        return ServerAddress(LOOPBACK, port)
    address = _parse_endpoint(endpoint)
    if port is not None and port != address.port:
        raise ServerPortError(
            f"server_port={port} and server_endpoint={endpoint!r} name different "
            "ports: pass one of them."
        )
    return address


def _check_port(port: object) -> None:
    if isinstance(port, bool) or not isinstance(port, int) or not 0 < port < 65536:
        raise ServerPortError(
            f"server_port={port!r} is not a TCP port: give an int from 1 to "
            "65535, or leave it out to start a server on a free port."
        )


def _parse_endpoint(endpoint: object) -> ServerAddress:
    def refuse(why: str) -> ServerPortError:
        return ServerPortError(
            f"server_endpoint={endpoint!r} {why}: give the base URL of a running "
            'Moto server, such as "http://127.0.0.1:5000" or "http://moto:5000".'
        )

    if not isinstance(endpoint, str):
        raise refuse("is not a string")
    try:
        parts = urlsplit(endpoint)
        port = parts.port
    except ValueError as bad:
        raise refuse(f"is not a URL ({bad})") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise refuse("is not an http:// or https:// URL with a host")
    if parts.path.strip("/") or parts.query or parts.fragment:
        raise refuse("has a path or query")
    if parts.username or parts.password:
        raise refuse("carries credentials")
    if port is None:
        port = 443 if parts.scheme == "https" else 80
    return ServerAddress(parts.hostname, port, parts.scheme)


def _auto_endpoint_mode(
    value: AutoEndpointMode | str | None, *, server_mode: bool
) -> AutoEndpointMode | None:
    if value is None:
        return None
    try:
        mode = AutoEndpointMode(value)
    except ValueError:
        choices = ", ".join(repr(m.value) for m in AutoEndpointMode)
        raise AutoEndpointError(
            f"auto_endpoint={value!r} is not a known mode; use one of {choices} "
            "or an AutoEndpointMode member."
        ) from None
    if mode is not AutoEndpointMode.DISABLED and not server_mode:
        raise AutoEndpointError(
            f"auto_endpoint={mode.value!r} needs server_mode=True: in-process "
            "mode has no server to point clients at. Pass server_mode=True, or "
            "drop auto_endpoint (or use AutoEndpointMode.DISABLED)."
        )
    return mode


def _canonical_config(config: Mapping[str, Any] | None) -> str | None:
    if config is None:
        return None
    if not isinstance(config, Mapping):
        raise ConfigurationError(
            f"config={config!r} is not a mapping: pass Moto's configuration as "
            'a dict, e.g. config={"lambda": {"use_docker": False}}.'
        )
    try:
        return json.dumps(config, sort_keys=True)
    except (TypeError, ValueError) as bad:
        raise ConfigurationError(
            f"config={config!r} is not plain data ({bad}): Moto's configuration "
            "is nested dicts of str, bool and numbers."
        ) from None
