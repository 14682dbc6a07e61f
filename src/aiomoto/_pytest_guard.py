"""The guard behind ``--aiomoto-block-unmocked``: no AWS request outside a mock.

For the whole session it wraps ``_do_get_response`` of botocore's
``Endpoint`` and aiobotocore's ``AioEndpoint``: the step that sends a signed
request, where the operation is still known. A request goes on when

- an aiomoto ``mock_aws`` context is active (aiomoto's own doors then wrap
  these same methods and serve or route the request),
- Moto's own mock is active (``moto.mock_aws``: its ``before-send`` stubber
  is enabled, and it answers), or
- its host is a loopback address (``localhost``, ``127.0.0.0/8``, ``::1``):
  that cannot reach AWS, and a test that started its own server there
  (``moto_server``, LocalStack) means it.

Any other request raises :class:`aiomoto.pytest_plugin.UnmockedRequestError`
naming the test (and its phase), the operation and the URL, before a socket
opens. A test that
catches the error fails all the same: every blocked request is recorded, and
a phase (setup, call or teardown) that blocked one and passed fails after it.
Installed only when the option is on; the session's end removes it.
"""

from __future__ import annotations

import ipaddress
import sys
from collections.abc import Callable, Generator
from contextlib import ExitStack
from typing import Any
from urllib.parse import urlsplit

import pytest

from aiomoto import _lifecycle
from aiomoto._patching import patched
from aiomoto.pytest_plugin import UnmockedRequestError


class UnmockedRequestGuard:
    """The patches, and the pytest hooks that know which test is running."""

    def __init__(self) -> None:
        self._test: str | None = None
        self._blocked: list[UnmockedRequestError] = []

    def install(self) -> Callable[[], None]:
        """Wrap both endpoints; return the function that unwraps them."""
        from aiobotocore.endpoint import AioEndpoint
        from botocore.endpoint import Endpoint

        sync_original = vars(Endpoint)["_do_get_response"]
        async_original = vars(AioEndpoint)["_do_get_response"]
        guard = self

        def _do_get_response(
            self: Endpoint, request: Any, operation_model: Any, context: Any
        ) -> Any:
            __tracebackhide__ = True
            guard.check(request, operation_model)
            return sync_original(self, request, operation_model, context)

        async def _async_do_get_response(
            self: AioEndpoint, request: Any, operation_model: Any, context: Any
        ) -> Any:
            __tracebackhide__ = True
            guard.check(request, operation_model)
            return await async_original(self, request, operation_model, context)

        stack = ExitStack()
        stack.enter_context(patched(Endpoint, "_do_get_response", _do_get_response))
        stack.enter_context(
            patched(AioEndpoint, "_do_get_response", _async_do_get_response)
        )
        return stack.close

    def check(self, request: Any, operation_model: Any) -> None:
        __tracebackhide__ = True
        url: str = request.url or ""
        if _lifecycle.depth() > 0 or _moto_mock_active() or _is_loopback(url):
            return
        service = operation_model.service_model.service_name
        error = UnmockedRequestError(
            f"{service}.{operation_model.name}",
            request.method or "GET",
            url,
            self._test,
        )
        self._blocked.append(error)
        raise error

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_setup(self, item: pytest.Item) -> Generator[None, None, None]:
        __tracebackhide__ = True
        return (yield from self._phase(item, "setup"))

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_call(self, item: pytest.Item) -> Generator[None, None, None]:
        __tracebackhide__ = True
        return (yield from self._phase(item, "call"))

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_teardown(self, item: pytest.Item) -> Generator[None, None, None]:
        __tracebackhide__ = True
        return (yield from self._phase(item, "teardown"))

    def _phase(self, item: pytest.Item, phase: str) -> Generator[None, None, None]:
        __tracebackhide__ = True
        test = f"{item.nodeid} ({phase})"
        self._test, self._blocked = test, []
        try:
            yield
        finally:
            self._test = None
        if self._blocked:
            first = self._blocked[0]
            raise UnmockedRequestError(
                first.operation,
                first.method,
                first.url,
                test,
                caught=len(self._blocked),
            )


def _moto_mock_active() -> bool:
    """Whether ``moto.mock_aws`` is active (without importing Moto)."""
    models = sys.modules.get("moto.core.models")
    stubber = getattr(models, "botocore_stubber", None)
    return bool(getattr(stubber, "enabled", False))


def _is_loopback(url: str) -> bool:
    host = urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
