"""The only place where aiomoto changes process state.

One activation serves the whole process: a depth counter behind a
``threading.Lock``. The 0→1 enter installs everything (resetting Moto's
backends when the outermost context asks for it) inside one ``ExitStack``; the
1→0 exit unwinds that stack (removing Moto's data when the outermost context
asks for it). Inner enters and exits only move the counter, so their ``reset``
and ``remove_data`` flags have no effect, and contexts may exit in any order.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field

from aiomoto.exceptions import NotActiveError


@dataclass
class _Activation:
    stack: ExitStack
    #: Read by the Moto installer when the stack unwinds; set by the last exit.
    remove_data: bool = True
    depth: int = field(default=1)


_lock = threading.Lock()
_active: _Activation | None = None


def depth() -> int:
    """How many ``mock_aws`` contexts are open in this process."""
    return _active.depth if _active is not None else 0


def enter(*, reset: bool) -> None:
    global _active
    with _lock:
        if _active is not None:
            _active.depth += 1
            return
        stack = ExitStack()
        activation = _Activation(stack)
        try:
            stack.enter_context(_moto_backends(activation, reset=reset))
            stack.enter_context(_async_clients())
        except BaseException:
            stack.close()
            raise
        _active = activation


def exit_(*, remove_data: bool) -> None:
    global _active
    with _lock:
        activation = _active
        if activation is None:
            raise NotActiveError(
                "stop() was called but no mock_aws context is active: every "
                "stop() must follow a start() (or use `with mock_aws():`, "
                "which pairs them for you)."
            )
        activation.depth -= 1
        if activation.depth:
            return
        _active = None
        activation.remove_data = remove_data
        activation.stack.close()


@contextmanager
def _moto_backends(activation: _Activation, *, reset: bool) -> Iterator[None]:
    """Moto's own in-process mock: backends, the sync stubber, fake credentials."""
    from moto.core.models import MockAWS

    mock = MockAWS()
    mock.start(reset=reset)
    try:
        yield
    finally:
        mock.stop(remove_data=activation.remove_data)


@contextmanager
def _async_clients() -> Iterator[None]:
    from aiomoto._inprocess import serving_async_clients

    with serving_async_clients():
        yield
