"""polars reads, scans and writes s3:// paths through the local Moto server.

polars talks to S3 through its own object store, not botocore: it finds the
server through ``AWS_ENDPOINT_URL`` and ``AWS_ALLOW_HTTP``, which server mode
sets unless auto_endpoint is DISABLED. Explicit ``storage_options`` work in
every mode. What polars wrote is checked through boto3.

polars caches one object store per bucket (and storage options) for the life
of the process, built from the environment of its first use, and offers no
way to clear it. A bucket name reused in a later context would reach the
stopped server of an earlier one, and take seconds of retries to recover. So
every test here uses a bucket name of its own, as a test suite should.
"""

from __future__ import annotations

import io
import uuid
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass

import boto3
import pandas as pd  # type: ignore[import-untyped]
import polars as pl
import pytest
from polars.testing import assert_frame_equal

from aiomoto import AutoEndpointMode, mock_aws
from tests.server.probes import (
    HONOURING_EXPLICIT_ENDPOINTS,
    explicit_client,
    object_body,
    silent_port,
)

FRAME = pl.DataFrame({"city": ["Oslo", "Lima"], "temperature": [3, 19]})


def new_bucket_name() -> str:
    return f"frames-{uuid.uuid4().hex[:12]}"


def create_bucket(endpoint: str, bucket: str) -> None:
    with closing(explicit_client(endpoint)) as s3:
        s3.create_bucket(Bucket=bucket)


def keys(endpoint: str, bucket: str) -> list[str]:
    with closing(explicit_client(endpoint)) as s3:
        listed = s3.list_objects_v2(Bucket=bucket).get("Contents", [])
    return sorted(item["Key"] for item in listed if "Key" in item)


@dataclass(frozen=True)
class Server:
    endpoint: str
    bucket: str

    def put(self, key: str, body: bytes) -> None:
        with closing(explicit_client(self.endpoint)) as s3:
            s3.put_object(Bucket=self.bucket, Key=key, Body=body)

    def keys(self) -> list[str]:
        return keys(self.endpoint, self.bucket)

    def body(self, key: str) -> bytes:
        return object_body(self.endpoint, self.bucket, key)

    def url(self, key: str) -> str:
        return f"s3://{self.bucket}/{key}"


def csv_bytes(frame: pl.DataFrame) -> bytes:
    return frame.write_csv().encode()


def parquet_bytes(frame: pl.DataFrame) -> bytes:
    buffer = io.BytesIO()
    frame.write_parquet(buffer)
    return buffer.getvalue()


@pytest.fixture
def server() -> Iterator[Server]:
    """A server-mode context (FORCE) with an empty bucket of its own."""
    with mock_aws(server_mode=True) as ctx:
        server = Server(ctx.server_endpoint, new_bucket_name())
        create_bucket(server.endpoint, server.bucket)
        yield server


def test_read_csv_reads_an_object_from_the_server(server: Server) -> None:
    server.put("in.csv", csv_bytes(FRAME))
    assert_frame_equal(pl.read_csv(server.url("in.csv")), FRAME)


def test_scan_csv_reads_an_object_from_the_server(server: Server) -> None:
    server.put("in.csv", csv_bytes(FRAME))
    lazy = pl.scan_csv(server.url("in.csv")).filter(pl.col("temperature") > 10)
    assert_frame_equal(lazy.collect(), FRAME.tail(1))


def test_read_parquet_reads_an_object_from_the_server(server: Server) -> None:
    server.put("in.parquet", parquet_bytes(FRAME))
    assert_frame_equal(pl.read_parquet(server.url("in.parquet")), FRAME)


def test_scan_parquet_reads_an_object_from_the_server(server: Server) -> None:
    server.put("in.parquet", parquet_bytes(FRAME))
    lazy = pl.scan_parquet(server.url("in.parquet")).select("city")
    assert_frame_equal(lazy.collect(), FRAME.select("city"))


def test_write_csv_writes_an_object_to_the_server(server: Server) -> None:
    FRAME.write_csv(server.url("out.csv"))
    assert server.keys() == ["out.csv"]
    assert server.body("out.csv") == csv_bytes(FRAME)


def test_write_parquet_writes_an_object_to_the_server(server: Server) -> None:
    FRAME.write_parquet(server.url("out.parquet"))
    assert server.keys() == ["out.parquet"]
    assert_frame_equal(pl.read_parquet(io.BytesIO(server.body("out.parquet"))), FRAME)


@pytest.mark.parametrize("mode", HONOURING_EXPLICIT_ENDPOINTS)
def test_explicit_storage_options_reach_the_server(
    mode: AutoEndpointMode | str,
) -> None:
    with mock_aws(server_mode=True, auto_endpoint=mode) as ctx:
        server = Server(ctx.server_endpoint, new_bucket_name())
        create_bucket(server.endpoint, server.bucket)
        options = {
            "aws_endpoint_url": server.endpoint,
            "aws_region": "us-east-1",
            "aws_allow_http": "true",
        }
        FRAME.write_parquet(server.url("x.parquet"), storage_options=options)
        FRAME.write_csv(server.url("x.csv"), storage_options=options)
        assert server.keys() == ["x.csv", "x.parquet"]
        assert server.body("x.csv") == csv_bytes(FRAME)
        read = pl.read_parquet(server.url("x.parquet"), storage_options=options)
        assert_frame_equal(read, FRAME)
        scanned = pl.scan_csv(server.url("x.csv"), storage_options=options)
        assert_frame_equal(scanned.collect(), FRAME)


def test_each_context_sends_polars_to_its_own_server() -> None:
    seen = []
    for _ in range(2):
        with mock_aws(server_mode=True) as ctx:
            server = Server(ctx.server_endpoint, new_bucket_name())
            create_bucket(server.endpoint, server.bucket)
            FRAME.write_parquet(server.url("round.parquet"))
            assert server.keys() == ["round.parquet"]
            assert_frame_equal(pl.read_parquet(server.url("round.parquet")), FRAME)
            seen.append(server.endpoint)
    assert seen[0] != seen[1]


def test_if_missing_sends_polars_pandas_and_boto3_alike_past_an_ambient_endpoint(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    bucket = new_bucket_name()
    with silent_port() as port:
        # A developer's ambient endpoint, where nothing answers.
        monkeypatch.setenv("AWS_ENDPOINT_URL", f"http://127.0.0.1:{port}")
        with mock_aws(server_mode=True, auto_endpoint="if_missing") as ctx:
            create_bucket(ctx.server_endpoint, bucket)
            with closing(boto3.client("s3")) as s3:
                assert s3.meta.endpoint_url == ctx.server_endpoint
            FRAME.write_csv(f"s3://{bucket}/polars.csv")
            pd.DataFrame({"n": [1]}).to_csv(f"s3://{bucket}/pandas.csv", index=False)
            assert keys(ctx.server_endpoint, bucket) == ["pandas.csv", "polars.csv"]
