"""Server-mode paths only unusual callers take.

Joining an attached context with the same port, a werkzeug log level the user
set, something that answers 400 without being Moto, a server that starts but
never answers, an async client made outside any event loop, a sync session
that predates Moto's stubber, and asyncio tasks cancelled while a context
exits or while a start that then fails is running.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from contextlib import closing
from pathlib import Path
from typing import Any

import boto3
import pytest
from aiobotocore.session import AioSession
from moto.core.models import botocore_stubber

from aiomoto import (
    RealHTTPRequestBlockedError,
    ServerNotRunningError,
    _lifecycle,
    mock_aws,
)
from aiomoto._options import ServerAddress
from aiomoto._server import process
from aiomoto._server.process import LocalMotoServer
from tests.server.probes import (
    LOOPBACK,
    bucket_names,
    hold_server_start,
    http_server_answering,
    port_is_released,
    registry_files,
    silent_port,
)

pytestmark = pytest.mark.anyio


def test_a_nested_context_attached_to_the_same_server_joins_it(
    foreign_server: ServerAddress,
) -> None:
    with mock_aws(server_mode=True, server_port=foreign_server.port) as outer:
        with mock_aws(server_mode=True, server_port=foreign_server.port) as inner:
            assert _lifecycle.depth() == 2
            assert inner.server_endpoint == outer.server_endpoint
            with closing(boto3.client("s3")) as s3:
                s3.create_bucket(Bucket="joined")
        assert bucket_names(outer.server_endpoint) == {"joined"}


def test_a_werkzeug_log_level_the_user_set_is_left_alone() -> None:
    logger = logging.getLogger("werkzeug")
    before = logger.level
    logger.setLevel(logging.ERROR)
    try:
        with mock_aws(server_mode=True):
            assert logger.level == logging.ERROR
        assert logger.level == logging.ERROR
    finally:
        logger.setLevel(before)


@pytest.mark.parametrize("body", [b"<html>Bad Request</html>", b'{"Error": "x"}'])
def test_a_400_that_is_not_moto_is_refused_for_attaching(body: bytes) -> None:
    with http_server_answering(400, body) as port:
        with pytest.raises(ServerNotRunningError, match="but not a Moto server"):
            with mock_aws(server_mode=True, server_port=port):
                pass
    assert _lifecycle.depth() == 0


def test_an_async_client_made_outside_an_event_loop_is_injected_and_works() -> None:
    with mock_aws(server_mode=True) as ctx:
        creator = AioSession().create_client("s3", region_name="us-east-1")

        async def use() -> str:
            async with creator as s3:
                await s3.create_bucket(Bucket="made-outside-a-loop")
                return str(s3.meta.endpoint_url)

        assert asyncio.run(use()) == ctx.server_endpoint
        assert bucket_names(ctx.server_endpoint) == {"made-outside-a-loop"}


def made_before_the_context(**kwargs: Any) -> Any:
    """A boto3 S3 client made outside any mock, so with its own credentials."""
    return boto3.client(
        "s3",
        region_name="us-east-1",
        aws_access_key_id="made-before",
        aws_secret_access_key="the-context",
        **kwargs,
    )


def test_a_sync_session_without_motos_stubber_is_served_in_process() -> None:
    # A session made before Moto was first imported has no Moto stubber.
    with closing(made_before_the_context()) as s3:
        stubber: Any = botocore_stubber  # a callable object the stubs do not know
        s3.meta.events.unregister("before-send", stubber)
        with mock_aws():
            s3.create_bucket(Bucket="without-the-stubber")
            with closing(boto3.client("s3", region_name="us-east-1")) as other:
                names = [b["Name"] for b in other.list_buckets()["Buckets"]]
    assert names == ["without-the-stubber"]


class ExitingError(Exception):
    pass


def test_a_request_moto_does_not_serve_from_such_a_session_is_blocked() -> None:
    # Under plain moto.mock_aws it would go out (here to a loopback port where
    # nothing listens); aiomoto blocks it, as for any client, before a socket.
    with silent_port() as port:
        endpoint = f"http://{LOOPBACK}:{port}"
        with closing(made_before_the_context(endpoint_url=endpoint)) as s3:
            stubber: Any = botocore_stubber
            s3.meta.events.unregister("before-send", stubber)
            with mock_aws(), pytest.raises(RealHTTPRequestBlockedError) as raised:
                s3.list_buckets()
    assert raised.value.client == "botocore"
    assert raised.value.url.startswith(endpoint)


async def test_a_task_cancelled_while_exiting_still_stops_the_server(
    registry_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    exiting, stopped = asyncio.Event(), threading.Event()
    ports: list[int] = []
    stop = LocalMotoServer.stop

    def recorded_stop(server: LocalMotoServer) -> None:
        stop(server)
        stopped.set()

    monkeypatch.setattr(LocalMotoServer, "stop", recorded_stop)

    async def body() -> None:
        async with mock_aws(server_mode=True) as ctx:
            ports.append(ctx.server_port)
            exiting.set()
            raise ExitingError

    task = asyncio.create_task(body())
    await exiting.wait()  # the exit is now waiting on its worker thread
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert await asyncio.to_thread(stopped.wait, 60)  # the stop went on
    assert _lifecycle.depth() == 0
    assert port_is_released(ports[0])
    assert registry_files(registry_dir) == []


async def test_a_cancelled_start_that_then_fails_has_nothing_to_undo(
    registry_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    held = hold_server_start(monkeypatch)

    def no_server() -> None:
        raise OSError(98, "Address already in use")

    monkeypatch.setattr(process.LocalMotoServer, "__init__", lambda self: no_server())
    task = asyncio.create_task(mock_aws(server_mode=True).__aenter__())
    assert await asyncio.to_thread(held.starting.wait, 60)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    held.proceed.set()
    async with mock_aws():  # waits, behind the lock, for the failed start
        assert _lifecycle.depth() == 1
    assert _lifecycle.depth() == 0
    assert registry_files(registry_dir) == []
