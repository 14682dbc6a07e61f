"""Attaching to a server that another process started, and finding it.

One Moto server runs in a child process for the whole module, started the
documented way (``with mock_aws(server_mode=True) as ctx:``). It answers
``buckets`` on stdin with the bucket names its own clients see, and stops
when its stdin closes.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import boto3
import pytest

from aiomoto import (
    RealHTTPRequestBlockedError,
    ServerNotRunningError,
    _lifecycle,
    mock_aws,
    running_servers,
)
from aiomoto._options import ServerAddress
from aiomoto._server.process import answers as process_answers
from aiomoto._server.process import reset_remote
from tests.server.probes import (
    answers,
    bucket_names,
    registry_files,
    silent_port,
    something_else_answering,
)

SERVER_SCRIPT = """\
import json
import sys

import boto3

from aiomoto import mock_aws

with mock_aws(server_mode=True) as ctx:
    print(ctx.server_port, flush=True)
    for line in sys.stdin:
        s3 = boto3.client("s3")
        names = sorted(b["Name"] for b in s3.list_buckets()["Buckets"])
        s3.close()
        print(json.dumps(names), flush=True)
"""


@dataclass
class OtherProcessServer:
    process: subprocess.Popen[str]
    port: int
    registry_dir: Path

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def buckets_it_sees(self) -> list[str]:
        assert self.process.stdin is not None
        assert self.process.stdout is not None
        self.process.stdin.write("buckets\n")
        self.process.stdin.flush()
        names: list[str] = json.loads(self.process.stdout.readline())
        return names


@pytest.fixture(scope="module")
def other_process_started(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[OtherProcessServer]:
    registry_dir = tmp_path_factory.mktemp("other-process-registry")
    env = {**os.environ, "AIOMOTO_SERVER_REGISTRY_DIR": str(registry_dir)}
    with subprocess.Popen(
        [sys.executable, "-c", SERVER_SCRIPT],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        env=env,
        text=True,
    ) as process:
        try:
            assert process.stdout is not None
            port = int(process.stdout.readline())
            yield OtherProcessServer(process, port, registry_dir)
        finally:
            try:
                process.communicate(timeout=15)  # closes stdin: the server stops
            finally:
                if process.poll() is None:
                    process.kill()
                    process.wait()


@pytest.fixture
def other_process(other_process_started: OtherProcessServer) -> OtherProcessServer:
    """The other process's server, emptied before each test (tests run in any order)."""
    reset_remote(ServerAddress("127.0.0.1", other_process_started.port))
    return other_process_started


def create_bucket(name: str) -> None:
    with closing(boto3.client("s3")) as s3:
        s3.create_bucket(Bucket=name)


def test_a_context_attaches_to_a_server_another_process_started(
    other_process: OtherProcessServer, registry_dir: Path
) -> None:
    with mock_aws(server_mode=True, server_port=other_process.port) as ctx:
        assert ctx.server_port == other_process.port
        assert ctx.server_host == "127.0.0.1"
        assert ctx.server_endpoint == other_process.endpoint
        assert ctx.backend == "remote"
        # aiomoto did not start this server, so it wrote no registry file.
        assert ctx.server_registry_path is None
        assert registry_files(registry_dir) == []
        with closing(boto3.client("s3")) as s3:
            assert s3.meta.endpoint_url == other_process.endpoint
            s3.create_bucket(Bucket="written-by-the-attached-context")
        assert other_process.buckets_it_sees() == ["written-by-the-attached-context"]
    assert _lifecycle.depth() == 0


def test_leaving_an_attached_context_leaves_the_other_server_running(
    other_process: OtherProcessServer,
) -> None:
    with mock_aws(server_mode=True, server_port=other_process.port):
        pass
    assert other_process.process.poll() is None
    assert answers(other_process.endpoint)
    with closing(boto3.client("s3", region_name="us-east-1")) as s3:
        assert s3.meta.endpoint_url == "https://s3.amazonaws.com"


def test_attaching_neither_resets_nor_wipes_the_other_server_by_default(
    other_process: OtherProcessServer,
) -> None:
    port = other_process.port
    with mock_aws(server_mode=True, server_port=port) as ctx:
        assert (mock_aws(server_mode=True, server_port=port).reset, ctx.backend) == (
            False,
            "remote",
        )
        create_bucket("kept-remotely")
    assert other_process.buckets_it_sees() == ["kept-remotely"]
    with mock_aws(server_mode=True, server_port=port):
        assert bucket_names(other_process.endpoint) == {"kept-remotely"}
    assert other_process.buckets_it_sees() == ["kept-remotely"]


def test_an_explicit_reset_or_remove_data_empties_the_other_server(
    other_process: OtherProcessServer,
) -> None:
    port = other_process.port
    with mock_aws(server_mode=True, server_port=port):
        create_bucket("reset-on-the-next-entry")
    with mock_aws(server_mode=True, server_port=port, reset=True):
        assert bucket_names(other_process.endpoint) == set()
        create_bucket("removed-on-exit")
    assert other_process.buckets_it_sees() == ["removed-on-exit"]
    with mock_aws(server_mode=True, server_port=port, remove_data=True):
        assert bucket_names(other_process.endpoint) == {"removed-on-exit"}
    assert other_process.buckets_it_sees() == []


def test_aiomoto_reset_empties_the_attached_server(
    other_process: OtherProcessServer,
) -> None:
    import aiomoto

    with mock_aws(server_mode=True, server_port=other_process.port):
        create_bucket("emptied-mid-test")
        aiomoto.reset()
        assert bucket_names(other_process.endpoint) == set()


def test_while_attached_a_client_not_pointed_at_the_server_is_blocked(
    other_process: OtherProcessServer,
) -> None:
    made_before = boto3.client(
        "s3",
        region_name="us-east-1",
        aws_access_key_id="made-before",
        aws_secret_access_key="the-context",
    )
    with (
        closing(made_before),
        mock_aws(server_mode=True, server_port=other_process.port) as ctx,
    ):
        with pytest.raises(RealHTTPRequestBlockedError) as raised:
            made_before.list_buckets()
        assert raised.value.attached_to == ctx.server_endpoint
        message = str(raised.value)
        assert "https://s3.amazonaws.com/" in message
        assert f"attached to the Moto server at {ctx.server_endpoint}" in message
        assert "endpoint_url=ctx.server_endpoint" in message


@pytest.mark.anyio
async def test_while_attached_an_async_client_not_pointed_at_it_is_blocked(
    other_process: OtherProcessServer,
) -> None:
    from aiobotocore.session import AioSession

    made_before = AioSession().create_client(
        "s3",
        region_name="us-east-1",
        aws_access_key_id="made-before",
        aws_secret_access_key="the-context",
    )
    async with made_before as s3:
        async with mock_aws(server_mode=True, server_port=other_process.port):
            with pytest.raises(RealHTTPRequestBlockedError) as raised:
                await s3.list_buckets()
    assert raised.value.operation == "s3.ListBuckets"
    assert raised.value.attached_to == other_process.endpoint


def test_an_in_process_context_inside_an_attached_one_joins_the_remote_backend(
    other_process: OtherProcessServer,
) -> None:
    with mock_aws(server_mode=True, server_port=other_process.port):

        @mock_aws
        def decorated_test() -> set[str]:
            create_bucket("from-an-inner-decorated-test")
            return bucket_names(other_process.endpoint)

        assert decorated_test() == {"from-an-inner-decorated-test"}
    assert other_process.buckets_it_sees() == ["from-an-inner-decorated-test"]


def test_running_servers_lists_the_other_process_server(
    other_process: OtherProcessServer,
) -> None:
    [entry] = running_servers(directory=other_process.registry_dir)
    assert entry.port == other_process.port
    assert entry.host == "127.0.0.1"
    assert entry.endpoint == other_process.endpoint
    assert entry.pid == other_process.process.pid
    assert entry.path.parent == other_process.registry_dir
    assert running_servers(
        directory=other_process.registry_dir, pid=other_process.process.pid
    ) == [entry]
    assert running_servers(directory=other_process.registry_dir, pid=os.getpid()) == []
    # What running_servers() gives is enough to attach.
    with mock_aws(server_mode=True, server_endpoint=entry.endpoint) as ctx:
        assert ctx.server_endpoint == entry.endpoint


def test_attaching_where_nothing_answers_says_how_to_start_a_server(
    registry_dir: Path,
) -> None:
    before = dict(os.environ)
    with silent_port() as port:
        context = mock_aws(server_mode=True, server_port=port)
        with pytest.raises(ServerNotRunningError) as raised:
            context.__enter__()
    message = str(raised.value)
    assert f"Nothing answered at http://127.0.0.1:{port}" in message
    assert "server_port/server_endpoint" in message
    assert "with mock_aws(server_mode=True) as ctx:" in message
    assert "moto_server" in message
    assert _lifecycle.depth() == 0
    assert registry_files(registry_dir) == []
    assert dict(os.environ) == before


def iter_until_running(stream: IO[str]) -> Iterator[str]:
    for line in stream:
        yield line
        if "Running on" in line:
            return


@pytest.fixture(scope="module")
def moto_server_elsewhere_started() -> Iterator[ServerAddress]:
    """Moto's own ``moto_server`` command, in its own process, on 127.0.0.2.

    It stands for a Moto server in another container or machine: aiomoto did
    not start it and it is not on aiomoto's loopback address.
    """
    with socket.socket() as probe:
        probe.bind(("127.0.0.2", 0))
        port = probe.getsockname()[1]
    command = [str(Path(sys.executable).with_name("moto_server")), "-H", "127.0.0.2"]
    with subprocess.Popen(
        [*command, "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    ) as process:
        try:
            assert process.stderr is not None
            # werkzeug says "Running on" once the socket listens; then the
            # rest of its log is drained so that the pipe never fills.
            said = "".join(iter_until_running(process.stderr))
            assert "Running on" in said, f"moto_server exited: {said}"
            threading.Thread(target=process.stderr.read, daemon=True).start()
            address = ServerAddress("127.0.0.2", port)
            assert process_answers(address)
            yield address
        finally:
            process.terminate()
            process.wait(timeout=15)


@pytest.fixture
def moto_server_elsewhere(moto_server_elsewhere_started: ServerAddress) -> str:
    """That server's endpoint, emptied before each test."""
    reset_remote(moto_server_elsewhere_started)
    return moto_server_elsewhere_started.endpoint


def test_a_context_attaches_by_url_and_leaves_the_data_intact(
    moto_server_elsewhere: str,
) -> None:
    endpoint = moto_server_elsewhere
    with mock_aws(server_mode=True, server_endpoint=endpoint) as ctx:
        assert (ctx.server_endpoint, ctx.server_host) == (endpoint, "127.0.0.2")
        assert ctx.server_registry_path is None
        create_bucket("written-through-the-url")
    # Outside any mock: ask the server itself.
    with closing(
        boto3.client(
            "s3",
            endpoint_url=endpoint,
            region_name="us-east-1",
            aws_access_key_id="testing",
            aws_secret_access_key="testing",
        )
    ) as s3:
        assert [b["Name"] for b in s3.list_buckets()["Buckets"]] == [
            "written-through-the-url"
        ]


@pytest.mark.anyio
async def test_async_clients_reach_a_server_attached_by_url(
    moto_server_elsewhere: str,
) -> None:
    from aiobotocore.session import AioSession

    async with mock_aws(server_mode=True, server_endpoint=moto_server_elsewhere):
        create_bucket("async-through-the-url")
        async with AioSession().create_client("s3") as s3:
            await s3.put_object(Bucket="async-through-the-url", Key="k", Body=b"v")
            got = await s3.get_object(Bucket="async-through-the-url", Key="k")
            async with got["Body"] as body:
                assert await body.read() == b"v"


def test_attaching_where_something_else_answers_is_refused() -> None:
    with something_else_answering() as port:
        with pytest.raises(ServerNotRunningError) as raised:
            mock_aws(server_mode=True, server_port=port).__enter__()
    message = str(raised.value)
    assert f"Something answered at http://127.0.0.1:{port}, but not a Moto server" in (
        message
    )
    assert "HTTP 200" in message
    assert _lifecycle.depth() == 0
