"""Nesting in any order joins one backend; only true conflicts are refused.

A session-wide server-mode context with ``@mock_aws`` tests inside it, a
server-mode block inside an in-process test: one backend, the outermost
``reset``/``remove_data`` rule, the endpoint open while any server-mode
context is entered.
"""

from __future__ import annotations

import asyncio
import os
from contextlib import closing
from pathlib import Path
from typing import Any

import boto3
import pytest
from aiobotocore.session import AioSession

from aiomoto import ActiveMock, ModeConflictError, _lifecycle, mock_aws
from aiomoto._options import ServerAddress
from tests.server.probes import (
    answers,
    bucket_names,
    port_is_released,
    registry_files,
    silent_port,
)

pytestmark = pytest.mark.anyio

AWS_S3 = "https://s3.amazonaws.com"


def in_process_client() -> Any:
    """An S3 client pointed at AWS explicitly: only the in-process door serves it."""
    return boto3.client("s3", region_name="us-east-1", endpoint_url=AWS_S3)


def names_in_process() -> set[str]:
    with closing(in_process_client()) as s3:
        return {bucket["Name"] for bucket in s3.list_buckets()["Buckets"]}


def reported_endpoint(handle: ActiveMock) -> str | None:
    """What the handle says now (a call, so the type checker does not narrow it)."""
    return handle.server_endpoint


def create_bucket(name: str) -> None:
    with closing(boto3.client("s3", region_name="us-east-1")) as s3:
        s3.create_bucket(Bucket=name)


def test_an_in_process_context_inside_a_server_mode_one_joins_it() -> None:
    with mock_aws(server_mode=True) as outer:
        create_bucket("outer")
        with mock_aws() as inner:
            assert _lifecycle.depth() == 2
            # Same backend, the endpoint still open and still injected.
            assert inner.server_endpoint == outer.server_endpoint
            assert names_in_process() == {"outer"}
            with closing(boto3.client("s3")) as s3:
                assert s3.meta.endpoint_url == outer.server_endpoint
            create_bucket("inner")
        # The inner default remove_data is ignored.
        assert bucket_names(outer.server_endpoint) == {"outer", "inner"}


async def test_decorated_tests_inside_a_server_mode_context_join_it() -> None:
    @mock_aws
    def sync_test() -> None:
        create_bucket("from-sync-test")

    @mock_aws
    async def async_test() -> set[str]:
        async with AioSession().create_client("s3") as s3:
            await s3.create_bucket(Bucket="from-async-test")
            listed = await s3.list_buckets()
        return {bucket["Name"] for bucket in listed["Buckets"]}

    async with mock_aws(server_mode=True) as server:
        sync_test()
        assert await async_test() == {"from-sync-test", "from-async-test"}
        assert bucket_names(server.server_endpoint) == {
            "from-sync-test",
            "from-async-test",
        }


def test_a_server_mode_context_inside_an_in_process_one_opens_the_endpoint(
    registry_dir: Path,
) -> None:
    with mock_aws() as outer:
        assert reported_endpoint(outer) is None
        with closing(in_process_client()) as s3:
            s3.create_bucket(Bucket="made-in-process")
        with mock_aws(server_mode=True) as inner:
            endpoint, port = inner.server_endpoint, inner.server_port
            # The endpoint serves the backend the outer context already had.
            assert bucket_names(endpoint) == {"made-in-process"}
            create_bucket("made-through-the-server")
            assert reported_endpoint(outer) == endpoint
            assert registry_files(registry_dir) == [inner.server_registry_path]
        # The endpoint closed with the last server-mode context...
        assert port_is_released(port)
        assert registry_files(registry_dir) == []
        assert reported_endpoint(outer) is None
        assert "AWS_ENDPOINT_URL" not in os.environ
        # ...and the backend lives on.
        assert names_in_process() == {"made-in-process", "made-through-the-server"}
        with closing(boto3.client("s3", region_name="us-east-1")) as s3:
            assert s3.meta.endpoint_url == AWS_S3


def test_the_endpoint_stays_open_while_any_server_mode_context_is_entered() -> None:
    with mock_aws():
        first = mock_aws(server_mode=True)
        second = mock_aws(server_mode=True)
        endpoint = first.start().server_endpoint
        assert second.start().server_endpoint == endpoint
        first.stop()
        assert answers(endpoint)
        assert second.server_endpoint == endpoint
        second.stop()
        assert not answers(endpoint)
        # A later server-mode context opens a new endpoint on the same backend.
        with mock_aws(server_mode=True) as again:
            assert again.server_endpoint != endpoint


def test_an_inner_context_attaching_to_the_active_server_joins_it() -> None:
    with mock_aws(server_mode=True) as server:
        with mock_aws(server_mode=True, server_port=server.server_port) as inner:
            assert inner.server_endpoint == server.server_endpoint
            assert inner.backend == "local"
        with mock_aws(server_mode=True, server_endpoint=server.server_endpoint):
            assert _lifecycle.depth() == 2


def test_a_nested_context_passing_nothing_inherits_the_active_auto_endpoint() -> None:
    with mock_aws(server_mode=True, auto_endpoint="if_missing") as outer:
        inner = mock_aws(server_mode=True)
        with inner:
            with closing(boto3.client("s3", endpoint_url=AWS_S3)) as s3:
                # IF_MISSING kept the explicit endpoint: the outer mode applies.
                assert s3.meta.endpoint_url == AWS_S3
            with closing(boto3.client("s3")) as s3:
                assert s3.meta.endpoint_url == outer.server_endpoint


@pytest.mark.parametrize(
    "same",
    [
        pytest.param({"server_mode": True, "auto_endpoint": "force"}, id="same-mode"),
        pytest.param({"config": {"batch": {"use_docker": False}}}, id="same-config"),
        pytest.param({"reset": True, "remove_data": True}, id="flags"),
    ],
)
def test_a_nested_context_asking_for_what_is_active_joins(same: dict[str, Any]) -> None:
    outer: dict[str, Any] = {
        "server_mode": True,
        "config": {"batch": {"use_docker": False}},
    }
    with mock_aws(**outer):
        create_bucket("still-here")
        with mock_aws(**same):
            assert _lifecycle.depth() == 2
        assert names_in_process() == {"still-here"}


CONFLICTS = [
    pytest.param(
        {"server_mode": True},
        {"server_mode": True, "auto_endpoint": "disabled"},
        "passes auto_endpoint='disabled', but the active one injects with 'force'",
        id="server-mode-another-auto-endpoint",
    ),
    pytest.param(
        {"server_mode": True, "auto_endpoint": "if_missing"},
        {"auto_endpoint": "disabled"},
        "passes auto_endpoint='disabled', but the active one injects with 'if_missing'",
        id="in-process-another-auto-endpoint",
    ),
    pytest.param(
        {},
        {"config": {"lambda": {"use_docker": False}}},
        "passes a Moto config= that differs",
        id="another-config",
    ),
]


@pytest.mark.parametrize(("outer", "inner", "message"), CONFLICTS)
def test_a_nested_context_asking_for_something_else_is_refused_at_enter(
    outer: dict[str, Any], inner: dict[str, Any], message: str, registry_dir: Path
) -> None:
    with mock_aws(**outer) as active:
        environment = dict(os.environ)
        files = registry_files(registry_dir)
        with pytest.raises(ModeConflictError) as raised:
            mock_aws(**inner).__enter__()
        assert message in str(raised.value)
        assert "Nested contexts share one backend and one endpoint" in str(raised.value)
        # Nothing changed.
        assert _lifecycle.depth() == 1
        assert dict(os.environ) == environment
        assert registry_files(registry_dir) == files
        assert (active.server_endpoint is not None) == bool(outer.get("server_mode"))
    assert _lifecycle.depth() == 0


def test_attaching_to_another_server_inside_a_local_backend_is_refused() -> None:
    with silent_port() as port, mock_aws(server_mode=True) as active:
        with pytest.raises(ModeConflictError) as raised:
            mock_aws(server_mode=True, server_port=port).__enter__()
        message = str(raised.value)
        assert (
            f"asks to attach to the Moto server at http://127.0.0.1:{port}" in message
        )
        assert f"serves a local backend through {active.server_endpoint}" in message
        assert "one mock cannot use two backends" in message
    with silent_port() as port, mock_aws():
        with pytest.raises(ModeConflictError, match="serves a local backend in this"):
            mock_aws(server_mode=True, server_port=port).__enter__()


def test_attaching_to_a_second_remote_server_is_refused(
    foreign_server: ServerAddress,
) -> None:
    with (
        silent_port() as port,
        mock_aws(server_mode=True, server_endpoint=foreign_server.endpoint),
    ):
        with pytest.raises(ModeConflictError) as raised:
            mock_aws(server_mode=True, server_port=port).__enter__()
    assert f"the active one is attached to {foreign_server.endpoint}" in str(
        raised.value
    )


async def test_async_with_refuses_a_conflict_before_anything_starts() -> None:
    async with mock_aws(server_mode=True):
        with pytest.raises(ModeConflictError):
            await mock_aws(server_mode=True, auto_endpoint="disabled").__aenter__()
        assert _lifecycle.depth() == 1
    assert _lifecycle.depth() == 0


async def test_tasks_may_leave_in_any_order_with_the_endpoint_open() -> None:
    entered = asyncio.Event()
    leave_server = asyncio.Event()
    endpoints: list[str] = []

    async def in_process_task() -> None:
        async with mock_aws():
            entered.set()
            await leave_server.wait()
            # The server-mode task left first: the endpoint closed, the
            # in-process door still serves the same backend.
            assert names_in_process() == {"made-by-the-server-task"}

    async def server_task() -> None:
        await entered.wait()
        async with mock_aws(server_mode=True) as server:
            endpoints.append(server.server_endpoint)
            create_bucket("made-by-the-server-task")
        leave_server.set()

    await asyncio.gather(in_process_task(), server_task())
    assert _lifecycle.depth() == 0
    assert not answers(endpoints[0])


def test_an_in_process_context_leaving_an_attached_backend_last_does_not_wipe_it(
    foreign_server: ServerAddress,
) -> None:
    attached = mock_aws(server_mode=True, server_endpoint=foreign_server.endpoint)
    in_process = mock_aws()
    attached.start()
    in_process.start()
    create_bucket("outlives-both-contexts")
    attached.stop()
    # The in-process context closes the activation: its default remove_data
    # follows the backend, which is not aiomoto's to wipe.
    in_process.stop()
    assert bucket_names(foreign_server.endpoint) == {"outlives-both-contexts"}
