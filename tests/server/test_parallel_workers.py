"""The recommended fixture layout, run under ``pytest -n 2`` as its own session.

The conftest and ``test_round_trip`` are read from docs/server-mode.md (where
tests/docs runs them as the page shows them). Next to them,
``test_workers.py`` records which server each xdist worker used and which
buckets it saw, meeting the other worker at two barriers (a loopback socket
the outer test serves) so that both buckets exist while each worker lists
its own server. A second session runs
``@mock_aws`` and ``async with mock_aws()`` tests inside the session context.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import socket
import subprocess
import threading
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlsplit

from tests.docs import examples
from tests.server.probes import LOOPBACK

#: The page's fixture layout (conftest.py, test_example.py), read from the page.
LAYOUT = examples.project_named("docs/server-mode.md", "Parallel test runs")


# Four tests for two workers: xdist's load scheduler hands each worker two.
TEST_WORKERS = """\
import json
import os
import socket
from pathlib import Path

import boto3
import pytest

RECORDS = Path(os.environ["WORKER_RECORDS"])


def wait_for_both(prefix: str) -> None:
    # Blocks until both workers have reached ``prefix`` (see Rendezvous).
    port = int(os.environ["WORKER_RENDEZVOUS_PORT"])
    with socket.create_connection(("127.0.0.1", port)) as connection:
        worker = os.environ["PYTEST_XDIST_WORKER"]
        connection.sendall(f"{prefix} {worker}\\n".encode())
        with connection.makefile() as stream:
            answer = stream.readline()
    assert answer == "both\\n", "the other worker never arrived"


@pytest.mark.parametrize("n", [1, 2, 3])
def test_worker_has_its_own_server(n: int) -> None:
    worker = os.environ["PYTEST_XDIST_WORKER"]
    s3 = boto3.client("s3")
    bucket = f"bucket-{worker}-{n}"
    s3.create_bucket(Bucket=bucket)
    wait_for_both("created")
    record = {
        "worker": worker,
        "bucket": bucket,
        "client_endpoint": s3.meta.endpoint_url,
        "env_endpoint": os.environ["AWS_ENDPOINT_URL"],
        "seen": sorted(b["Name"] for b in s3.list_buckets()["Buckets"]),
    }
    (RECORDS / f"seen_{worker}_{n}.json").write_text(json.dumps(record))
    wait_for_both("seen")
    s3.delete_bucket(Bucket=bucket)
    s3.close()
"""


# In-process contexts of every front door, inside the session's server-mode one:
# they join it (same backend, endpoint still injected, nothing reset).
TEST_NESTED = """\
import os

import boto3
import pytest
from aiobotocore.session import AioSession

from aiomoto import mock_aws


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@mock_aws
def test_a_decorated_test_joins_the_session_server() -> None:
    s3 = boto3.client("s3")
    assert s3.meta.endpoint_url == os.environ["AWS_ENDPOINT_URL"]
    s3.create_bucket(Bucket="decorated-" + os.environ["PYTEST_XDIST_WORKER"])
    with mock_aws():
        names = [b["Name"] for b in s3.list_buckets()["Buckets"]]
    assert "decorated-" + os.environ["PYTEST_XDIST_WORKER"] in names
    s3.delete_bucket(Bucket="decorated-" + os.environ["PYTEST_XDIST_WORKER"])
    s3.close()


@pytest.mark.anyio
@mock_aws
async def test_a_decorated_async_test_joins_it() -> None:
    async with AioSession().create_client("s3") as s3:
        assert s3.meta.endpoint_url == os.environ["AWS_ENDPOINT_URL"]
        await s3.create_bucket(Bucket="async-decorated")
        await s3.put_object(Bucket="async-decorated", Key="k", Body=b"v")
        got = await s3.get_object(Bucket="async-decorated", Key="k")
        async with got["Body"] as body:
            assert await body.read() == b"v"
        await s3.delete_object(Bucket="async-decorated", Key="k")
        await s3.delete_bucket(Bucket="async-decorated")


@pytest.mark.anyio
async def test_async_with_joins_it() -> None:
    async with mock_aws():
        async with AioSession().create_client("s3") as s3:
            assert s3.meta.endpoint_url == os.environ["AWS_ENDPOINT_URL"]
            await s3.create_bucket(Bucket="async-with")
            listed = await s3.list_buckets()
            assert "async-with" in [b["Name"] for b in listed["Buckets"]]
            await s3.delete_bucket(Bucket="async-with")
"""


class Rendezvous:
    """Where the inner session's two workers meet: a loopback socket server.

    A worker sends ``"<point> <worker>"`` and is answered ``"both"`` once both
    workers have reached that point (at once for a point both passed), so
    neither polls. It answers ``"late"`` if the other never comes.
    """

    def __init__(self) -> None:
        self.listener = socket.create_server((LOOPBACK, 0))
        self.port: int = self.listener.getsockname()[1]
        self.arrived: dict[str, set[str]] = defaultdict(set)
        self.changed = threading.Condition()
        threading.Thread(target=self.serve, daemon=True).start()

    def __enter__(self) -> Rendezvous:
        return self

    def __exit__(self, *exc_info: object) -> None:
        # Shutting down wakes the thread blocked in accept(); closing does not.
        with contextlib.suppress(OSError):
            self.listener.shutdown(socket.SHUT_RDWR)
        self.listener.close()

    def serve(self) -> None:
        with contextlib.suppress(OSError):  # shut down at the end of the test
            while True:
                connection, _ = self.listener.accept()
                threading.Thread(
                    target=self.answer, args=(connection,), daemon=True
                ).start()

    def answer(self, connection: socket.socket) -> None:
        with connection, connection.makefile("rw") as stream:
            point, worker = stream.readline().split()
            with self.changed:
                self.arrived[point].add(worker)
                self.changed.notify_all()
                both = self.changed.wait_for(lambda: len(self.arrived[point]) >= 2, 60)
            stream.write("both\n" if both else "late\n")


def run_inner_session(
    tmp_path: Path, tests: dict[str, str]
) -> tuple[subprocess.CompletedProcess[str], Path]:
    records = tmp_path / "records"
    records.mkdir()
    environment = examples.project_environment(tmp_path / "registry")
    environment["WORKER_RECORDS"] = str(records)
    rendezvous = Rendezvous()
    environment["WORKER_RENDEZVOUS_PORT"] = str(rendezvous.port)
    layout = dataclasses.replace(LAYOUT, commands=[["-n", "2"]])
    with rendezvous:
        (result,) = examples.run_project(
            layout, tmp_path / "project", extra_files=tests, environment=environment
        )
    return result, records


def test_the_recommended_layout_passes_under_xdist_with_a_server_per_worker(
    tmp_path: Path,
) -> None:
    result, records = run_inner_session(tmp_path, {"test_workers.py": TEST_WORKERS})
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "4 passed" in result.stdout, output

    seen = [json.loads(path.read_text()) for path in records.glob("seen_*.json")]
    endpoints = {record["worker"]: record["client_endpoint"] for record in seen}
    assert sorted(endpoints) == ["gw0", "gw1"], seen
    for record in seen:
        # Each worker's clients follow that worker's own server...
        assert record["client_endpoint"] == endpoints[record["worker"]]
        assert record["env_endpoint"] == record["client_endpoint"]
        assert urlsplit(record["client_endpoint"]).hostname == "127.0.0.1"
        # ...which never holds the other worker's bucket, created before listing.
        assert record["seen"] == [record["bucket"]], seen
    ports = {urlsplit(endpoint).port for endpoint in endpoints.values()}
    assert len(ports) == 2, endpoints
    assert not list((tmp_path / "registry").glob("*.json"))


def test_in_process_tests_inside_the_session_server_join_it_under_xdist(
    tmp_path: Path,
) -> None:
    result, _ = run_inner_session(tmp_path, {"test_nested.py": TEST_NESTED})
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "4 passed" in result.stdout, output
    assert not list((tmp_path / "registry").glob("*.json"))
