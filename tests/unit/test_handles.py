"""What contexts and handles report: only the truth, and only while entered."""

from __future__ import annotations

import os

import boto3
import pytest
from moto.core.config import default_user_config

import aiomoto
from aiomoto import ActiveMock, NotActiveError, _lifecycle, mock_aws


def bucket_names() -> set[str]:
    s3 = boto3.client("s3", region_name="us-east-1")
    return {bucket["Name"] for bucket in s3.list_buckets()["Buckets"]}


def test_entering_gives_a_handle_that_answers_while_its_context_is_entered() -> None:
    context = mock_aws()
    with context as mock:
        assert isinstance(mock, ActiveMock)
        assert mock.backend == "local"
        assert mock.server_endpoint is None
        assert repr(mock) == "<ActiveMock in-process>"
    with pytest.raises(NotActiveError, match="has exited"):
        _ = mock.server_endpoint
    assert repr(mock) == "<ActiveMock exited>"


def test_a_handle_of_an_earlier_activation_does_not_describe_a_later_one() -> None:
    context = mock_aws()
    with context as first:
        pass
    with context:
        with pytest.raises(NotActiveError):
            _ = first.backend


def test_a_context_object_reports_nothing_unless_it_is_entered() -> None:
    idle = mock_aws()
    with mock_aws():
        # Another context is active, but this object is not entered.
        assert idle.server_endpoint is None
        assert idle.server_port is None
        assert _lifecycle.activation_of(idle) is None


def test_the_same_context_entered_twice_stays_entered_until_both_exit() -> None:
    context = mock_aws()
    with context:
        with context as inner:
            assert inner.backend == "local"
        assert _lifecycle.activation_of(context) is not None
    assert _lifecycle.activation_of(context) is None


def test_reset_empties_the_active_backend_mid_test() -> None:
    with mock_aws():
        boto3.client("s3", region_name="us-east-1").create_bucket(Bucket="gone")
        aiomoto.reset()
        assert bucket_names() == set()


def test_reset_with_no_active_context_raises_a_named_error() -> None:
    with pytest.raises(NotActiveError, match=r"aiomoto.reset\(\) empties"):
        aiomoto.reset()


def test_moto_config_is_passed_through_for_the_length_of_the_mock(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "mine")
    before = default_user_config.copy()
    with mock_aws(config={"core": {"mock_credentials": False}}):
        assert default_user_config["core"]["mock_credentials"] is False
        # Moto no longer replaces the environment's credentials.
        assert os.environ["AWS_ACCESS_KEY_ID"] == "mine"
    assert default_user_config == before
    with mock_aws():
        assert os.environ["AWS_ACCESS_KEY_ID"] != "mine"
