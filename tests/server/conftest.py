"""Server-mode fixtures: a Moto server that aiomoto's activation did not start."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from aiomoto._options import ServerAddress
from aiomoto._server.process import LocalMotoServer, reset_remote


@pytest.fixture
def foreign_server() -> Iterator[ServerAddress]:
    """A Moto server the test started itself, as another tool or process would.

    It runs in this process (so it is cheap), but aiomoto did not start it:
    a context that attaches to it treats its backend as remote.
    """
    server = LocalMotoServer()
    try:
        reset_remote(server.address)
        yield server.address
    finally:
        reset_remote(server.address)
        server.stop()
