"""Small, real-network probes shared by the server-mode tests (loopback only)."""

from __future__ import annotations

import contextlib
import http.client
import http.server
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import boto3
import pytest

from aiomoto import AutoEndpointMode

if TYPE_CHECKING:
    from mypy_boto3_s3 import S3Client

LOOPBACK = "127.0.0.1"

#: The ``auto_endpoint`` modes that leave an explicit endpoint alone, as str and enum.
HONOURING_EXPLICIT_ENDPOINTS = [
    pytest.param("disabled", id="disabled-str"),
    pytest.param(AutoEndpointMode.DISABLED, id="disabled-enum"),
    pytest.param("if_missing", id="if_missing-str"),
    pytest.param(AutoEndpointMode.IF_MISSING, id="if_missing-enum"),
]


def answers(endpoint: str) -> bool:
    """Whether an HTTP server answers at ``endpoint`` (a loopback URL)."""
    parts = urlsplit(endpoint)
    assert parts.hostname == LOOPBACK, endpoint
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=2)
    try:
        connection.request("GET", "/moto-api/")
        return connection.getresponse().status == 200
    except OSError:
        return False
    finally:
        connection.close()


def port_is_released(port: int) -> bool:
    """Nothing listens on the port: connecting is refused and it can be bound."""
    try:
        socket.create_connection((LOOPBACK, port), timeout=1).close()
    except ConnectionRefusedError:
        pass
    else:
        return False
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        # TIME_WAIT leftovers from closed connections must not count as "in use".
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((LOOPBACK, port))
            probe.listen()
        except OSError:
            return False
    return True


@contextlib.contextmanager
def silent_port() -> Iterator[int]:
    """A loopback port held by this process where nothing accepts connections."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as held:
        held.bind((LOOPBACK, 0))
        port: int = held.getsockname()[1]
        yield port


def explicit_client(endpoint: str) -> S3Client:
    """A boto3 S3 client given ``endpoint`` explicitly (a loopback URL)."""
    assert urlsplit(endpoint).hostname == LOOPBACK, endpoint
    return boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1")


def bucket_names(endpoint: str) -> set[str]:
    """The buckets the server at ``endpoint`` holds, asked for explicitly."""
    with contextlib.closing(explicit_client(endpoint)) as s3:
        return {bucket["Name"] for bucket in s3.list_buckets()["Buckets"]}


def object_body(endpoint: str, bucket: str, key: str) -> bytes:
    """One object's bytes, read from the server at ``endpoint`` explicitly."""
    with contextlib.closing(explicit_client(endpoint)) as s3:
        body: bytes = s3.get_object(Bucket=bucket, Key=key)["Body"].read()
    return body


def registry_files(directory: Path) -> list[Path]:
    """The registry files in ``directory`` (none when it does not exist)."""
    if not directory.exists():
        return []
    return sorted(directory.glob("aiomoto-server-*.json"))


@dataclass
class HeldStart:
    """A server-mode start held at its first step, in the thread that runs it.

    ``starting`` is set when the start reaches that step; it goes on when
    ``proceed`` is set. ``written`` lists the registry files the start wrote,
    with their ports.
    """

    starting: threading.Event = field(default_factory=threading.Event)
    proceed: threading.Event = field(default_factory=threading.Event)
    written: list[tuple[Path, int]] = field(default_factory=list)


def hold_server_start(monkeypatch: pytest.MonkeyPatch) -> HeldStart:
    from aiomoto._server import registry

    held = HeldStart()
    remove_stale, write = registry.remove_stale, registry.write

    def held_remove_stale() -> list[Path]:
        held.starting.set()
        assert held.proceed.wait(60)
        return remove_stale()

    def recorded_write(endpoint: str, host: str, port: int) -> Path:
        path = write(endpoint, host, port)
        held.written.append((path, port))
        return path

    monkeypatch.setattr(registry, "remove_stale", held_remove_stale)
    monkeypatch.setattr(registry, "write", recorded_write)
    return held


@contextlib.contextmanager
def http_server_answering(status: int, body: bytes) -> Iterator[int]:
    """A loopback HTTP server, not Moto, that answers every GET alike: its port."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(status)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer((LOOPBACK, 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def something_else_answering() -> contextlib.AbstractContextManager[int]:
    """A loopback HTTP server that is not Moto: it answers 200 to everything."""
    return http_server_answering(200, b"{}")
