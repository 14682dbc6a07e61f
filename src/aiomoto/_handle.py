"""Handles: what an entered context reports, read from the activation it joined.

``with mock_aws() as mock:`` gives an :class:`ActiveMock`;
``with mock_aws(server_mode=True) as server:`` an :class:`ActiveServer`, whose
server attributes are never ``None`` (a server-mode context keeps the
endpoint open while it is entered). A handle answers only while its context
is entered in the activation it joined; afterwards reading it raises
:class:`~aiomoto.exceptions.NotActiveError` rather than describe a server
that is gone.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Literal

from aiomoto import _lifecycle
from aiomoto.exceptions import NotActiveError

if TYPE_CHECKING:
    from aiomoto._server import Endpoint


class ActiveMock:
    """The active mock as one entered ``mock_aws`` context sees it."""

    __slots__ = ("_activation", "_context")

    def __init__(self, context: object, activation: _lifecycle.Activation) -> None:
        self._context = context
        self._activation = activation

    def _live(self) -> _lifecycle.Activation:
        if _lifecycle.activation_of(self._context) is not self._activation:
            raise NotActiveError(
                "This handle belongs to a mock_aws context that has exited; read "
                "it inside the `with` block, or keep the value you need."
            )
        return self._activation

    def _endpoint(self) -> Endpoint | None:
        return self._live().endpoint

    @property
    def backend(self) -> Literal["local", "remote"]:
        """``"local"`` (Moto in this process) or ``"remote"`` (attached)."""
        return self._live().backend.kind

    @property
    def server_endpoint(self) -> str | None:
        """The base URL of the Moto server, if the active mock has one open."""
        endpoint = self._endpoint()
        return endpoint.address.endpoint if endpoint else None

    @property
    def server_host(self) -> str | None:
        """The host of the Moto server, if the active mock has one open."""
        endpoint = self._endpoint()
        return endpoint.address.host if endpoint else None

    @property
    def server_port(self) -> int | None:
        """The port of the Moto server, if the active mock has one open."""
        endpoint = self._endpoint()
        return endpoint.address.port if endpoint else None

    @property
    def server_registry_path(self) -> Path | None:
        """The registry file of the server aiomoto started (``None`` if attached)."""
        endpoint = self._endpoint()
        return endpoint.registry_path if endpoint else None

    def __repr__(self) -> str:
        try:
            where = self.server_endpoint or "in-process"
        except NotActiveError:
            where = "exited"
        return f"<{type(self).__name__} {where}>"


class ActiveServer(ActiveMock):
    """The handle of an entered server-mode context: its endpoint is open."""

    __slots__ = ()

    def _open_endpoint(self) -> Endpoint:
        endpoint = self._endpoint()
        assert endpoint is not None, "a server-mode context keeps the endpoint open"
        return endpoint

    @property
    def server_endpoint(self) -> str:
        """The base URL of the Moto server, e.g. ``http://127.0.0.1:PORT``."""
        return self._open_endpoint().address.endpoint

    @property
    def server_host(self) -> str:
        """The host the Moto server is bound to (or attached at)."""
        return self._open_endpoint().address.host

    @property
    def server_port(self) -> int:
        """The port of the Moto server."""
        return self._open_endpoint().address.port
