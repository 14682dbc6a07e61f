"""Server faults: a dead or stuck server, an unusable registry, and where it binds.

A fault is made inside the real server: its werkzeug serve loop calls
``service_actions()`` after every request it accepts, so replacing that on the
running server's instance ends or blocks the loop as a bug or a stuck request
would. Every fault is reported by a named error, never a hang, and leaves
nothing behind.
"""

from __future__ import annotations

import os
import stat
import threading
from collections.abc import Callable, Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import boto3
import pytest
from aiobotocore.session import AioSession

import aiomoto._server
from aiomoto import (
    ServerDiedError,
    ServerNotRunningError,
    ServerRegistryError,
    ServerStopTimeoutError,
    _lifecycle,
    mock_aws,
)
from aiomoto._patching import live_patches
from aiomoto._server import process
from aiomoto._server.process import LocalMotoServer, _knock
from tests.server.probes import port_is_released, registry_files

pytestmark = pytest.mark.anyio


class InjectedFaultError(Exception):
    """What ends the server thread in these tests."""


@pytest.fixture
def servers(monkeypatch: pytest.MonkeyPatch) -> list[LocalMotoServer]:
    """Every server the endpoint door starts during the test, in order."""
    started: list[LocalMotoServer] = []

    class Recorded(LocalMotoServer):
        def __init__(self) -> None:
            super().__init__()
            started.append(self)

    monkeypatch.setattr(aiomoto._server, "LocalMotoServer", Recorded)
    return started


def serve_loop_calls(server: LocalMotoServer, action: Callable[[], object]) -> None:
    """Make the server's serve loop call ``action`` after its next request."""
    werkzeug_server: Any = server._server._server
    werkzeug_server.service_actions = action
    _knock(server.address)


def kill(server: LocalMotoServer) -> None:
    def fail() -> None:
        raise InjectedFaultError("the serve loop failed")

    serve_loop_calls(server, fail)
    server._thread.join(60)
    assert not server._thread.is_alive()


def assert_nothing_left(port: int, registry_dir: Path, env: dict[str, str]) -> None:
    assert _lifecycle.depth() == 0
    assert live_patches() == {}
    assert port_is_released(port)
    assert registry_files(registry_dir) == []
    assert environment() == env


def environment() -> dict[str, str]:
    """The process environment, less what pytest changes between test phases."""
    return {k: v for k, v in os.environ.items() if k != "PYTEST_CURRENT_TEST"}


@pytest.fixture
def env() -> dict[str, str]:
    return environment()


def test_a_dead_server_is_named_by_the_next_sync_request_and_not_again_at_exit(
    servers: list[LocalMotoServer], registry_dir: Path, env: dict[str, str]
) -> None:
    with mock_aws(server_mode=True) as ctx:
        port = ctx.server_port
        with closing(boto3.client("s3")) as s3:
            s3.create_bucket(Bucket="before")
            kill(servers[0])
            with pytest.raises(ServerDiedError) as raised:
                s3.list_buckets()
    assert isinstance(raised.value.__cause__, InjectedFaultError)
    message = str(raised.value)
    assert f"at http://127.0.0.1:{port} has stopped serving" in message
    assert "InjectedFaultError('the serve loop failed')" in message
    assert "exit the server-mode context" in message
    assert_nothing_left(port, registry_dir, env)


async def test_a_dead_server_is_named_by_the_next_async_request(
    servers: list[LocalMotoServer], registry_dir: Path, env: dict[str, str]
) -> None:
    async with mock_aws(server_mode=True) as ctx:
        port = ctx.server_port
        async with AioSession().create_client("s3") as s3:
            assert s3.meta.endpoint_url == ctx.server_endpoint
            kill(servers[0])
            with pytest.raises(ServerDiedError):
                await s3.list_buckets()
    assert_nothing_left(port, registry_dir, env)


def test_a_server_that_died_unnoticed_is_named_when_its_context_exits(
    servers: list[LocalMotoServer], registry_dir: Path, env: dict[str, str]
) -> None:
    with pytest.raises(ServerDiedError) as raised:  # noqa: PT012
        with mock_aws(server_mode=True) as ctx:
            port = ctx.server_port
            kill(servers[0])
    assert isinstance(raised.value.__cause__, InjectedFaultError)
    assert_nothing_left(port, registry_dir, env)


def test_a_dead_inner_server_is_named_when_the_inner_context_exits(
    servers: list[LocalMotoServer], registry_dir: Path, env: dict[str, str]
) -> None:
    with mock_aws():
        with pytest.raises(ServerDiedError):  # noqa: PT012
            with mock_aws(server_mode=True) as ctx:
                port = ctx.server_port
                kill(servers[0])
        assert _lifecycle.depth() == 1
        with closing(boto3.client("s3", region_name="us-east-1")) as s3:
            s3.create_bucket(Bucket="still-served-in-process")
    assert_nothing_left(port, registry_dir, env)


def test_a_server_thread_that_dies_before_serving_fails_the_start(
    monkeypatch: pytest.MonkeyPatch, registry_dir: Path, env: dict[str, str]
) -> None:
    import moto.moto_server.threaded_moto_server as threaded

    def no_socket(*args: object, **kwargs: object) -> None:
        raise OSError(24, "Too many open files")

    monkeypatch.setattr(threaded, "make_server", no_socket)
    threads = set(threading.enumerate())
    with pytest.raises(ServerNotRunningError, match="did not start") as raised:
        with mock_aws(server_mode=True):
            pass
    assert isinstance(raised.value.__cause__, OSError)
    assert set(threading.enumerate()) <= threads
    assert _lifecycle.depth() == 0
    assert live_patches() == {}
    assert registry_files(registry_dir) == []
    assert environment() == env


@pytest.fixture
def stuck(servers: list[LocalMotoServer]) -> Iterator[threading.Event]:
    """Blocks the serve loop when set off; releases it at the end of the test."""
    release = threading.Event()
    yield release
    release.set()
    for server in servers:
        server._thread.join(60)


def test_stopping_a_stuck_server_gives_up_at_the_deadline_with_a_named_error(
    servers: list[LocalMotoServer],
    stuck: threading.Event,
    monkeypatch: pytest.MonkeyPatch,
    registry_dir: Path,
    env: dict[str, str],
) -> None:
    monkeypatch.setattr(process, "STOP_TIMEOUT", 0.2)
    with pytest.raises(ServerStopTimeoutError) as raised:  # noqa: PT012
        with mock_aws(server_mode=True) as ctx:
            port = ctx.server_port
            blocked = threading.Event()

            def block() -> None:
                blocked.set()
                stuck.wait()

            serve_loop_calls(servers[0], block)
            # Stuck before the exit asks it to stop: a loop that saw the stop
            # request first would end without calling its actions.
            assert blocked.wait(60)
    assert "did not stop within 0.2 s" in str(raised.value)
    assert "daemon thread" in str(raised.value)
    assert _lifecycle.depth() == 0
    assert live_patches() == {}
    assert registry_files(registry_dir) == []
    assert environment() == env
    stuck.set()  # the loop resumes, sees the shutdown and ends
    servers[0]._thread.join(60)
    assert port_is_released(port)


@pytest.mark.parametrize("blocker", ["a file", "a file's child"])
def test_a_registry_directory_that_cannot_be_written_starts_nothing(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    env: dict[str, str],
    blocker: str,
) -> None:
    # A path through a regular file cannot become a directory, even for root.
    occupied = tmp_path / "occupied"
    occupied.write_text("not a directory")
    directory = occupied if blocker == "a file" else occupied / "servers"
    monkeypatch.setenv("AIOMOTO_SERVER_REGISTRY_DIR", str(directory))
    env = environment()
    threads = set(threading.enumerate())
    with pytest.raises(ServerRegistryError) as raised:
        with mock_aws(server_mode=True):
            pass
    message = str(raised.value)
    assert f"cannot write its server registry directory {directory}" in message
    assert "starts no server" in message
    assert "AIOMOTO_SERVER_REGISTRY_DIR" in message
    assert isinstance(raised.value.__cause__, OSError)
    assert set(threading.enumerate()) <= threads
    assert _lifecycle.depth() == 0
    assert live_patches() == {}
    assert environment() == env


def test_the_registry_directory_aiomoto_creates_and_its_files_are_owner_only(
    registry_dir: Path,
) -> None:
    assert not registry_dir.exists()
    with mock_aws(server_mode=True) as ctx:
        assert ctx.server_registry_path is not None
        file_mode = stat.S_IMODE(ctx.server_registry_path.stat().st_mode)
        directory_mode = stat.S_IMODE(registry_dir.stat().st_mode)
    assert file_mode == 0o600
    assert directory_mode == 0o700
    assert [p.name for p in registry_dir.iterdir()] == []


def listening_addresses(port: int) -> set[str]:
    """The local addresses of the sockets listening on ``port`` (Linux)."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with open(table, encoding="ascii") as lines:
            next(lines)
            for line in lines:
                local, _, state = line.split()[1:4]
                address, port_hex = local.rsplit(":", 1)
                if state == "0A" and int(port_hex, 16) == port:  # 0A: LISTEN
                    found.add(address)
    return found


def test_the_server_listens_on_the_ipv4_loopback_address_only() -> None:
    with mock_aws(server_mode=True) as ctx:
        assert ctx.server_host == "127.0.0.1"
        # 0100007F is 127.0.0.1 as the kernel writes it (little-endian hex).
        assert listening_addresses(ctx.server_port) == {"0100007F"}
