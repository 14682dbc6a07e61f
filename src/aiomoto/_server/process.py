"""Moto's own threaded server, started on a free loopback port and stopped fast.

Moto's ``ThreadedMotoServer`` serves from werkzeug's ``serve_forever``, which
checks for shutdown only between requests or every half second. ``stop()``
here asks it to shut down and then knocks on the port until it has, so the
stop takes milliseconds and the port is released at once.
"""

from __future__ import annotations

import http.client
import socket
import threading
import time
from dataclasses import dataclass

from aiomoto.exceptions import ServerDependencyError, ServerNotRunningError

HOST = "127.0.0.1"
_PROBE_PATH = "/moto-api/"
_PROBE_TIMEOUT = 2.0
_START_TIMEOUT = 10.0


@dataclass(frozen=True)
class ServerAddress:
    host: str
    port: int

    @property
    def endpoint(self) -> str:
        return f"http://{self.host}:{self.port}"


def require_server_dependencies() -> None:
    """Fail with install advice when ``moto[server]`` is missing."""
    try:
        from moto.server import ThreadedMotoServer  # noqa: F401
    except ImportError as missing:
        raise ServerDependencyError(
            "server_mode=True needs Moto's server (Flask and werkzeug), which "
            f"is not installed ({missing}). Install it with: "
            'pip install "aiomoto[server]"'
        ) from missing


class LocalMotoServer:
    """One Moto server thread in this process."""

    def __init__(self) -> None:
        from moto.server import ThreadedMotoServer

        self._server = ThreadedMotoServer(ip_address=HOST, port=0, verbose=False)
        self._server.start()
        host, port = self._server.get_host_and_port()
        self.address = ServerAddress(host, port)
        try:
            wait_until_answering(self.address, timeout=_START_TIMEOUT)
        except BaseException:
            self.stop()
            raise

    def stop(self) -> None:
        stopper = threading.Thread(
            target=self._server.stop, name="aiomoto-server-stop", daemon=True
        )
        stopper.start()
        while stopper.is_alive():
            _knock(self.address)
            stopper.join(0.005)


def _knock(address: ServerAddress) -> None:
    """Open and close a connection, waking the server's select loop."""
    try:
        with socket.create_connection((address.host, address.port), timeout=0.05):
            pass
    except OSError:
        pass


def answers(address: ServerAddress, timeout: float = _PROBE_TIMEOUT) -> bool:
    """Whether an HTTP server answers at the address."""
    connection = http.client.HTTPConnection(address.host, address.port, timeout=timeout)
    try:
        connection.request("GET", _PROBE_PATH)
        connection.getresponse().read()
    except OSError:
        return False
    finally:
        connection.close()
    return True


def wait_until_answering(address: ServerAddress, *, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not answers(address):
        if time.monotonic() > deadline:
            raise ServerNotRunningError(
                f"The Moto server at {address.endpoint} did not answer within "
                f"{timeout:.0f} s of starting."
            )
        time.sleep(0.01)


def attach(port: int) -> ServerAddress:
    """The address of an already running server, checked to answer."""
    address = ServerAddress(HOST, port)
    if not answers(address):
        raise ServerNotRunningError(
            f"Nothing answered at {address.endpoint} (server_port={port}). Start "
            "a server first, e.g. `moto_server -p PORT` or "
            "`with mock_aws(server_mode=True) as ctx:` in the process that "
            "owns it (ctx.server_port is its port, and aiomoto.running_servers() "
            "lists the servers aiomoto started), or drop server_port to let "
            "aiomoto start one."
        )
    return address


def reset_backends(address: ServerAddress, *, in_this_process: bool) -> None:
    """Empty every Moto backend the server serves."""
    if in_this_process:
        # The server shares this process's backends: reset them directly.
        from moto.core.base_backend import BackendDict
        from moto.core.model_instances import reset_model_data

        BackendDict.reset()
        reset_model_data()
        return
    connection = http.client.HTTPConnection(address.host, address.port, timeout=10)
    try:
        connection.request("POST", "/moto-api/reset")
        connection.getresponse().read()
    finally:
        connection.close()
