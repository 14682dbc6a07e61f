"""The process environment inside a server-mode context, restored exactly on exit.

Clients need credentials and a region even against a local server; when the
environment has none, fake ones are provided. Tools that do not go through
botocore (polars' object_store, for one) find the server through
``AWS_ENDPOINT_URL`` and ``AWS_ALLOW_HTTP``, which are set according to the
``auto_endpoint`` mode.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager

FAKE_CREDENTIALS = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
}
DEFAULT_REGION = "us-east-1"


def planned_changes(endpoint: str, *, force: bool, inject: bool) -> dict[str, str]:
    """The variables to set, given what the environment already has."""
    changes: dict[str, str] = {}
    if "AWS_ACCESS_KEY_ID" not in os.environ:
        changes.update(FAKE_CREDENTIALS)
    if "AWS_DEFAULT_REGION" not in os.environ and "AWS_REGION" not in os.environ:
        changes["AWS_DEFAULT_REGION"] = DEFAULT_REGION
    if inject and (force or "AWS_ENDPOINT_URL" not in os.environ):
        changes["AWS_ENDPOINT_URL"] = endpoint
        changes["AWS_ALLOW_HTTP"] = "true"
    return changes


@contextmanager
def environment_set(changes: Mapping[str, str]) -> Iterator[None]:
    saved = {name: os.environ.get(name) for name in changes}
    os.environ.update(changes)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
