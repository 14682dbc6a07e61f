"""Registry files: what a started server leaves for other processes to find."""

from __future__ import annotations

import contextlib
import json
import os
import re
import stat
import subprocess
import sys
import time
import uuid
from pathlib import Path

import platformdirs
import pytest

from aiomoto import mock_aws, running_servers
from tests.server.probes import http_server_answering, registry_files, silent_port

NAME = re.compile(r"aiomoto-server-(?P<uuid>[0-9a-f-]{36})\.json")
DAY = 24 * 60 * 60


def plant(
    directory: Path, name: str, content: str | bytes, *, age: float = 0.0
) -> Path:
    """A file in the registry directory, ``age`` seconds old."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content)
    then = time.time() - age
    os.utime(path, (then, then))
    return path


def entry_text(port: int, pid: int = 1) -> str:
    endpoint = f"http://127.0.0.1:{port}"
    return json.dumps(
        {"endpoint": endpoint, "host": "127.0.0.1", "pid": pid, "port": port}
    )


def test_a_started_server_is_recorded_in_a_registry_file(registry_dir: Path) -> None:
    with mock_aws(server_mode=True) as ctx:
        path = ctx.server_registry_path
        assert path is not None
        assert registry_files(registry_dir) == [path]
        match = NAME.fullmatch(path.name)
        assert match is not None
        assert str(uuid.UUID(match["uuid"])) == match["uuid"]
        assert json.loads(path.read_text()) == {
            "endpoint": ctx.server_endpoint,
            "host": "127.0.0.1",
            "pid": os.getpid(),
            "port": ctx.server_port,
        }
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert not path.exists()
    assert registry_files(registry_dir) == []


def test_each_server_gets_a_file_of_its_own(registry_dir: Path) -> None:
    paths = []
    for _ in range(2):
        with mock_aws(server_mode=True) as ctx:
            paths.append(ctx.server_registry_path)
    assert paths[0] != paths[1]
    assert registry_files(registry_dir) == []


def test_running_servers_lists_the_server_of_this_process(registry_dir: Path) -> None:
    assert running_servers() == []
    with mock_aws(server_mode=True) as ctx:
        [entry] = running_servers()
        assert entry.endpoint == ctx.server_endpoint
        assert entry.host == ctx.server_host
        assert entry.port == ctx.server_port
        assert entry.pid == os.getpid()
        assert entry.path == ctx.server_registry_path
    assert running_servers() == []


def test_registry_files_go_to_a_per_user_cache_dir_by_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("AIOMOTO_SERVER_REGISTRY_DIR")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    expected = Path(platformdirs.user_cache_dir("aiomoto")) / "servers"
    assert expected.is_relative_to(tmp_path)
    with mock_aws(server_mode=True) as ctx:
        path = ctx.server_registry_path
        assert path is not None
        assert path.parent == expected
        assert path.exists()
    assert not path.exists()


def test_entries_older_than_a_day_are_removed_when_a_server_starts(
    registry_dir: Path,
) -> None:
    with silent_port() as dead_port:
        stale = plant(
            registry_dir,
            f"aiomoto-server-{uuid.uuid4()}.json",
            entry_text(dead_port),
            age=DAY + 60,
        )
        fresh = plant(
            registry_dir,
            f"aiomoto-server-{uuid.uuid4()}.json",
            entry_text(dead_port),
            age=DAY - 60,
        )
        with mock_aws(server_mode=True) as ctx:
            assert not stale.exists()
            assert fresh.exists()
            assert ctx.server_registry_path is not None
            assert set(registry_files(registry_dir)) == {
                fresh,
                ctx.server_registry_path,
            }
    assert registry_files(registry_dir) == [fresh]


def test_stale_files_are_left_alone_when_attaching(registry_dir: Path) -> None:
    with mock_aws(server_mode=True) as outer:
        stale = plant(
            registry_dir, f"aiomoto-server-{uuid.uuid4()}.json", "{}", age=2 * DAY
        )
        with mock_aws(server_mode=True, server_port=outer.server_port):
            assert stale.exists()
    assert stale.exists()


@pytest.mark.parametrize(
    "content",
    [
        pytest.param("{not json", id="corrupt-json"),
        pytest.param("", id="empty"),
        pytest.param("[1, 2]", id="a-list"),
        pytest.param('{"endpoint": "http://127.0.0.1:1"}', id="missing-keys"),
        pytest.param(
            '{"endpoint": "e", "host": "127.0.0.1", "pid": 1, "port": "80"}',
            id="port-as-string",
        ),
        pytest.param(
            '{"endpoint": "e", "host": "127.0.0.1", "pid": true, "port": 80}',
            id="pid-as-bool",
        ),
        pytest.param(
            '{"endpoint": 1, "host": "127.0.0.1", "pid": 1, "port": 80}',
            id="endpoint-as-int",
        ),
        pytest.param(b'{"endpoint": "\xff"}', id="not-utf8"),
    ],
)
def test_unreadable_entries_are_skipped_never_fatal(
    registry_dir: Path, content: str | bytes
) -> None:
    bad = plant(registry_dir, f"aiomoto-server-{uuid.uuid4()}.json", content)
    assert running_servers() == []
    with mock_aws(server_mode=True) as ctx:
        [entry] = running_servers()
        assert entry.path == ctx.server_registry_path
    assert bad.exists()


def test_foreign_files_in_the_directory_are_ignored(registry_dir: Path) -> None:
    with silent_port() as port:
        foreign = [
            plant(registry_dir, "notes.txt", "hello", age=2 * DAY),
            plant(registry_dir, "aiomoto-server-x.txt", entry_text(port), age=2 * DAY),
            plant(registry_dir, "other-server-1.json", entry_text(port), age=2 * DAY),
        ]
        directory = registry_dir / "aiomoto-server-dir.json"
        directory.mkdir()
        os.utime(directory, (time.time() - 2 * DAY,) * 2)
        with mock_aws(server_mode=True) as ctx:
            assert [entry.path for entry in running_servers()] == [
                ctx.server_registry_path
            ]
    assert all(path.exists() for path in [*foreign, directory])


def test_running_servers_skips_entries_whose_server_no_longer_answers(
    registry_dir: Path,
) -> None:
    with silent_port() as port:
        plant(registry_dir, f"aiomoto-server-{uuid.uuid4()}.json", entry_text(port))
        assert running_servers() == []
        with mock_aws(server_mode=True) as ctx:
            assert [entry.port for entry in running_servers()] == [ctx.server_port]


def test_a_server_that_stopped_drops_out_of_running_servers(registry_dir: Path) -> None:
    with mock_aws(server_mode=True) as ctx:
        path = ctx.server_registry_path
        assert path is not None
        leftover = path.read_text()
    # As if the process had died without removing its file.
    plant(registry_dir, path.name, leftover)
    assert running_servers() == []


def test_an_entry_whose_process_is_gone_is_not_listed_even_if_the_port_answers(
    registry_dir: Path,
) -> None:
    finished = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    dead_pid = int(finished.stdout)
    with mock_aws(server_mode=True) as ctx:
        # A stale file that names this live server's port, from a dead process.
        plant(
            registry_dir,
            "aiomoto-server-stale.json",
            entry_text(ctx.server_port, dead_pid),
        )
        assert [entry.pid for entry in running_servers()] == [os.getpid()]


def test_an_entry_whose_port_answers_but_not_as_moto_is_not_listed(
    registry_dir: Path,
) -> None:
    with something_else_answering() as port:
        plant(registry_dir, "aiomoto-server-taken.json", entry_text(port, os.getpid()))
        assert running_servers() == []


def test_a_caller_can_scope_the_search_to_a_directory_or_a_process(
    registry_dir: Path, tmp_path: Path
) -> None:
    other = tmp_path / "another-test-run"
    with mock_aws(server_mode=True) as ctx:
        assert running_servers(directory=other) == []
        [entry] = running_servers(directory=registry_dir)
        assert entry.port == ctx.server_port
        assert running_servers(pid=os.getpid()) == [entry]
        assert running_servers(pid=os.getpid() + 1_000_000) == []


def something_else_answering() -> contextlib.AbstractContextManager[int]:
    """A loopback HTTP server that is not Moto: it answers 200 to everything."""
    return http_server_answering(200, b"{}")
