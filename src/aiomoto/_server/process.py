"""Moto's own threaded server, started on a free loopback port and stopped fast.

Moto's ``ThreadedMotoServer`` serves from werkzeug's ``serve_forever`` in a
thread. aiomoto runs that thread itself, so that

- a thread that dies before it serves fails the start at once (Moto's own
  ``start()`` would wait for it forever), and one that dies later is
  reported by name: on the next request routed to it, or when its context
  exits (:class:`~aiomoto.exceptions.ServerDiedError`, caused by what ended
  the thread);
- stopping is fast and has a deadline: ``serve_forever`` checks for shutdown
  only between requests or every half second, so ``stop()`` asks it to shut
  down and then knocks on the port until it has (milliseconds), and gives up
  with :class:`~aiomoto.exceptions.ServerStopTimeoutError` after
  ``STOP_TIMEOUT`` seconds rather than hang.

The server binds the loopback address only.
"""

from __future__ import annotations

import http.client
import json
import socket
import threading
import time

from aiomoto._options import LOOPBACK, ServerAddress
from aiomoto.exceptions import (
    ServerDependencyError,
    ServerDiedError,
    ServerNotRunningError,
    ServerStopTimeoutError,
)

#: A cheap question only a Moto server answers as expected: a GET on its auth
#: reset endpoint is refused with HTTP 400 and a JSON error naming Moto.
_PROBE_PATH = "/moto-api/reset-auth"
_PROBE_TIMEOUT = 2.0
_START_TIMEOUT = 10.0
#: How long ``stop()`` waits for the server thread before giving up.
STOP_TIMEOUT = 10.0


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

        self._server = ThreadedMotoServer(ip_address=LOOPBACK, port=0, verbose=False)
        self._ended_by: BaseException | None = None
        self._stopping = False
        self._reported = False
        self._thread = threading.Thread(
            target=self._serve, name="aiomoto-moto-server", daemon=True
        )
        # Moto's stop() joins the thread it knows as its own.
        self._server._thread = self._thread
        self._thread.start()
        # Once Moto's server has bound its socket it is listening: a request
        # sent now waits in the backlog until serve_forever() takes it. No
        # probe request is needed (one cost more than the rest of a start).
        self._wait_until_ready()
        host, port = self._server.get_host_and_port()
        self.address = ServerAddress(host, port)

    def _serve(self) -> None:
        try:
            self._server._server_entry()
        except BaseException as error:  # reported by check_alive() and stop()
            self._ended_by = error
        finally:
            # Moto sets it once its socket is bound; set here too, it also
            # wakes a start waiting on a thread that ended before that.
            self._server._server_ready_event.set()

    def _wait_until_ready(self) -> None:
        ready = self._server._server_ready_event.wait(_START_TIMEOUT)
        if not ready or self._ended_by is not None:
            self._thread.join(STOP_TIMEOUT)
            raise ServerNotRunningError(
                "Moto's threaded server did not start on "
                f"{LOOPBACK}: {self._ended_by!r}."
            ) from self._ended_by

    def check_alive(self) -> None:
        """Raise :class:`ServerDiedError` if the thread ended before ``stop()``."""
        if self._stopping or self._thread.is_alive():
            return
        self._reported = True
        raise self._died()

    def _died(self) -> ServerDiedError:
        how = f"with {self._ended_by!r}" if self._ended_by else "without an error"
        error = ServerDiedError(
            f"The Moto server aiomoto started at {self.address.endpoint} has "
            f"stopped serving: its thread ended {how}. Requests "
            "to it cannot be answered. The in-process backend still holds the "
            "data; exit the server-mode context (a new one starts a new "
            "server), and see the cause below for why the thread ended."
        )
        error.__cause__ = self._ended_by
        return error

    def stop(self) -> None:
        """Stop the server within ``STOP_TIMEOUT`` seconds, releasing its port.

        Raises :class:`ServerDiedError` if the thread had died and no request
        reported it yet, or :class:`ServerStopTimeoutError` past the deadline.
        """
        died = not self._thread.is_alive() and not self._stopping
        self._stopping = True
        stopper = threading.Thread(
            target=self._server.stop, name="aiomoto-server-stop", daemon=True
        )
        stopper.start()
        deadline = time.monotonic() + STOP_TIMEOUT
        while stopper.is_alive():
            if time.monotonic() > deadline:
                raise ServerStopTimeoutError(
                    f"The Moto server at {self.address.endpoint} did not stop "
                    f"within {STOP_TIMEOUT:g} s: its thread is still busy (a "
                    "request that never ends?). It is a daemon thread, so it "
                    "will not keep the process alive, but its port stays taken "
                    "until it ends."
                )
            _knock(self.address)
            stopper.join(0.005)
        if died and not self._reported:
            self._reported = True
            raise self._died()


def _knock(address: ServerAddress) -> None:
    """Open and close a connection, waking the server's select loop."""
    try:
        with socket.create_connection((address.host, address.port), timeout=0.05):
            pass
    except OSError:
        pass


def _connection(address: ServerAddress, timeout: float) -> http.client.HTTPConnection:
    kind = (
        http.client.HTTPSConnection
        if address.scheme == "https"
        else http.client.HTTPConnection
    )
    return kind(address.host, address.port, timeout=timeout)


def _probe(address: ServerAddress, timeout: float) -> tuple[int, bytes] | None:
    """Status and body of Moto's data endpoint, or ``None`` if nothing answers."""
    connection = _connection(address, timeout)
    try:
        connection.request("GET", _PROBE_PATH)
        response = connection.getresponse()
        return response.status, response.read()
    except (OSError, http.client.HTTPException):
        return None
    finally:
        connection.close()


def _is_moto(answer: tuple[int, bytes] | None) -> bool:
    if answer is None or answer[0] != 400:
        return False
    try:
        payload = json.loads(answer[1])
    except ValueError:
        return False
    return isinstance(payload, dict) and "Moto" in str(payload.get("Error"))


def answers(address: ServerAddress, timeout: float = _PROBE_TIMEOUT) -> bool:
    """Whether a Moto server answers at the address."""
    return _is_moto(_probe(address, timeout))


def check_moto_answers(address: ServerAddress) -> None:
    """Refuse to attach unless a Moto server answers at the address."""
    answer = _probe(address, _PROBE_TIMEOUT)
    if _is_moto(answer):
        return
    if answer is None:
        raise ServerNotRunningError(
            f"Nothing answered at {address.endpoint}. Start a Moto server there "
            "first (`moto_server -p PORT`, Moto's Docker image, or `with "
            "mock_aws(server_mode=True) as ctx:` in the process that owns it: "
            "ctx.server_port is its port, and aiomoto.running_servers() lists the "
            "servers aiomoto started), or drop server_port/server_endpoint to "
            "let aiomoto start one."
        )
    raise ServerNotRunningError(
        f"Something answered at {address.endpoint}, but not a Moto server: "
        f"GET {_PROBE_PATH} gave HTTP {answer[0]} with "
        f"{answer[1][:80]!r}. Check the port or URL: aiomoto attaches only to "
        "Moto servers, because it resets and reads them through Moto's API."
    )


def reset_remote(address: ServerAddress) -> None:
    """Empty a Moto server's backends through ``POST /moto-api/reset``."""
    connection = _connection(address, timeout=10)
    try:
        connection.request("POST", "/moto-api/reset")
        connection.getresponse().read()
    finally:
        connection.close()
