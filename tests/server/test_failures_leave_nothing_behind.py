"""An exception or a cancellation inside server mode leaves nothing behind.

Nothing means: no context active, the server's port released, its registry
file removed, the environment as it was and no endpoint injected.
"""

from __future__ import annotations

import asyncio
import os
import threading
from contextlib import closing
from pathlib import Path

import boto3
import pytest

from aiomoto import _lifecycle, mock_aws
from aiomoto._server import registry
from aiomoto._server.process import LocalMotoServer
from tests.server.probes import hold_server_start, port_is_released, registry_files

pytestmark = pytest.mark.anyio


class BodyError(Exception):
    pass


def assert_nothing_left(port: int, registry_dir: Path, env: dict[str, str]) -> None:
    assert _lifecycle.depth() == 0
    assert port_is_released(port)
    assert registry_files(registry_dir) == []
    assert dict(os.environ) == env
    with closing(boto3.client("s3", region_name="us-east-1")) as s3:
        assert s3.meta.endpoint_url == "https://s3.amazonaws.com"


def test_an_exception_in_a_with_body_stops_the_server(registry_dir: Path) -> None:
    env = dict(os.environ)
    ports: list[int | None] = []

    def body() -> None:
        with mock_aws(server_mode=True) as ctx:
            ports.append(ctx.server_port)
            assert registry_files(registry_dir) == [ctx.server_registry_path]
            raise BodyError

    with pytest.raises(BodyError):
        body()
    [port] = ports
    assert port is not None
    assert_nothing_left(port, registry_dir, env)


def test_an_exception_in_a_nested_body_stops_the_server_once(
    registry_dir: Path,
) -> None:
    env = dict(os.environ)
    ports: list[int | None] = []

    def body() -> None:
        with mock_aws(server_mode=True) as ctx:
            ports.append(ctx.server_port)
            with mock_aws(server_mode=True, server_port=ctx.server_port):
                raise BodyError

    with pytest.raises(BodyError):
        body()
    [port] = ports
    assert port is not None
    assert_nothing_left(port, registry_dir, env)


async def test_an_exception_in_an_async_with_body_stops_the_server(
    registry_dir: Path,
) -> None:
    env = dict(os.environ)
    ports: list[int | None] = []

    async def body() -> None:
        async with mock_aws(server_mode=True) as ctx:
            ports.append(ctx.server_port)
            raise BodyError

    with pytest.raises(BodyError):
        await body()
    [port] = ports
    assert port is not None
    assert_nothing_left(port, registry_dir, env)


async def test_a_task_cancelled_inside_async_with_stops_the_server(
    registry_dir: Path,
) -> None:
    env = dict(os.environ)
    entered = asyncio.Event()
    ports: list[int] = []

    async def body() -> None:
        async with mock_aws(server_mode=True) as ctx:
            assert ctx.server_port is not None
            ports.append(ctx.server_port)
            entered.set()
            await asyncio.Event().wait()  # until cancelled

    task = asyncio.create_task(body())
    await entered.wait()
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert_nothing_left(ports[0], registry_dir, env)


async def test_a_task_cancelled_while_entering_stops_the_server_it_was_starting(
    registry_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    env = dict(os.environ)
    held = hold_server_start(monkeypatch)
    removed: list[Path] = []
    remove = registry.remove

    undone = threading.Event()
    stop = LocalMotoServer.stop

    def recorded_remove(path: Path) -> None:
        remove(path)
        removed.append(path)

    def recorded_stop(server: LocalMotoServer) -> None:
        stop(server)
        undone.set()  # the last step of the undo: the server is stopped

    monkeypatch.setattr(registry, "remove", recorded_remove)
    monkeypatch.setattr(LocalMotoServer, "stop", recorded_stop)
    body_ran = False

    async def body() -> None:
        nonlocal body_ran
        async with mock_aws(server_mode=True):
            body_ran = True

    task = asyncio.create_task(body())
    assert await asyncio.to_thread(held.starting.wait, 60)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert not body_ran
    held.proceed.set()  # the start now finishes in its thread, and is then undone
    assert await asyncio.to_thread(undone.wait, 60)
    [(path, port)] = held.written
    assert removed == [path]
    assert_nothing_left(port, registry_dir, env)
