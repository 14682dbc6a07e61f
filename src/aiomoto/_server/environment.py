"""The process environment inside a server-mode context, restored exactly on exit.

Clients need credentials and a region even against a local server; when the
environment has none, fake ones are provided. Tools that do not go through
botocore (polars' object_store, pyarrow, subprocesses) find the server
through ``AWS_ENDPOINT_URL`` and ``AWS_ALLOW_HTTP``, which are set unless
``auto_endpoint`` is ``DISABLED``.
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
ENDPOINT_VARIABLE = "AWS_ENDPOINT_URL"


def planned_changes(endpoint: str, *, inject: bool) -> dict[str, str]:
    """The variables to set, given what the environment already has.

    Each missing credential is filled on its own (a key without a secret is
    as unusable as no key). When injecting, ``AWS_ENDPOINT_URL`` and every
    ``AWS_ENDPOINT_URL_<SERVICE>`` already set point at the server: ambient
    configuration is not an explicit endpoint, so every tool follows the
    same rule as botocore clients (``FORCE`` and ``IF_MISSING`` alike).
    """
    changes = {
        name: value
        for name, value in FAKE_CREDENTIALS.items()
        if not os.environ.get(name)
    }
    if "AWS_DEFAULT_REGION" not in os.environ:
        # botocore reads only AWS_DEFAULT_REGION; follow AWS_REGION if set.
        changes["AWS_DEFAULT_REGION"] = os.environ.get("AWS_REGION") or DEFAULT_REGION
    if inject:
        changes[ENDPOINT_VARIABLE] = endpoint
        changes["AWS_ALLOW_HTTP"] = "true"
        for name in os.environ:
            if name.startswith(ENDPOINT_VARIABLE + "_"):
                changes[name] = endpoint
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
