"""A small DynamoDB table of songs, shared by the DynamoDB service tests.

The table is keyed by ``artist`` (partition) and ``title`` (sort), so a query
reads one artist's songs in title order.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

TABLE = "songs"

#: ``create_table`` arguments, for boto3 and async clients alike.
SONGS_TABLE: dict[str, Any] = {
    "TableName": TABLE,
    "KeySchema": [
        {"AttributeName": "artist", "KeyType": "HASH"},
        {"AttributeName": "title", "KeyType": "RANGE"},
    ],
    "AttributeDefinitions": [
        {"AttributeName": "artist", "AttributeType": "S"},
        {"AttributeName": "title", "AttributeType": "S"},
    ],
    "BillingMode": "PAY_PER_REQUEST",
}


def key(artist: str, title: str) -> dict[str, Any]:
    """The low-level key of one song."""
    return {"artist": {"S": artist}, "title": {"S": title}}


def song(artist: str, title: str, plays: int = 0) -> dict[str, Any]:
    """The low-level item of one song."""
    return {**key(artist, title), "plays": {"N": str(plays)}}


def titles(items: Iterable[Mapping[str, Any]]) -> list[str]:
    """The titles of low-level items, in the order given."""
    return [item["title"]["S"] for item in items]
