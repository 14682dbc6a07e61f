"""The only place where aiomoto changes process state.

One activation serves the whole process, behind a ``threading.Lock``. The
first enter creates it: it chooses the backend (local: Moto's backends in
this process; remote: a Moto server someone else started, when the context
attaches) and enters each door's installer into one ``ExitStack``. Later
enters join it; the last exit closes it, with the outermost context's
``remove_data`` as the argument of closing. Contexts may exit in any order.

Doors (see ``shared/design/one-backend.md``):

- in-process (aiobotocore's and botocore's endpoints, Moto's stubber): on a
  local backend they serve every client whose URL is an AWS URL; on a remote
  one they block such requests, since the backend is elsewhere;
- endpoint (server mode): a real HTTP endpoint on the backend and endpoint
  injection. On a local backend it opens with the first server-mode context
  entered and closes when the last one exits (the backend lives on); on a
  remote backend it is the remote server, open for the whole activation.

Nested contexts join whatever the order of modes; only a true conflict (a
second backend or endpoint, another explicit ``auto_endpoint``, another Moto
``config``) is refused, before anything changes.
"""

from __future__ import annotations

import threading
from collections import Counter
from contextlib import AbstractContextManager, ExitStack
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from aiomoto import _routing, _versions
from aiomoto._options import AutoEndpointMode, Options
from aiomoto.exceptions import ModeConflictError, NotActiveError

if TYPE_CHECKING:
    from aiomoto._backend import Backend
    from aiomoto._server import Endpoint


@dataclass(eq=False)
class Activation:
    """The process-wide state of the active mock: a backend and its doors."""

    backend: Backend
    config: str | None
    ignore_configured_endpoint_urls: bool
    doors: ExitStack
    endpoint: Endpoint | None = None
    #: The local endpoint door's own stack while it is open (closed early
    #: when the last server-mode context exits).
    endpoint_stack: ExitStack | None = None
    server_contexts: int = 0
    depth: int = 0
    #: How many times each context object (by id) is entered.
    entered: Counter[int] = field(default_factory=Counter)

    @property
    def auto_endpoint(self) -> AutoEndpointMode:
        """The injection mode in force: the endpoint door's, else none."""
        return self.endpoint.mode if self.endpoint else AutoEndpointMode.DISABLED

    def close(self, *, remove_data: bool) -> None:
        try:
            self.doors.close()
        finally:
            self.backend.close(remove_data=remove_data)


_lock = threading.Lock()
_active: Activation | None = None


def depth() -> int:
    """How many ``mock_aws`` contexts are open in this process."""
    return _active.depth if _active is not None else 0


def activation_of(context: object) -> Activation | None:
    """The activation ``context`` is entered in, if it is entered at all."""
    active = _active
    if active is not None and active.entered[id(context)] > 0:
        return active
    return None


def enter(context: object, options: Options) -> Activation:
    global _active
    with _lock:
        created = _active is None
        activation = _open(options) if _active is None else _active
        try:
            if not created:
                _check_joinable(activation, options)
            if options.server_mode:
                _open_endpoint_if_closed(activation, options)
                activation.server_contexts += 1
        except BaseException:
            if created:
                activation.close(remove_data=False)
            raise
        activation.depth += 1
        activation.entered[id(context)] += 1
        _active = activation
        return activation


def exit_(context: object, options: Options) -> None:
    global _active
    with _lock:
        activation = _active
        if activation is None or activation.entered[id(context)] == 0:
            raise NotActiveError(
                "stop() was called on a mock_aws context that is not active: "
                "every stop() must follow a start() of the same context (or use "
                "`with mock_aws():`, which pairs them for you)."
            )
        activation.entered[id(context)] -= 1
        if activation.entered[id(context)] == 0:
            del activation.entered[id(context)]
        activation.depth -= 1
        if options.server_mode:
            activation.server_contexts -= 1
        if activation.depth == 0:
            _active = None
            activation.close(remove_data=options.remove_data_of(activation.backend))
        elif activation.server_contexts == 0:
            _close_endpoint(activation)


def reset() -> None:
    """Empty the active backend, local or attached, now."""
    with _lock:
        if _active is None:
            raise NotActiveError(
                "aiomoto.reset() empties the active mock's backend, but no "
                "mock_aws context is active: call it inside one."
            )
        _active.backend.reset()


def _open(options: Options) -> Activation:
    """Choose the backend and open its doors: all of them, or none."""
    from aiomoto._backend import LocalBackend, RemoteBackend
    from aiomoto._inprocess import doors
    from aiomoto._integrations.s3fs import fresh_filesystems

    _versions.check_once()
    backend: Backend
    if options.attach is not None:
        backend = RemoteBackend(options.attach, reset=options.outermost_reset())
    else:
        backend = LocalBackend(
            reset=options.outermost_reset(), config=options.moto_config()
        )
    activation = Activation(
        backend, options.config, options.ignore_configured_endpoint_urls, ExitStack()
    )
    try:
        if options.ignore_configured_endpoint_urls:
            from aiomoto._inprocess.configured_endpoints import ignored

            activation.doors.enter_context(ignored())
        remote = options.attach.endpoint if options.attach else None
        activation.doors.enter_context(fresh_filesystems())
        activation.doors.enter_context(_routing.backend_routing(remote))
        for door in doors(local=remote is None):
            activation.doors.enter_context(door)
        if remote is None:
            # A local endpoint door still open at the end closes first.
            activation.doors.callback(_close_endpoint, activation)
        else:
            # The remote server is the endpoint for the activation's whole life.
            activation.endpoint = activation.doors.enter_context(
                _endpoint_door(activation, options)
            )
    except BaseException:
        activation.close(remove_data=False)
        raise
    return activation


def _open_endpoint_if_closed(activation: Activation, options: Options) -> None:
    if activation.endpoint is not None:
        return
    stack = ExitStack()
    try:
        activation.endpoint = stack.enter_context(_endpoint_door(activation, options))
    except BaseException:
        stack.close()
        raise
    activation.endpoint_stack = stack


def _close_endpoint(activation: Activation) -> None:
    """Close a local endpoint door if open (a remote one has no own stack)."""
    stack, activation.endpoint_stack = activation.endpoint_stack, None
    if stack is not None:
        activation.endpoint = None
        stack.close()


def _endpoint_door(
    activation: Activation, options: Options
) -> AbstractContextManager[Endpoint]:
    from aiomoto._server import endpoint_door

    mode = options.auto_endpoint or AutoEndpointMode.FORCE
    return endpoint_door(activation.backend, mode=mode)


def _check_joinable(activation: Activation, options: Options) -> None:
    """Refuse, before anything changes, what the active mock cannot share."""
    backend = activation.backend
    if options.attach is not None:
        wanted = options.attach.endpoint
        if backend.kind == "remote":
            if options.attach != backend.address:
                raise _conflict(
                    f"asks for the Moto server at {wanted}, but the active one is "
                    f"attached to {backend.address.endpoint}",
                    "Drop server_port/server_endpoint to share the active server.",
                )
        elif (
            activation.endpoint is None or options.attach != activation.endpoint.address
        ):
            running = (
                f"serves a local backend through {activation.endpoint.address.endpoint}"
                if activation.endpoint is not None
                else "serves a local backend in this process"
            )
            raise _conflict(
                f"asks to attach to the Moto server at {wanted}, but the active "
                f"one {running}; one mock cannot use two backends",
                "Drop server_port/server_endpoint to share the active backend, "
                "or exit the active context first.",
            )
    if options.auto_endpoint is not None and (
        activation.endpoint is not None or not options.server_mode
    ):
        active_mode = activation.auto_endpoint
        if options.auto_endpoint is not active_mode:
            raise _conflict(
                f"passes auto_endpoint={options.auto_endpoint.value!r}, but the "
                f"active one injects with {active_mode.value!r}",
                "Drop auto_endpoint to inherit the active mode, or pass the same.",
            )
    if (
        options.ignore_configured_endpoint_urls
        and not activation.ignore_configured_endpoint_urls
    ):
        raise _conflict(
            "asks for ignore_configured_endpoint_urls=True, but the active one "
            "did not, and clients are already being created under it",
            "Pass ignore_configured_endpoint_urls=True to the outermost context.",
        )
    if options.config is not None and options.config != activation.config:
        raise _conflict(
            "passes a Moto config= that differs from the active context's "
            f"({activation.config or 'none'})",
            "Pass config= on the outermost context only (Moto's configuration "
            "is process-wide), or the same config on both.",
        )


def _conflict(what: str, fix: str) -> ModeConflictError:
    return ModeConflictError(
        f"This mock_aws context {what}. Nested contexts share one backend and "
        f"one endpoint. {fix}"
    )
