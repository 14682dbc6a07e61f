"""Attaching to a server that another process started, and finding it.

One Moto server runs in a child process for the whole module, started the
documented way (``with mock_aws(server_mode=True) as ctx:``). It answers
``buckets`` on stdin with the bucket names its own clients see, and stops
when its stdin closes.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import boto3
import pytest

from aiomoto import ServerNotRunningError, _lifecycle, mock_aws, running_servers
from tests.server.probes import answers, bucket_names, registry_files, silent_port

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
def other_process(
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


def test_a_context_attaches_to_a_server_another_process_started(
    other_process: OtherProcessServer, registry_dir: Path
) -> None:
    with mock_aws(server_mode=True, server_port=other_process.port) as ctx:
        assert ctx.server_port == other_process.port
        assert ctx.server_host == "127.0.0.1"
        assert ctx.server_endpoint == other_process.endpoint
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


def test_an_attached_context_applies_reset_and_remove_data_to_the_other_server(
    other_process: OtherProcessServer,
) -> None:
    port = other_process.port
    with mock_aws(server_mode=True, server_port=port, remove_data=False):
        with closing(boto3.client("s3")) as s3:
            s3.create_bucket(Bucket="kept-remotely")
    assert other_process.buckets_it_sees() == ["kept-remotely"]
    with mock_aws(server_mode=True, server_port=port, reset=False):
        assert bucket_names(other_process.endpoint) == {"kept-remotely"}
    assert other_process.buckets_it_sees() == []
    with mock_aws(server_mode=True, server_port=port, remove_data=False):
        with closing(boto3.client("s3")) as s3:
            s3.create_bucket(Bucket="reset-on-the-next-entry")
    with mock_aws(server_mode=True, server_port=port):
        assert bucket_names(other_process.endpoint) == set()


def test_running_servers_lists_the_other_process_server(
    other_process: OtherProcessServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AIOMOTO_SERVER_REGISTRY_DIR", str(other_process.registry_dir))
    [entry] = running_servers()
    assert entry.port == other_process.port
    assert entry.host == "127.0.0.1"
    assert entry.endpoint == other_process.endpoint
    assert entry.pid == other_process.process.pid
    assert entry.path.parent == other_process.registry_dir
    # What running_servers() gives is enough to attach.
    with mock_aws(server_mode=True, server_port=entry.port) as ctx:
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
    assert f"http://127.0.0.1:{port}" in message
    assert f"server_port={port}" in message
    assert "with mock_aws(server_mode=True) as ctx:" in message
    assert "moto_server" in message
    assert _lifecycle.depth() == 0
    assert registry_files(registry_dir) == []
    assert dict(os.environ) == before
