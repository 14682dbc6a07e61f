"""Moto's per-request lookups are made once per context, and still see changes.

Plain Moto rebuilds a backend's URL table on every request (S3 even reloads
``moto.s3.urls`` to see ``MOTO_S3_CUSTOM_ENDPOINTS``) and lists a response
class's methods to check the action exists. Under aiomoto both are kept for
the context, keyed by what they depend on, so a changed setting or a method
added during the context still gives the answer Moto would have given.
"""

from __future__ import annotations

from typing import Any

import moto
import moto.core.responses
import pytest
from moto.backends import get_backend
from moto.core.base_backend import BaseBackend
from moto.dynamodb.responses import DynamoHandler

import aiomoto
from tests.services.aws_clients import async_client, sync_client

pytestmark = pytest.mark.anyio

#: A loopback address: if Moto ever failed to serve it, nothing leaves the machine.
CUSTOM_ENDPOINT = "http://127.0.0.1:9"
#: The account Moto serves when no other is configured.
MOTO_ACCOUNT = "123456789012"


def s3_backend() -> Any:
    return get_backend("s3")[MOTO_ACCOUNT]["aws"]


def dynamodb_backend() -> Any:
    return get_backend("dynamodb")[MOTO_ACCOUNT]["us-east-1"]


def list_names(clazz: type) -> list[str]:
    """Moto's ``method_names_from_class``, as its dispatcher looks it up now."""
    names: list[str] = vars(moto.core.responses)["method_names_from_class"](clazz)
    return names


def test_a_backend_builds_its_url_table_once_per_context() -> None:
    with aiomoto.mock_aws():
        assert s3_backend().urls is s3_backend().urls
        assert dynamodb_backend().urls is dynamodb_backend().urls


def test_the_next_context_builds_its_own_table_with_the_same_routes() -> None:
    with aiomoto.mock_aws():
        first = s3_backend().urls
    with aiomoto.mock_aws():
        second = s3_backend().urls
    assert second is not first
    assert second.keys() == first.keys()


def test_after_the_context_moto_builds_the_table_per_call_again() -> None:
    original = vars(BaseBackend)["urls"]
    with aiomoto.mock_aws():
        assert vars(BaseBackend)["urls"] is not original
    assert vars(BaseBackend)["urls"] is original
    with moto.mock_aws():
        assert s3_backend().urls is not s3_backend().urls


def test_a_custom_s3_endpoint_set_inside_the_context_enters_the_table(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with aiomoto.mock_aws():
        before = s3_backend().urls
        monkeypatch.setenv("MOTO_S3_CUSTOM_ENDPOINTS", CUSTOM_ENDPOINT)
        with_custom = s3_backend().urls
        monkeypatch.delenv("MOTO_S3_CUSTOM_ENDPOINTS")
        after = s3_backend().urls
    assert not any(CUSTOM_ENDPOINT in url for url in before)
    assert any(CUSTOM_ENDPOINT in url for url in with_custom)
    assert after is before


def test_enabling_iso_regions_inside_the_context_enters_their_domains(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with aiomoto.mock_aws():
        assert not any("c2s.ic.gov" in url for url in dynamodb_backend().urls)
        monkeypatch.setenv("MOTO_ENABLE_ISO_REGIONS", "true")
        assert any("c2s.ic.gov" in url for url in dynamodb_backend().urls)


async def test_sync_and_async_clients_share_a_bucket_through_a_custom_endpoint(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    async with aiomoto.mock_aws():
        with sync_client("s3") as s3:
            s3.create_bucket(Bucket="shared")
        monkeypatch.setenv("MOTO_S3_CUSTOM_ENDPOINTS", CUSTOM_ENDPOINT)
        async with async_client(
            "aiobotocore", "s3", endpoint_url=CUSTOM_ENDPOINT
        ) as aio:
            await aio.put_object(Bucket="shared", Key="report.csv", Body=b"a,b\n1,2\n")
        with sync_client("s3", endpoint_url=CUSTOM_ENDPOINT) as s3:
            body = s3.get_object(Bucket="shared", Key="report.csv")["Body"].read()
    assert body == b"a,b\n1,2\n"


def test_a_response_class_lists_its_methods_once_per_context() -> None:
    with aiomoto.mock_aws():
        names = list_names(DynamoHandler)
        assert names is list_names(DynamoHandler)
    assert "put_item" in names
    assert names == list_names(DynamoHandler)


def test_a_method_added_during_the_context_is_listed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with aiomoto.mock_aws():
        assert "describe_widgets" not in list_names(DynamoHandler)
        monkeypatch.setattr(
            DynamoHandler, "describe_widgets", lambda self: "{}", raising=False
        )
        assert "describe_widgets" in list_names(DynamoHandler)
        monkeypatch.delattr(DynamoHandler, "describe_widgets")
        assert "describe_widgets" not in list_names(DynamoHandler)


async def test_an_action_removed_during_the_context_is_refused_by_moto(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    async with (
        aiomoto.mock_aws(),
        async_client("aiobotocore", "dynamodb") as dynamodb,
    ):
        assert (await dynamodb.list_tables())["TableNames"] == []
        monkeypatch.delattr(DynamoHandler, "list_tables")
        with pytest.raises(NotImplementedError, match="list_tables action has not"):
            await dynamodb.list_tables()
        monkeypatch.undo()
        assert (await dynamodb.list_tables())["TableNames"] == []


def test_a_method_swapped_for_another_of_the_same_count_is_listed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with aiomoto.mock_aws():
        before = list_names(DynamoHandler)
        assert "list_tables" in before
        monkeypatch.delattr(DynamoHandler, "list_tables")
        monkeypatch.setattr(
            DynamoHandler, "list_widgets", lambda self: "{}", raising=False
        )
        after = list_names(DynamoHandler)
    assert len(after) == len(before)
    assert "list_tables" not in after
    assert "list_widgets" in after
