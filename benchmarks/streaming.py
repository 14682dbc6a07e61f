"""A large S3 object: put, then streamed back in fixed-size chunks.

aiobotocore under aiomoto against boto3 under plain Moto, each with botocore's
default checksums (CRC32 on the put, validation on the get) and with both set
to ``"when_required"``. The speed run times ``puts`` puts and ``gets``
streamed reads (the figures are the median put and the median get); the
memory run traces one put + streamed get with ``tracemalloc`` (which slows
everything down, so it never shares a run with the timings) and reports the
peak above what was allocated before the put, and the get's own peak.
"""

from __future__ import annotations

import asyncio
import statistics
import time
import tracemalloc
from collections.abc import Callable
from typing import Any

import boto3
import moto
from aiobotocore.config import AioConfig
from aiobotocore.session import AioSession
from botocore.config import Config
from harness import Figures, Variant

import aiomoto

REGION = "us-east-1"
BUCKET = "aiomoto-bench-stream"
KEY = "large-object"
CHUNK = 1024 * 1024

_WHEN_REQUIRED: dict[str, Any] = {
    "request_checksum_calculation": "when_required",
    "response_checksum_validation": "when_required",
}


class _Trace:
    """Peaks of traced memory above the starting point: the whole block's, and
    the part after ``mark()`` (the get's)."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.peak = self.last_peak = 0

    def __enter__(self) -> _Trace:
        if self.enabled:
            tracemalloc.start()
            tracemalloc.reset_peak()
        return self

    def mark(self) -> None:
        if self.enabled:
            self.peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.reset_peak()

    def __exit__(self, *exc_info: object) -> None:
        if self.enabled:
            self.last_peak = tracemalloc.get_traced_memory()[1]
            self.peak = max(self.peak, self.last_peak)
            tracemalloc.stop()


def _figures(
    size: int, put_seconds: list[float], get_seconds: list[float], traced: _Trace
) -> Figures:
    if traced.enabled:
        return {
            "peak_bytes": float(traced.peak),
            "peak_mib": traced.peak / 2**20,
            "get_peak_bytes": float(traced.last_peak),
        }
    # Medians: one burst of machine noise moves them less than a mean.
    put = statistics.median(put_seconds)
    get = statistics.median(get_seconds)
    return {
        "put_seconds": put,
        "get_seconds": get,
        "put_mb_per_s": size / put / 1e6,
        "get_mb_per_s": size / get / 1e6,
    }


async def _aiobotocore(
    payload: bytes, puts: int, gets: int, checksums: bool, trace: bool
) -> Figures:
    config = AioConfig() if checksums else AioConfig(**_WHEN_REQUIRED)
    session = AioSession()
    async with (
        aiomoto.mock_aws(),
        session.create_client("s3", region_name=REGION, config=config) as s3,
    ):
        await s3.create_bucket(Bucket=BUCKET)
        put_seconds: list[float] = []
        get_seconds: list[float] = []
        with _Trace(trace) as traced:
            for _ in range(puts):
                start = time.perf_counter()
                await s3.put_object(Bucket=BUCKET, Key=KEY, Body=payload)
                put_seconds.append(time.perf_counter() - start)
            traced.mark()
            for _ in range(gets):
                start = time.perf_counter()
                response = await s3.get_object(Bucket=BUCKET, Key=KEY)
                received = 0
                async with response["Body"] as body:
                    async for chunk in body.iter_chunks(CHUNK):
                        received += len(chunk)
                get_seconds.append(time.perf_counter() - start)
                _check(received, payload)
    return _figures(len(payload), put_seconds, get_seconds, traced)


def _boto3(
    payload: bytes, puts: int, gets: int, checksums: bool, trace: bool
) -> Figures:
    config = Config() if checksums else Config(**_WHEN_REQUIRED)
    with moto.mock_aws():
        s3: Any = boto3.client("s3", region_name=REGION, config=config)
        try:
            s3.create_bucket(Bucket=BUCKET)
            put_seconds: list[float] = []
            get_seconds: list[float] = []
            with _Trace(trace) as traced:
                for _ in range(puts):
                    start = time.perf_counter()
                    s3.put_object(Bucket=BUCKET, Key=KEY, Body=payload)
                    put_seconds.append(time.perf_counter() - start)
                traced.mark()
                for _ in range(gets):
                    start = time.perf_counter()
                    body = s3.get_object(Bucket=BUCKET, Key=KEY)["Body"]
                    received = 0
                    for chunk in body.iter_chunks(CHUNK):
                        received += len(chunk)
                    body.close()
                    get_seconds.append(time.perf_counter() - start)
                    _check(received, payload)
        finally:
            s3.close()
    return _figures(len(payload), put_seconds, get_seconds, traced)


def _check(received: int, payload: bytes) -> None:
    if received != len(payload):
        raise RuntimeError(f"streamed {received} bytes back, put {len(payload)}")


def stream_variants(
    payload: bytes, *, puts: int, gets: int, trace: bool
) -> list[Variant]:
    """aiomoto and plain Moto, with default and with when_required checksums.

    The memory run (``trace``) does one put + streamed get per measurement;
    the speed run ``puts`` puts and ``gets`` gets.
    Warm-ups use a one-chunk object: they only load the code paths.
    """
    puts, gets = (1, 1) if trace else (puts, gets)
    small = payload[:CHUNK]

    def aio(checksums: bool) -> tuple[Callable[[], Figures], Callable[[], Figures]]:
        return (
            lambda: asyncio.run(_aiobotocore(payload, puts, gets, checksums, trace)),
            lambda: asyncio.run(_aiobotocore(small, 1, 1, checksums, trace)),
        )

    def sync(checksums: bool) -> tuple[Callable[[], Figures], Callable[[], Figures]]:
        return (
            lambda: _boto3(payload, puts, gets, checksums, trace),
            lambda: _boto3(small, 1, 1, checksums, trace),
        )

    return [
        Variant("aiomoto", "aiobotocore, aiomoto, default checksums", *aio(True)),
        Variant("moto", "boto3, plain moto, default checksums", *sync(True)),
        Variant("aiomoto_nock", "aiobotocore, aiomoto, when_required", *aio(False)),
        Variant("moto_nock", "boto3, plain moto, when_required", *sync(False)),
    ]
