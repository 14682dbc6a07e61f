"""s3fs and pandas: every top-level context starts fresh, in either mode.

s3fs caches filesystem instances (and each instance's directory listings) per
process, and an async instance keeps an aiobotocore client bound to the loop
it was made on. The second of two top-level contexts must still see an empty
backend, whatever kind of filesystem the first one made, with no stale
listing, no ``FileExistsError`` and no warning about sessions left open on a
loop that is gone (warnings are errors here).
"""

from __future__ import annotations

import asyncio
import gc
from contextlib import closing

import boto3
import pandas as pd  # type: ignore[import-untyped]
import pytest
import s3fs  # type: ignore[import-untyped]

from aiomoto import mock_aws

BUCKET = "fresh-every-time"


def create_bucket() -> None:
    with closing(boto3.client("s3", region_name="us-east-1")) as s3:
        s3.create_bucket(Bucket=BUCKET)


MODES = [
    pytest.param(False, id="in-process"),
    pytest.param(True, id="server-mode"),
]


def sync_round(key: str, server_mode: bool = False) -> list[str]:
    """One top-level context: list, then write, through a sync filesystem."""
    with mock_aws(server_mode=server_mode):
        create_bucket()
        fs = s3fs.S3FileSystem()
        before: list[str] = fs.ls(BUCKET)
        fs.pipe_file(f"{BUCKET}/{key}", b"data")
        fs.mkdir(f"{BUCKET}/folder")
        assert fs.ls(BUCKET) == [f"{BUCKET}/{key}"]
    return before


async def async_round(key: str, server_mode: bool = False) -> list[str]:
    async with mock_aws(server_mode=server_mode):
        create_bucket()
        fs = s3fs.S3FileSystem(asynchronous=True)
        await fs.set_session()
        before: list[str] = await fs._ls(BUCKET)
        await fs._pipe_file(f"{BUCKET}/{key}", b"data")
        assert await fs._ls(BUCKET) == [f"{BUCKET}/{key}"]
    return before


@pytest.mark.parametrize("server_mode", MODES)
def test_sync_s3fs_sees_a_fresh_backend_in_the_next_context(server_mode: bool) -> None:
    assert sync_round("first.txt", server_mode) == []
    assert sync_round("second.txt", server_mode) == []


@pytest.mark.parametrize("server_mode", MODES)
def test_async_s3fs_on_a_new_loop_sees_a_fresh_backend(server_mode: bool) -> None:
    assert asyncio.run(async_round("first.txt", server_mode)) == []
    assert asyncio.run(async_round("second.txt", server_mode)) == []
    # What was forgotten is collected now, inside the test: no warning either.
    gc.collect()


@pytest.mark.parametrize("server_mode", MODES)
def test_async_s3fs_on_the_same_loop_sees_a_fresh_backend(server_mode: bool) -> None:
    async def both() -> tuple[list[str], list[str]]:
        first = await async_round("first.txt", server_mode)
        return first, await async_round("second.txt", server_mode)

    assert asyncio.run(both()) == ([], [])
    gc.collect()


def test_sync_then_async_then_sync_each_start_empty() -> None:
    assert sync_round("a.txt") == []
    assert asyncio.run(async_round("b.txt")) == []
    assert sync_round("c.txt") == []


@pytest.mark.parametrize("round_number", [1, 2])
def test_pandas_csv_and_parquet_in_process_start_fresh(round_number: int) -> None:
    frame = pd.DataFrame({"n": [round_number]})
    options = {"anon": False}
    for _ in range(2):
        with mock_aws():
            create_bucket()
            fs = s3fs.S3FileSystem()
            assert fs.ls(BUCKET) == []
            frame.to_csv(f"s3://{BUCKET}/n.csv", index=False, storage_options=options)
            frame.to_parquet(f"s3://{BUCKET}/n.parquet", storage_options=options)
            read = pd.read_csv(f"s3://{BUCKET}/n.csv", storage_options=options)
            pd.testing.assert_frame_equal(read, frame)
            parquet = pd.read_parquet(
                f"s3://{BUCKET}/n.parquet", storage_options=options
            )
            pd.testing.assert_frame_equal(parquet, frame)
