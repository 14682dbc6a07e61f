"""One backend, every door: tools that cannot be patched see what in-process
clients wrote, and the other way round, inside one context."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid

import boto3
import pandas as pd  # type: ignore[import-untyped]
import polars as pl
import pytest
from aiobotocore.session import AioSession

from aiomoto import mock_aws

pytestmark = pytest.mark.anyio

CSV = b"city,temperature\nOslo,3\nLima,19\n"

#: An AWS-CLI-style tool in another process: it knows only the environment.
SUBPROCESS_READER = """\
import json, sys
import boto3
s3 = boto3.client("s3")
body = s3.get_object(Bucket=sys.argv[1], Key=sys.argv[2])["Body"].read()
print(json.dumps({"endpoint": s3.meta.endpoint_url, "body": body.decode()}))
"""


def unique_bucket() -> str:
    # polars keeps one object store per bucket name for the process's life.
    return f"doors-{uuid.uuid4().hex[:12]}"


def read_in_a_subprocess(bucket: str, key: str) -> dict[str, str]:
    finished = subprocess.run(
        [sys.executable, "-c", SUBPROCESS_READER, bucket, key],
        env=dict(os.environ),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    answer: dict[str, str] = json.loads(finished.stdout)
    return answer


async def test_every_tool_reads_what_an_in_process_async_client_wrote() -> None:
    bucket = unique_bucket()
    # Made before the context: never pointed at the server, so served in-process.
    made_before = AioSession().create_client(
        "s3",
        region_name="us-east-1",
        aws_access_key_id="made",
        aws_secret_access_key="before",
    )
    async with made_before as s3, mock_aws(server_mode=True) as server:
        await s3.create_bucket(Bucket=bucket)
        await s3.put_object(Bucket=bucket, Key="cities.csv", Body=CSV)

        frame = pd.read_csv(f"s3://{bucket}/cities.csv")
        assert frame["city"].tolist() == ["Oslo", "Lima"]
        assert pl.read_csv(f"s3://{bucket}/cities.csv")["temperature"].to_list() == [
            3,
            19,
        ]
        answer = read_in_a_subprocess(bucket, "cities.csv")
        assert answer == {"endpoint": server.server_endpoint, "body": CSV.decode()}


async def test_an_in_process_client_reads_what_the_tools_wrote() -> None:
    bucket = unique_bucket()
    async with mock_aws():
        boto3.client("s3", region_name="us-east-1").create_bucket(Bucket=bucket)
        # A server-mode block inside an in-process test, for the tools only.
        with mock_aws(server_mode=True):
            pd.DataFrame({"n": [1, 2]}).to_csv(f"s3://{bucket}/pandas.csv", index=False)
            pl.DataFrame({"n": [3]}).write_csv(f"s3://{bucket}/polars.csv")
        async with AioSession().create_client("s3", region_name="us-east-1") as s3:
            assert s3.meta.endpoint_url == "https://s3.amazonaws.com"
            pandas_csv = await s3.get_object(Bucket=bucket, Key="pandas.csv")
            polars_csv = await s3.get_object(Bucket=bucket, Key="polars.csv")
            assert await pandas_csv["Body"].read() == b"n\n1\n2\n"
            assert await polars_csv["Body"].read() == b"n\n3\n"
