"""Typing of the pytest plugin's public names, checked by mypy --strict.

The factory protocols take boto3-stubs' TypedDicts, so a wrong key schema is
a type error (each ``type: ignore`` below must be needed: mypy --strict
warns about unused ones).
"""

from __future__ import annotations

from typing_extensions import assert_type

from aiomoto import AiomotoError
from aiomoto.pytest_plugin import (
    DynamoDBTableFactory,
    S3BucketFactory,
    UnmockedRequestError,
)


def uses_the_factories(
    s3_bucket_factory: S3BucketFactory, dynamodb_table_factory: DynamoDBTableFactory
) -> None:
    assert_type(s3_bucket_factory(), str)
    assert_type(s3_bucket_factory("reports", region="eu-west-1"), str)
    table = dynamodb_table_factory(
        "events",
        key_schema=[{"AttributeName": "day", "KeyType": "HASH"}],
        attribute_definitions=[{"AttributeName": "day", "AttributeType": "S"}],
    )
    assert_type(table, str)
    dynamodb_table_factory(key_schema=[{"AttributeName": "a", "KeyType": "PRIMARY"}])  # type: ignore[typeddict-item]
    s3_bucket_factory(region=1)  # type: ignore[arg-type]


def test_the_guard_s_error_is_an_aiomoto_error() -> None:
    assert issubclass(UnmockedRequestError, AiomotoError)
