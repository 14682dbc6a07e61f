"""Registry files: how another process finds a server aiomoto started.

Each server aiomoto starts is recorded as ``aiomoto-server-<uuid>.json`` in
the registry directory (``AIOMOTO_SERVER_REGISTRY_DIR``, or a per-user cache
directory), readable only by the user (as is the directory, when aiomoto
creates it), with its ``endpoint``, ``host``, ``pid`` and ``port``. A
directory that cannot be written is reported before any server starts. The
file is removed when the server stops. Files older than 24 hours are removed
when a new server starts; unreadable or foreign files are skipped.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from aiomoto import _settings
from aiomoto.exceptions import ServerRegistryError

PREFIX = "aiomoto-server-"
SUFFIX = ".json"
STALE_AFTER_SECONDS = 24 * 60 * 60


@dataclass(frozen=True)
class ServerEntry:
    """One registry file: a Moto server aiomoto started.

    Attributes:
        endpoint: The server's base URL, ``http://127.0.0.1:PORT``.
        host: The host it is bound to.
        pid: The process that started it.
        port: Its port.
        path: The registry file itself.
    """

    endpoint: str
    host: str
    pid: int
    port: int
    path: Path


def prepare_directory() -> Path:
    """Create the registry directory (owner-only) and prove it can be written.

    Called before a server starts, so that a directory that cannot be used
    fails with :class:`~aiomoto.exceptions.ServerRegistryError` and nothing
    has been started.
    """
    directory = _settings.registry_dir()
    probe = directory / f".{PREFIX}probe-{uuid.uuid4()}"
    with _unwritable_is_named(directory):
        directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        os.close(os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        probe.unlink()
    return directory


def write(endpoint: str, host: str, port: int) -> Path:
    """Record a server in a new registry file, readable by this user only."""
    directory = _settings.registry_dir()
    path = directory / f"{PREFIX}{uuid.uuid4()}{SUFFIX}"
    payload = {"endpoint": endpoint, "host": host, "pid": os.getpid(), "port": port}
    with _unwritable_is_named(directory):
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as file:
            json.dump(payload, file)
    return path


@contextlib.contextmanager
def _unwritable_is_named(directory: Path) -> Iterator[None]:
    try:
        yield
    except OSError as error:
        raise ServerRegistryError(
            f"aiomoto cannot write its server registry directory {directory} "
            f"({error.strerror or error}), so it starts no server. Set "
            f"{_settings.REGISTRY_DIR_VARIABLE} to a directory this user can "
            "write (pytest's tmp_path_factory, for one), or fix the "
            "directory's permissions."
        ) from error


def remove(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        path.unlink()


def remove_stale(now: float | None = None) -> list[Path]:
    """Delete registry files older than 24 hours; return what was deleted."""
    directory = _settings.registry_dir()
    cutoff = (time.time() if now is None else now) - STALE_AFTER_SECONDS
    removed: list[Path] = []
    for path in _registry_files(directory):
        try:
            if path.stat().st_mtime < cutoff:
                path.unlink()
                removed.append(path)
        except OSError:
            continue
    return removed


def entries(directory: Path | None = None) -> list[ServerEntry]:
    """Every readable registry entry, live or not, oldest first."""
    found = []
    for path in _registry_files(directory or _settings.registry_dir()):
        entry = _read(path)
        if entry is not None:
            found.append(entry)
    return found


def _registry_files(directory: Path) -> list[Path]:
    try:
        paths = [
            path
            for path in directory.iterdir()
            if path.name.startswith(PREFIX) and path.name.endswith(SUFFIX)
        ]
    except OSError:
        return []
    return sorted(paths, key=_mtime)


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def _read(path: Path) -> ServerEntry | None:
    try:
        payload: Any = json.loads(path.read_text(encoding="utf-8"))
        return ServerEntry(
            endpoint=_typed(payload["endpoint"], str),
            host=_typed(payload["host"], str),
            pid=_typed(payload["pid"], int),
            port=_typed(payload["port"], int),
            path=path,
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _typed(value: Any, kind: type[Any]) -> Any:
    if not isinstance(value, kind) or isinstance(value, bool):
        raise TypeError(f"expected {kind.__name__}, got {value!r}")
    return value


def running_servers(
    *, directory: str | os.PathLike[str] | None = None, pid: int | None = None
) -> list[ServerEntry]:
    """The Moto servers aiomoto started that are still running, oldest first.

    An entry is listed only if the process that wrote it is alive and a Moto
    server answers at its port, so a stale file, or a port that another
    program took over since, never shows up.

    Args:
        directory: The registry directory to search, instead of
            ``AIOMOTO_SERVER_REGISTRY_DIR`` (or the per-user cache directory).
            A test run that sets its own directory sees only its own servers.
        pid: Only the server started by this process id (for example the
            parent process of a pytest-xdist worker's subprocess).

    Another process attaches to one with
    ``mock_aws(server_mode=True, server_endpoint=entry.endpoint)``.
    """
    from aiomoto._options import ServerAddress
    from aiomoto._server.process import answers

    where = Path(directory) if directory is not None else None
    return [
        entry
        for entry in entries(where)
        if (pid is None or entry.pid == pid)
        and _alive(entry.pid)
        and answers(ServerAddress(entry.host, entry.port))
    ]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, but another user's
        return True
    return True
