"""The resources the plugin's factory fixtures make, and their cleanup.

``s3_bucket_factory`` and ``dynamodb_table_factory`` (see
:mod:`aiomoto.pytest_plugin`) yield one of these per test. Each creates
with a boto3 client made on first use inside the test's mock (so in server
mode it is pointed at the server), returns names that any client can use,
and deletes what it made when the test ends, newest first; boto3 is imported
on first use only. The boto3-stubs types are for the type checker alone.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from contextlib import ExitStack, suppress
from typing import TYPE_CHECKING, Any, TypeVar, cast

if TYPE_CHECKING:
    from mypy_boto3_dynamodb import DynamoDBClient
    from mypy_boto3_dynamodb.type_defs import (
        AttributeDefinitionTypeDef,
        KeySchemaElementTypeDef,
    )
    from mypy_boto3_s3 import S3Client
    from mypy_boto3_s3.literals import BucketLocationConstraintType
    from typing_extensions import Self

T = TypeVar("T")


class _Factory:
    """Makes AWS resources for one test; leaving it deletes them, newest first.

    Clients are made on first use, inside the test's mock (so in server mode
    they are pointed at the server), and closed last.
    """

    def __init__(self) -> None:
        self._clients: dict[tuple[str, str | None], Any] = {}
        self._stack = ExitStack()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._stack.close()

    def _client(self, key: tuple[str, str | None], make: Callable[[], T]) -> T:
        if key not in self._clients:
            client: Any = make()
            self._stack.callback(client.close)
            self._clients[key] = client
        return cast(T, self._clients[key])


def _unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:16]}"


class S3BucketFactory(_Factory):
    """What ``s3_bucket_factory`` gives: call it for an empty bucket."""

    def __call__(self, name: str | None = None, *, region: str | None = None) -> str:
        """Create an empty bucket (a unique name unless given) in ``region``
        (the client's default unless given); return its name."""
        import boto3

        bucket = name or _unique("test-bucket")
        s3: S3Client = self._client(
            ("s3", region), lambda: boto3.client("s3", region_name=region)
        )
        where = region or s3.meta.region_name
        if where == "us-east-1":
            s3.create_bucket(Bucket=bucket)
        else:
            constraint = cast("BucketLocationConstraintType", where)
            s3.create_bucket(
                Bucket=bucket,
                CreateBucketConfiguration={"LocationConstraint": constraint},
            )
        self._stack.callback(_delete_bucket, s3, bucket)
        return bucket


class DynamoDBTableFactory(_Factory):
    """What ``dynamodb_table_factory`` gives: call it for an empty table."""

    def __call__(
        self,
        name: str | None = None,
        *,
        key_schema: Sequence[KeySchemaElementTypeDef] | None = None,
        attribute_definitions: Sequence[AttributeDefinitionTypeDef] | None = None,
    ) -> str:
        """Create an empty on-demand table (a unique name unless given; a
        string hash key ``pk`` unless ``key_schema`` is given); return its name."""
        import boto3

        table = name or _unique("test-table")
        dynamodb: DynamoDBClient = self._client(
            ("dynamodb", None), lambda: boto3.client("dynamodb")
        )
        dynamodb.create_table(
            TableName=table,
            KeySchema=key_schema or [{"AttributeName": "pk", "KeyType": "HASH"}],
            AttributeDefinitions=attribute_definitions
            or [{"AttributeName": "pk", "AttributeType": "S"}],
            BillingMode="PAY_PER_REQUEST",
        )
        self._stack.callback(_delete_table, dynamodb, table)
        return table


def _delete_bucket(s3: S3Client, bucket: str) -> None:
    """Delete every object version and delete marker, then the bucket."""
    from botocore.exceptions import ClientError

    try:
        for page in s3.get_paginator("list_object_versions").paginate(Bucket=bucket):
            entries = [*page.get("Versions", []), *page.get("DeleteMarkers", [])]
            if entries:
                s3.delete_objects(
                    Bucket=bucket,
                    Delete={
                        "Objects": [
                            {"Key": e["Key"], "VersionId": e["VersionId"]}
                            for e in entries
                        ],
                        "Quiet": True,
                    },
                )
        s3.delete_bucket(Bucket=bucket)
    except ClientError as error:
        if error.response.get("Error", {}).get("Code") != "NoSuchBucket":
            raise


def _delete_table(dynamodb: DynamoDBClient, table: str) -> None:
    with suppress(dynamodb.exceptions.ResourceNotFoundException):
        dynamodb.delete_table(TableName=table)
