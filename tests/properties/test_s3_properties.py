"""S3 objects of any key, metadata and body: what one kind of client writes, the
other reads back identically, and what Moto refuses, both see refused alike.

Keys mix any Unicode (surrogates aside, which cannot be encoded) with every
character S3 reserves or that needs escaping in a URL, up to and past the
1,024-byte limit; bodies run from empty through binary to past 5 MiB;
metadata, content types, storage classes and tags vary, some of them
refused by botocore (non-ASCII metadata) or by Moto (an unknown storage
class, a tag key given twice).
"""

from __future__ import annotations

import string
from collections import Counter
from dataclasses import dataclass
from typing import Any

from hypothesis import example, given
from hypothesis import strategies as st

from tests.properties.conftest import Clients, async_outcome, outcome, sync_and_async
from tests.stress.conftest import figure

BUCKET = "properties"
MIB = 1024 * 1024

#: Characters S3 documents as special or to avoid, and those a URL escapes.
RESERVED = list("&$@=;/:+ ,?\\{}^%`[]\"'<>~#|!*()\t\n\r\x00\x7f")

keys = st.text(
    alphabet=st.one_of(st.characters(codec="utf-8"), st.sampled_from(RESERVED)),
    min_size=1,
    max_size=300,
)

small_bodies = st.binary(max_size=4096)
large_bodies = st.tuples(
    st.binary(min_size=1, max_size=16),
    st.sampled_from([5 * MIB, 5 * MIB + 1, 5 * MIB + 65_537]),
).map(lambda pattern: (pattern[0] * (pattern[1] // len(pattern[0]) + 1))[: pattern[1]])
#: One body in ten is past 5 MiB.
bodies = st.integers(0, 9).flatmap(lambda n: large_bodies if n == 0 else small_bodies)

#: Printable ASCII; one value in ten has non-ASCII characters, which botocore
#: refuses before sending (S3 metadata travels in HTTP headers).
metadata_values = st.integers(0, 9).flatmap(
    lambda n: st.text(
        st.characters(min_codepoint=0x20, max_codepoint=0x7E if n else 0x2FFF),
        max_size=40,
    )
)
metadata = st.dictionaries(
    st.text(string.ascii_lowercase + string.digits + "-_", min_size=1, max_size=20),
    metadata_values,
    max_size=5,
)

content_types = st.sampled_from(
    [None, "application/octet-stream", "text/plain; charset=utf-8", "image/png"]
)

#: Moto refuses an unknown storage class (botocore does not check the enum).
storage_classes = st.sampled_from(
    [None, "STANDARD", "REDUCED_REDUNDANCY", "GLACIER", "NOT_A_CLASS"]
)
#: Moto refuses a tag key given twice.
taggings = st.sampled_from([None, "team=blue", "a=1&b=2", "a=1&a=2"])


@dataclass(frozen=True)
class S3Object:
    key: str
    body: bytes
    metadata: dict[str, str]
    content_type: str | None
    storage_class: str | None = None
    tagging: str | None = None

    def put_arguments(self) -> dict[str, Any]:
        arguments: dict[str, Any] = {
            "Bucket": BUCKET,
            "Key": self.key,
            "Body": self.body,
            "Metadata": self.metadata,
        }
        if self.content_type is not None:
            arguments["ContentType"] = self.content_type
        if self.storage_class is not None:
            arguments["StorageClass"] = self.storage_class
        if self.tagging is not None:
            arguments["Tagging"] = self.tagging
        return arguments


objects = st.builds(
    S3Object, keys, bodies, metadata, content_types, storage_classes, taggings
)


def read_sync(clients: Clients, key: str) -> tuple[str, Any]:
    def get() -> tuple[bytes, dict[str, str], str]:
        response = clients.sync.get_object(Bucket=BUCKET, Key=key)
        return response["Body"].read(), response["Metadata"], response["ContentType"]

    return outcome(get)


async def read_async(clients: Clients, key: str) -> tuple[str, Any]:
    async def get() -> tuple[bytes, dict[str, str], str]:
        response = await clients.aio.get_object(Bucket=BUCKET, Key=key)
        async with response["Body"] as body:
            data = await body.read()
        return data, response["Metadata"], response["ContentType"]

    return await async_outcome(get)


def written_by_one_read_by_the_other(clients: Clients, written: S3Object) -> str:
    """Check one object both ways; say how both kinds of client answered."""
    expected = (
        written.body,
        written.metadata,
        written.content_type or "binary/octet-stream",
    )
    arguments = written.put_arguments()
    by_sync = outcome(clients.sync.put_object, **arguments)
    read_by_async = None
    if by_sync[0] == "ok":
        read_by_async = clients.run(read_async(clients, written.key))
        clients.sync.delete_object(Bucket=BUCKET, Key=written.key)
    by_async = clients.run(async_outcome(clients.aio.put_object, **arguments))
    read_by_sync = None
    if by_async[0] == "ok":
        read_by_sync = read_sync(clients, written.key)
        clients.run(clients.aio.delete_object(Bucket=BUCKET, Key=written.key))
    # Accepted by both, or refused by both with the same code...
    assert by_sync[0] == by_async[0]
    if by_sync[0] != "ok":
        assert by_sync == by_async
    # ...and read back identically, or refused alike (an archived object).
    assert read_by_async == read_by_sync
    if read_by_sync is not None and read_by_sync[0] == "ok":
        assert read_by_sync[1] == expected
        return "read back identically"
    if read_by_sync is not None:
        return f"read refused alike ({read_by_sync[1]})"
    return f"{by_sync[0]} alike ({by_sync[1]})"


def test_any_object_written_by_one_kind_of_client_is_read_back_by_the_other() -> None:
    outcomes: Counter[str] = Counter()
    with sync_and_async("s3") as clients:
        clients.sync.create_bucket(Bucket=BUCKET)

        @given(objects)
        @example(S3Object("empty", b"", {}, None))
        @example(S3Object("x" * 1025, b"too long a key", {}, None))
        @example(S3Object("large/é ☃.bin", b"\x00\xff" * (5 * MIB // 2 + 1), {}, None))
        @example(S3Object("".join(RESERVED), b"reserved", {"a": "b"}, "text/plain"))
        @example(S3Object("refused", b"", {}, None, storage_class="NOT_A_CLASS"))
        def check(written: S3Object) -> None:
            outcomes[written_by_one_read_by_the_other(clients, written)] += 1

        check()
    figure(
        "property examples, S3 objects",
        ", ".join(f"{name} {count}" for name, count in sorted(outcomes.items())),
    )
