"""Run a callable of any kind inside a context, for the whole of its body.

A coroutine function is wrapped in an ``async def`` that awaits it inside
``async with``; generator and async-generator functions (pytest yield
fixtures) keep the context open until the generator finishes, delegating
``send``/``throw``/``close``; a ``unittest.TestCase`` subclass runs each test
(``setUp``, the test method and ``tearDown``) inside the context; any other
class has its ``test*`` methods wrapped, and stays inside the context from
``setup_method`` to ``teardown_method``, as ``moto.mock_aws`` covers them.
The wrapper keeps the wrapped function's name, docstring, signature and
sync/async nature.
"""

from __future__ import annotations

import functools
import inspect
import unittest
from collections.abc import AsyncGenerator, Callable, Generator
from contextlib import AbstractAsyncContextManager, AbstractContextManager
from typing import Any, Protocol, TypeVar, cast

from aiomoto.exceptions import NotDecoratableError

T = TypeVar("T")


class SyncAndAsyncContext(
    AbstractContextManager[Any], AbstractAsyncContextManager[Any], Protocol
):
    """What a decorator needs of the context it enters."""


def decorate(context: SyncAndAsyncContext, target: T) -> T:
    if inspect.isclass(target):
        return cast(T, _decorate_class(context, target))
    if not callable(target):
        raise NotDecoratableError(
            f"mock_aws can decorate a function or a class, not {target!r}; "
            "to pass options, call it with keywords: @mock_aws(reset=False)."
        )
    return _decorate_function(context, target)  # type: ignore[return-value]


def _decorate_function(
    context: SyncAndAsyncContext, func: Callable[..., Any]
) -> Callable[..., Any]:
    wrapper: Callable[..., Any]
    if inspect.iscoroutinefunction(func):

        async def wrapper(*args: Any, **kwargs: Any) -> Any:
            async with context:
                return await func(*args, **kwargs)

    elif inspect.isasyncgenfunction(func):
        wrapper = _async_generator_wrapper(context, func)

    elif inspect.isgeneratorfunction(func):

        def wrapper(*args: Any, **kwargs: Any) -> Generator[Any, Any, Any]:
            with context:
                return (yield from func(*args, **kwargs))

    else:

        def wrapper(*args: Any, **kwargs: Any) -> Any:
            with context:
                return func(*args, **kwargs)

    return functools.wraps(func)(wrapper)


def _async_generator_wrapper(
    context: SyncAndAsyncContext, func: Callable[..., AsyncGenerator[Any, Any]]
) -> Callable[..., AsyncGenerator[Any, Any]]:
    async def wrapper(*args: Any, **kwargs: Any) -> AsyncGenerator[Any, Any]:
        async with context:
            inner = func(*args, **kwargs)
            try:
                item = await inner.__anext__()
            except StopAsyncIteration:
                return
            while True:
                try:
                    sent = yield item
                except GeneratorExit:
                    await inner.aclose()
                    raise
                except BaseException as error:
                    try:
                        item = await inner.athrow(error)
                    except StopAsyncIteration:
                        return
                else:
                    try:
                        item = await inner.asend(sent)
                    except StopAsyncIteration:
                        return

    return wrapper


def _decorate_class(context: SyncAndAsyncContext, cls: type[T]) -> type[T]:
    if issubclass(cls, unittest.TestCase):
        # run() drives setUp, the test, tearDown and cleanups; for
        # IsolatedAsyncioTestCase it also owns the event loop. Wrapping it puts
        # every test of the class, sync or async, inside the context.
        cls.run = _decorate_function(context, cls.run)  # type: ignore[method-assign]
        return cls
    prefix = unittest.TestLoader.testMethodPrefix
    for name in dir(cls):
        attribute = inspect.getattr_static(cls, name)
        if name.startswith(prefix) and inspect.isfunction(attribute):
            setattr(cls, name, _decorate_function(context, attribute))
    _enter_from_setup_to_teardown(context, cls)
    return cls


def _enter_from_setup_to_teardown(context: SyncAndAsyncContext, cls: type) -> None:
    """Keep the context entered from ``setup_method`` to ``teardown_method``.

    pytest calls them around each test of a plain class (with the test's
    method as argument); the test method's own wrapper then joins the same
    activation, so what ``setup_method`` created is there in the test and in
    ``teardown_method``, and nothing in the three reaches the network. A
    ``setup_method`` that fails leaves the context at once, since pytest
    then calls no ``teardown_method``.
    """
    setup = inspect.getattr_static(cls, "setup_method", None)
    teardown = inspect.getattr_static(cls, "teardown_method", None)

    def setup_method(self: Any, method: Any = None) -> None:
        context.__enter__()
        try:
            _call_with_optional_method(setup, self, method)
        except BaseException as error:
            context.__exit__(type(error), error, error.__traceback__)
            raise

    def teardown_method(self: Any, method: Any = None) -> None:
        try:
            _call_with_optional_method(teardown, self, method)
        finally:
            context.__exit__(None, None, None)

    for name, original, wrapper in (
        ("setup_method", setup, setup_method),
        ("teardown_method", teardown, teardown_method),
    ):
        if original is not None:
            functools.update_wrapper(wrapper, original)
        setattr(cls, name, wrapper)


def _call_with_optional_method(function: Any, instance: Any, method: Any) -> None:
    """Call a user's ``setup_method``/``teardown_method``, as pytest would."""
    if function is None:
        return
    bound = function.__get__(instance, type(instance))
    try:
        inspect.signature(bound).bind(method)
    except TypeError:
        bound()
    else:
        bound(method)
