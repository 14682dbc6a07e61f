"""DynamoDB items of every attribute type: what one kind of client writes, the
other reads back identically, and what Moto refuses, both see refused alike.

Items hold strings (empty ones too, allowed outside keys), numbers, binary,
booleans, nulls, string/number/binary sets (empty ones and duplicates
included, which DynamoDB refuses), and lists and maps nested to any depth.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from hypothesis import example, given
from hypothesis import strategies as st

from tests.properties.conftest import Clients, async_outcome, outcome, sync_and_async
from tests.stress.conftest import figure

TABLE = "properties"

names = st.text(min_size=1, max_size=12)
texts = st.text(max_size=30)
numbers = st.one_of(
    st.integers(-(10**30), 10**30).map(str),
    st.sampled_from(["0.5", "-12.25", "3.14159", "1E+5", "0.001"]),
)
scalars = st.one_of(
    texts.map(lambda value: {"S": value}),
    numbers.map(lambda value: {"N": value}),
    st.binary(max_size=30).map(lambda value: {"B": value}),
    st.booleans().map(lambda value: {"BOOL": value}),
    st.just({"NULL": True}),
)
sets = st.one_of(
    st.lists(texts, max_size=4).map(lambda values: {"SS": values}),
    st.lists(numbers, max_size=4).map(lambda values: {"NS": values}),
    st.lists(st.binary(max_size=10), max_size=4).map(lambda values: {"BS": values}),
)
attribute_values = st.recursive(
    st.one_of(scalars, sets),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4).map(lambda values: {"L": values}),
        st.dictionaries(names, inner, max_size=4).map(lambda values: {"M": values}),
    ),
    max_leaves=12,
)
items = st.tuples(
    st.text(min_size=1, max_size=40),
    st.dictionaries(
        names.filter(lambda name: name != "pk"), attribute_values, max_size=6
    ),
).map(lambda parts: {"pk": {"S": parts[0]}, **parts[1]})


def normalised(value: Any) -> Any:
    """Sets compared as sets: DynamoDB keeps no order within a set."""
    if isinstance(value, dict):
        return {
            kind: sorted(inner, key=repr)
            if kind in ("SS", "NS", "BS")
            else normalised(inner)
            for kind, inner in value.items()
        }
    if isinstance(value, list):
        return [normalised(inner) for inner in value]
    return value


def written_by_one_read_by_the_other(clients: Clients, item: dict[str, Any]) -> str:
    """Check one item both ways; say how both kinds of client answered."""
    key = {"pk": item["pk"]}
    by_sync = outcome(clients.sync.put_item, TableName=TABLE, Item=item)
    read_by_async = clients.run(
        async_outcome(clients.aio.get_item, TableName=TABLE, Key=key)
    )
    clients.sync.delete_item(TableName=TABLE, Key=key)
    by_async = clients.run(
        async_outcome(clients.aio.put_item, TableName=TABLE, Item=item)
    )
    read_by_sync = outcome(clients.sync.get_item, TableName=TABLE, Key=key)
    clients.sync.delete_item(TableName=TABLE, Key=key)
    assert by_sync[0] == by_async[0]
    if by_sync[0] != "ok":
        assert by_sync == by_async
        return f"{by_sync[0]} alike ({by_sync[1]})"
    found_by_async = read_by_async[1]["Item"]
    found_by_sync = read_by_sync[1]["Item"]
    assert found_by_async == found_by_sync
    assert normalised(found_by_sync) == normalised(item)
    return "read back identically"


def test_any_item_written_by_one_kind_of_client_is_read_back_by_the_other() -> None:
    outcomes: Counter[str] = Counter()
    with sync_and_async("dynamodb") as clients:
        clients.sync.create_table(
            TableName=TABLE,
            KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
            AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
            BillingMode="PAY_PER_REQUEST",
        )

        @given(items)
        @example({"pk": {"S": "empty string"}, "e": {"S": ""}})
        @example({"pk": {"S": ""}})
        @example({"pk": {"S": "empty set"}, "s": {"SS": []}})
        @example({"pk": {"S": "duplicates"}, "n": {"NS": ["1", "1"]}})
        @example(
            {"pk": {"S": "deep"}, "m": {"M": {"l": {"L": [{"M": {}}, {"L": []}]}}}}
        )
        def check(item: dict[str, Any]) -> None:
            outcomes[written_by_one_read_by_the_other(clients, item)] += 1

        check()
    figure(
        "property examples, DynamoDB items",
        ", ".join(f"{name} {count}" for name, count in sorted(outcomes.items())),
    )
