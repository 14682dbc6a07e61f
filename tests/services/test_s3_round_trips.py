"""S3 objects written by one client flavour are read back by every other."""

from __future__ import annotations

import pytest

from tests.services.flavours import S3Flavour

pytestmark = pytest.mark.anyio


async def test_an_object_written_by_one_flavour_reads_back_in_another(
    writer: S3Flavour, reader: S3Flavour
) -> None:
    await writer.create_bucket("round-trip")
    await writer.put("round-trip", "greeting.txt", b"hello")

    assert await reader.get("round-trip", "greeting.txt") == b"hello"
