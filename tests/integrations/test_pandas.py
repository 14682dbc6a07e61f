"""pandas reads and writes s3:// paths through the local Moto server.

pandas reaches S3 through s3fs (and aiobotocore), so endpoint injection points
it at the server; with injection off or IF_MISSING, an explicit endpoint in
``storage_options`` is honoured. What pandas wrote is checked through boto3.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import closing

import pandas as pd  # type: ignore[import-untyped]
import pytest

from aiomoto import ActiveServer, AutoEndpointMode, mock_aws
from tests.server.probes import (
    HONOURING_EXPLICIT_ENDPOINTS,
    bucket_names,
    explicit_client,
    object_body,
)

BUCKET = "frames"
FRAME = pd.DataFrame({"city": ["Oslo", "Lima"], "temperature": [3, 19]})


def keys(endpoint: str) -> list[str]:
    with closing(explicit_client(endpoint)) as s3:
        listed = s3.list_objects_v2(Bucket=BUCKET).get("Contents", [])
    return sorted(item["Key"] for item in listed if "Key" in item)


@pytest.fixture
def server() -> Iterator[ActiveServer]:
    """A server-mode context (FORCE) with an empty bucket."""
    with mock_aws(server_mode=True) as ctx:
        with closing(explicit_client(ctx.server_endpoint)) as s3:
            s3.create_bucket(Bucket=BUCKET)
        yield ctx


def test_read_csv_reads_an_object_from_the_server(server: ActiveServer) -> None:
    with closing(explicit_client(server.server_endpoint)) as s3:
        s3.put_object(Bucket=BUCKET, Key="in.csv", Body=b"city,temperature\nOslo,3\n")
    frame = pd.read_csv(f"s3://{BUCKET}/in.csv")
    pd.testing.assert_frame_equal(frame, FRAME.head(1))


def test_to_csv_writes_an_object_to_the_server(server: ActiveServer) -> None:
    FRAME.to_csv(f"s3://{BUCKET}/out.csv", index=False)
    body = object_body(server.server_endpoint, BUCKET, "out.csv")
    assert body == FRAME.to_csv(index=False).encode()


def test_parquet_round_trips_through_the_server(server: ActiveServer) -> None:
    FRAME.to_parquet(f"s3://{BUCKET}/frame.parquet", index=False)
    assert keys(server.server_endpoint) == ["frame.parquet"]
    body = object_body(server.server_endpoint, BUCKET, "frame.parquet")
    pd.testing.assert_frame_equal(pd.read_parquet(io.BytesIO(body)), FRAME)
    pd.testing.assert_frame_equal(
        pd.read_parquet(f"s3://{BUCKET}/frame.parquet"), FRAME
    )


@pytest.mark.parametrize("mode", HONOURING_EXPLICIT_ENDPOINTS)
def test_an_explicit_storage_options_endpoint_is_honoured(
    mode: AutoEndpointMode | str,
) -> None:
    with mock_aws(server_mode=True, auto_endpoint=mode) as ctx:
        endpoint = ctx.server_endpoint
        with closing(explicit_client(endpoint)) as s3:
            s3.create_bucket(Bucket=BUCKET)
        options = {"client_kwargs": {"endpoint_url": endpoint}}
        path = f"s3://{BUCKET}/explicit.csv"
        FRAME.to_csv(path, index=False, storage_options=options)
        assert (
            object_body(endpoint, BUCKET, "explicit.csv")
            == FRAME.to_csv(index=False).encode()
        )
        frame = pd.read_csv(path, storage_options=options)
        pd.testing.assert_frame_equal(frame, FRAME)
        FRAME.to_parquet(f"s3://{BUCKET}/explicit.parquet", storage_options=options)
        assert keys(endpoint) == ["explicit.csv", "explicit.parquet"]


def test_if_missing_points_pandas_without_options_at_the_server() -> None:
    with mock_aws(server_mode=True, auto_endpoint="if_missing") as ctx:
        endpoint = ctx.server_endpoint
        with closing(explicit_client(endpoint)) as s3:
            s3.create_bucket(Bucket=BUCKET)
        FRAME.to_csv(f"s3://{BUCKET}/injected.csv", index=False)
        assert keys(endpoint) == ["injected.csv"]
        pd.testing.assert_frame_equal(pd.read_csv(f"s3://{BUCKET}/injected.csv"), FRAME)


def test_each_context_sends_pandas_to_its_own_server() -> None:
    seen = []
    for round_ in range(2):
        with mock_aws(server_mode=True) as ctx:
            endpoint = ctx.server_endpoint
            with closing(explicit_client(endpoint)) as s3:
                s3.create_bucket(Bucket=BUCKET)
            FRAME.to_csv(f"s3://{BUCKET}/round-{round_}.csv", index=False)
            assert keys(endpoint) == [f"round-{round_}.csv"]
            assert bucket_names(endpoint) == {BUCKET}
            seen.append(endpoint)
    assert seen[0] != seen[1]
