"""Failed S3 requests: an async client raises what boto3 raises.

Each bad request is sent by the boto3 client and by each async client; both
must parse Moto's error response to the same code, HTTP status, message and
exception class, that class being the client's modeled one where S3 models
the error (``NoSuchKey``) and a plain ``ClientError`` where it does not.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

import pytest
from botocore.exceptions import ClientError

from tests.services.flavours import S3Flavour

pytestmark = pytest.mark.anyio

BUCKET = "errors"
ELSEWHERE = "errors-in-ireland"


@dataclass(frozen=True)
class Failure:
    exception: str
    is_the_clients_modeled_class: bool
    code: str
    status: int
    message: str


async def failure(s3: S3Flavour, operation: str, params: dict[str, Any]) -> Failure:
    with pytest.raises(ClientError) as caught:
        await s3.call(operation, **params)
    error = caught.value
    code = error.response["Error"]["Code"]
    modeled = s3.client.exceptions.from_code(code)
    return Failure(
        exception=type(error).__name__,
        is_the_clients_modeled_class=type(error) is modeled,
        code=code,
        status=error.response["ResponseMetadata"]["HTTPStatusCode"],
        message=error.response["Error"].get("Message", ""),
    )


@pytest.fixture
async def buckets(boto3_s3: S3Flavour) -> None:
    await boto3_s3.create_bucket(BUCKET)
    await boto3_s3.put(BUCKET, "present", b"x")
    await boto3_s3.call(
        "create_bucket",
        Bucket=ELSEWHERE,
        CreateBucketConfiguration={"LocationConstraint": "eu-west-1"},
    )


MISSING = {"Bucket": BUCKET, "Key": "absent"}
X_ETAG = f'"{hashlib.md5(b"x").hexdigest()}"'  # the ETag of "present"

BAD_REQUESTS = [
    pytest.param("get_object", MISSING, "NoSuchKey", 404, id="get-missing-key"),
    pytest.param(
        "get_object",
        {"Bucket": "no-such-bucket", "Key": "present"},
        "NoSuchBucket",
        404,
        id="get-from-missing-bucket",
    ),
    pytest.param("head_object", MISSING, "404", 404, id="head-missing-key"),
    pytest.param("get_object_tagging", MISSING, "NoSuchKey", 404, id="tags-missing"),
    pytest.param(
        "list_objects_v2",
        {"Bucket": "no-such-bucket"},
        "NoSuchBucket",
        404,
        id="list-missing-bucket",
    ),
    pytest.param(
        "get_object",
        {"Bucket": BUCKET, "Key": "present", "Range": "bytes=100-200"},
        "InvalidRange",
        416,
        id="unsatisfiable-range",
    ),
    pytest.param(
        "get_object",
        {"Bucket": BUCKET, "Key": "present", "IfNoneMatch": X_ETAG},
        "304",
        304,
        id="not-modified",
    ),
    pytest.param(
        "get_object",
        {"Bucket": BUCKET, "Key": "present", "IfMatch": '"another-etag"'},
        "PreconditionFailed",
        412,
        id="precondition-failed",
    ),
    pytest.param(
        "copy_object",
        {"Bucket": BUCKET, "Key": "copy", "CopySource": f"{BUCKET}/absent"},
        "NoSuchKey",
        404,
        id="copy-missing-source",
    ),
    pytest.param(
        "create_bucket",
        {
            "Bucket": ELSEWHERE,
            "CreateBucketConfiguration": {"LocationConstraint": "eu-west-1"},
        },
        "BucketAlreadyOwnedByYou",
        409,
        id="recreate-own-bucket",
    ),
    pytest.param(
        "delete_bucket", {"Bucket": BUCKET}, "BucketNotEmpty", 409, id="delete-full"
    ),
    pytest.param(
        "abort_multipart_upload",
        {**MISSING, "UploadId": "no-such-upload"},
        "NoSuchUpload",
        404,
        id="abort-unknown-upload",
    ),
]


@pytest.mark.usefixtures("buckets")
@pytest.mark.parametrize(("operation", "params", "code", "status"), BAD_REQUESTS)
async def test_an_async_client_fails_a_bad_request_exactly_as_boto3_does(
    boto3_s3: S3Flavour,
    async_s3: S3Flavour,
    operation: str,
    params: dict[str, Any],
    code: str,
    status: int,
) -> None:
    expected = await failure(boto3_s3, operation, params)

    actual = await failure(async_s3, operation, params)

    assert actual == expected
    assert (actual.code, actual.status) == (code, status)
    assert actual.is_the_clients_modeled_class


async def test_a_missing_key_raises_the_clients_modeled_no_such_key(
    async_s3: S3Flavour,
) -> None:
    await async_s3.create_bucket(BUCKET)

    with pytest.raises(async_s3.client.exceptions.NoSuchKey) as caught:
        await async_s3.get(BUCKET, "absent")

    assert caught.value.response["Error"]["Key"] == "absent"
