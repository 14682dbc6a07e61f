"""``mock_aws(ignore_configured_endpoint_urls=True)``: botocore's own switch, on.

botocore reads ``AWS_IGNORE_CONFIGURED_ENDPOINT_URLS`` when a client is
created; while it is true, the client ignores the endpoint URLs configured in
the environment (``AWS_ENDPOINT_URL``, ``AWS_ENDPOINT_URL_<SERVICE>``) and in
the AWS config file, and keeps its AWS URL, which Moto serves. The variable is
set for the context's duration and restored exactly on exit, so it applies to
every client created inside the context (whatever session it comes from),
not to clients created before. An ``endpoint_url`` passed to the client is
never ignored.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from aiomoto._server.environment import environment_set

VARIABLE = "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"


@contextmanager
def ignored() -> Iterator[None]:
    with environment_set({VARIABLE: "true"}):
        yield
