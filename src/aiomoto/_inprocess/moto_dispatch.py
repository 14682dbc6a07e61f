"""Two lookups Moto's dispatcher repeats on every request, done once per context.

For each request it serves in-process, Moto

- asks the matched backend for ``backend.urls``: a dict from URL regex to
  handler, rebuilt from the backend's ``urls`` module on every call. The S3
  backend even *reloads* ``moto.s3.urls`` (twice per request) so that a change
  to ``MOTO_S3_CUSTOM_ENDPOINTS`` is seen: about a tenth of an S3 round trip;
- lists the response class's methods with ``inspect.getmembers`` to check
  that the action exists (``method_names_from_class``): about a twentieth of a
  DynamoDB round trip.

While aiomoto is active both answer from tables kept for the length of the
outermost context. A URL table is keyed by the backend's class and by the two
settings it depends on (``MOTO_S3_CUSTOM_ENDPOINTS`` and
``MOTO_ENABLE_ISO_REGIONS``, read through Moto's own ``settings``); a method
list is keyed by the class and the attribute names of every class in its
MRO, so a method added, removed or renamed during the context is seen (a
count would miss one name swapped for another). A changed key
is rebuilt by Moto's own code, exactly when Moto would have built a different
answer. Sync boto3 clients go through the same dispatcher, so they get faster
under aiomoto too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import moto.core.responses
from moto import settings
from moto.core.base_backend import BaseBackend

from aiomoto._patching import patched

UrlTable = dict[str, Callable[..., Any]]


@contextmanager
def looked_up_once_per_context() -> Iterator[None]:
    with _url_tables_kept(), _method_names_kept():
        yield


@contextmanager
def _url_tables_kept() -> Iterator[None]:
    build: Callable[[BaseBackend], UrlTable] = vars(BaseBackend)["urls"].fget
    tables: dict[tuple[type, tuple[str, ...], bool], UrlTable] = {}

    def urls(self: BaseBackend) -> UrlTable:
        key = (
            type(self),
            tuple(settings.get_s3_custom_endpoints()),
            settings.enable_iso_regions(),
        )
        table = tables.get(key)
        if table is None:
            table = tables[key] = build(self)
        return table

    kept = property(urls, doc=BaseBackend.urls.__doc__)
    with patched(BaseBackend, "urls", kept):
        yield


@contextmanager
def _method_names_kept() -> Iterator[None]:
    list_names: Callable[[object], list[str]] = vars(moto.core.responses)[
        "method_names_from_class"
    ]
    lists: dict[tuple[type, tuple[tuple[str, ...], ...]], list[str]] = {}

    def key(clazz: Any) -> tuple[type, tuple[tuple[str, ...], ...]]:
        return (clazz, tuple(tuple(vars(c)) for c in clazz.__mro__))

    def method_names_from_class(clazz: Any) -> list[str]:
        names = lists.get(key(clazz))
        if names is None:
            names = list_names(clazz)
            # Listing can add to a class (its lazy __annotations__): key after.
            lists[key(clazz)] = names
        return names

    with patched(
        moto.core.responses, "method_names_from_class", method_names_from_class
    ):
        yield
