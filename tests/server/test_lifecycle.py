"""The server-mode lifecycle: attributes, the three front doors, reset, nesting."""

from __future__ import annotations

import asyncio
import importlib.util
import threading
from contextlib import closing
from pathlib import Path

import boto3
import pytest

from aiomoto import _lifecycle, mock_aws
from aiomoto._server import registry
from tests.server.probes import answers, bucket_names, port_is_released

pytestmark = pytest.mark.anyio

# trio comes with the dev tools of the "latest" environment only.
ANYIO_BACKENDS = ["asyncio"] + (["trio"] if importlib.util.find_spec("trio") else [])

SERVER_ATTRIBUTES = [
    "server_endpoint",
    "server_host",
    "server_port",
    "server_registry_path",
]


def client_endpoint() -> str:
    with closing(boto3.client("s3")) as s3:
        endpoint: str = s3.meta.endpoint_url
    return endpoint


def create_bucket(name: str) -> None:
    with closing(boto3.client("s3")) as s3:
        s3.create_bucket(Bucket=name)


def test_the_server_attributes_are_set_only_while_the_context_is_active(
    registry_dir: Path,
) -> None:
    ctx = mock_aws(server_mode=True)
    assert [getattr(ctx, name) for name in SERVER_ATTRIBUTES] == [None] * 4
    with ctx:
        port = ctx.server_port
        assert isinstance(port, int)
        assert ctx.server_host == "127.0.0.1"
        assert ctx.server_endpoint == f"http://127.0.0.1:{port}"
        assert ctx.server_registry_path is not None
        assert ctx.server_registry_path.parent == registry_dir
    assert [getattr(ctx, name) for name in SERVER_ATTRIBUTES] == [None] * 4


def test_an_in_process_context_has_no_server_attributes() -> None:
    with mock_aws() as ctx:
        assert [getattr(ctx, name) for name in SERVER_ATTRIBUTES] == [None] * 4


@pytest.mark.parametrize("name", SERVER_ATTRIBUTES)
def test_the_server_attributes_are_read_only(name: str) -> None:
    with mock_aws(server_mode=True) as ctx:
        before = getattr(ctx, name)
        with pytest.raises(AttributeError):
            setattr(ctx, name, "http://127.0.0.1:1")
        assert getattr(ctx, name) == before


def test_the_server_answers_inside_and_its_port_is_released_after_exit() -> None:
    with mock_aws(server_mode=True) as ctx:
        endpoint, port = ctx.server_endpoint, ctx.server_port
        assert endpoint is not None
        assert port is not None
        assert answers(endpoint)
        assert not port_is_released(port)
    assert port_is_released(port)
    assert not answers(endpoint)


def test_the_port_is_released_only_after_the_outermost_exit() -> None:
    with mock_aws(server_mode=True) as outer:
        port = outer.server_port
        assert port is not None
        with mock_aws(server_mode=True):
            pass
        assert not port_is_released(port)
    assert port_is_released(port)


def test_a_sync_function_decorated_in_server_mode_runs_against_the_server() -> None:
    @mock_aws(server_mode=True)
    def body() -> tuple[str, set[str]]:
        create_bucket("decorated-sync")
        endpoint = client_endpoint()
        return endpoint, bucket_names(endpoint)

    endpoint, names = body()
    assert endpoint.startswith("http://127.0.0.1:")
    assert names == {"decorated-sync"}
    assert _lifecycle.depth() == 0
    assert not answers(endpoint)


async def test_an_async_function_decorated_in_server_mode_runs_against_it() -> None:
    @mock_aws(server_mode=True)
    async def body() -> tuple[str, set[str]]:
        create_bucket("decorated-async")
        endpoint = client_endpoint()
        return endpoint, bucket_names(endpoint)

    endpoint, names = await body()
    assert endpoint.startswith("http://127.0.0.1:")
    assert names == {"decorated-async"}
    assert _lifecycle.depth() == 0
    assert not answers(endpoint)


async def test_async_with_starts_and_stops_without_blocking_the_loop(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    loop = asyncio.get_running_loop()
    loop_thread = threading.get_ident()

    def loop_keeps_ticking() -> None:
        # Called in the middle of starting and of stopping, in whatever thread
        # runs them: if that were the event loop's own thread, the loop could
        # not run this coroutine and the wait would never end.
        assert threading.get_ident() != loop_thread
        ran = asyncio.run_coroutine_threadsafe(asyncio.sleep(0), loop)
        ran.result(timeout=60)

    write, remove = registry.write, registry.remove

    def write_while_ticking(endpoint: str, host: str, port: int) -> Path:
        loop_keeps_ticking()
        return write(endpoint, host, port)

    def remove_while_ticking(path: Path) -> None:
        loop_keeps_ticking()
        remove(path)

    monkeypatch.setattr(registry, "write", write_while_ticking)
    monkeypatch.setattr(registry, "remove", remove_while_ticking)
    async with mock_aws(server_mode=True) as ctx:
        assert ctx.server_endpoint is not None
        assert answers(ctx.server_endpoint)
        port = ctx.server_port
    assert port is not None
    assert port_is_released(port)


@pytest.mark.parametrize("anyio_backend", ANYIO_BACKENDS)
async def test_async_with_serves_clients_under_either_anyio_backend(
    anyio_backend: str,
) -> None:
    async with mock_aws(server_mode=True) as ctx:
        assert ctx.server_endpoint is not None
        create_bucket(f"under-{anyio_backend}")
        assert bucket_names(ctx.server_endpoint) == {f"under-{anyio_backend}"}
        port = ctx.server_port
    assert port is not None
    assert port_is_released(port)
    assert _lifecycle.depth() == 0


def test_a_default_top_level_context_starts_empty_after_earlier_server_data() -> None:
    with mock_aws(server_mode=True, remove_data=False):
        create_bucket("left-behind")
    with mock_aws(server_mode=True) as ctx:
        assert ctx.server_endpoint is not None
        assert bucket_names(ctx.server_endpoint) == set()
    # The server shares this process's backends: in-process mode is clean too.
    with mock_aws(), closing(boto3.client("s3", region_name="us-east-1")) as s3:
        assert s3.list_buckets()["Buckets"] == []


def test_reset_false_and_remove_data_false_keep_data_between_contexts() -> None:
    with mock_aws(server_mode=True, remove_data=False) as first:
        create_bucket("kept")
        first_endpoint = first.server_endpoint
    with mock_aws(server_mode=True, reset=False) as second:
        assert second.server_endpoint is not None
        assert second.server_endpoint != first_endpoint
        assert bucket_names(second.server_endpoint) == {"kept"}


def test_the_outermost_remove_data_empties_the_backends_at_exit() -> None:
    with mock_aws(server_mode=True):
        create_bucket("removed")
    with mock_aws(server_mode=True, reset=False) as ctx:
        assert ctx.server_endpoint is not None
        assert bucket_names(ctx.server_endpoint) == set()


def test_nested_contexts_share_the_outer_server_and_ignore_their_own_flags() -> None:
    with mock_aws(server_mode=True) as outer:
        endpoint = outer.server_endpoint
        assert endpoint is not None
        create_bucket("outer")
        inner_context = mock_aws(server_mode=True, reset=True, remove_data=True)
        with inner_context as inner:
            assert inner.server_endpoint == endpoint
            assert inner.server_registry_path == outer.server_registry_path
            # The inner reset is ignored and the outer FORCE inherited.
            assert bucket_names(endpoint) == {"outer"}
            assert client_endpoint() == endpoint
            create_bucket("inner")
        # The inner remove_data is ignored too.
        assert bucket_names(endpoint) == {"outer", "inner"}
        assert answers(endpoint)
        assert _lifecycle.depth() == 1


def test_one_context_instance_can_be_entered_again() -> None:
    ctx = mock_aws(server_mode=True)
    with ctx:
        first = ctx.server_endpoint
        with ctx:
            assert ctx.server_endpoint == first
        assert _lifecycle.depth() == 1
    with ctx:
        assert ctx.server_endpoint is not None
        assert answers(ctx.server_endpoint)
    assert ctx.server_endpoint is None
