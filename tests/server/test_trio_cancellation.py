"""Under trio, a task cancelled while a server-mode context starts leaves nothing.

Outside asyncio the start runs in one of anyio's worker threads, which a
cancellation does not abandon: the start finishes there, and is then undone
before the cancellation goes on.
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import anyio
import anyio.lowlevel
import anyio.to_thread
import pytest

from aiomoto import _lifecycle, mock_aws
from tests.server.probes import hold_server_start, port_is_released, registry_files

pytestmark = [
    pytest.mark.anyio,
    pytest.mark.parametrize(
        "anyio_backend",
        [
            pytest.param(
                "trio",
                marks=pytest.mark.skipif(
                    importlib.util.find_spec("trio") is None,
                    reason="trio is installed in the 'latest' matrix cell only",
                ),
            )
        ],
    ),
]


async def test_a_trio_task_cancelled_while_entering_stops_the_server_it_started(
    registry_dir: Path, monkeypatch: pytest.MonkeyPatch, anyio_backend: str
) -> None:
    env = dict(os.environ)
    held = hold_server_start(monkeypatch)
    body_ran = False

    async def enter() -> None:
        nonlocal body_ran
        async with mock_aws(server_mode=True):
            body_ran = True

    with anyio.CancelScope() as scope:
        async with anyio.create_task_group() as tasks:
            tasks.start_soon(enter)
            assert await anyio.to_thread.run_sync(held.starting.wait, 60)
            scope.cancel()
            held.proceed.set()  # the start finishes in its thread, then is undone
    assert scope.cancelled_caught
    assert not body_ran
    [(_, port)] = held.written
    assert _lifecycle.depth() == 0
    assert port_is_released(port)
    assert registry_files(registry_dir) == []
    assert {k: v for k, v in os.environ.items() if k != "PYTEST_CURRENT_TEST"} == {
        k: v for k, v in env.items() if k != "PYTEST_CURRENT_TEST"
    }


async def test_a_trio_task_cancelled_inside_the_body_still_stops_the_server(
    registry_dir: Path, anyio_backend: str
) -> None:
    ports: list[int] = []
    with anyio.CancelScope() as scope:
        async with mock_aws(server_mode=True) as ctx:
            ports.append(ctx.server_port)
            scope.cancel()
            await anyio.lowlevel.checkpoint()  # the cancellation lands here
    assert scope.cancelled_caught
    assert _lifecycle.depth() == 0
    assert port_is_released(ports[0])
    assert registry_files(registry_dir) == []
