"""Under pytest-xdist, each worker starts its own server, once."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.plugin.conftest import InnerSuite


def test_two_workers_each_start_one_server_and_empty_it_per_test(
    suite: InnerSuite, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    records = tmp_path / "records"
    records.mkdir()
    monkeypatch.setenv("WORKER_RECORDS", str(records))
    suite.write(
        test_workers="""
        import json
        import os
        from pathlib import Path

        import boto3
        import pytest


        def record(n, endpoint):
            s3 = boto3.client("s3")
            seen = [b["Name"] for b in s3.list_buckets()["Buckets"]]
            s3.create_bucket(Bucket=f"bucket-{n}")
            worker = os.environ["PYTEST_XDIST_WORKER"]
            path = Path(os.environ["WORKER_RECORDS"]) / f"{n}.json"
            path.write_text(json.dumps([worker, endpoint, seen]))


        @pytest.mark.parametrize("n", range(4))
        def test_aws_server(aws_server, n):
            record(n, aws_server.server_endpoint)


        @pytest.mark.parametrize("n", range(4, 8))
        @pytest.mark.aiomoto(server_mode=True)
        def test_marked(_aiomoto_marker, n):
            record(n, _aiomoto_marker.server_endpoint)
        """
    )
    suite.run("-n", "2").assert_outcomes(passed=8)
    runs = [json.loads(path.read_text()) for path in records.glob("*.json")]
    assert len(runs) == 8
    assert all(seen == [] for _, _, seen in runs), "every test starts empty"
    servers = {worker: {e for w, e, _ in runs if w == worker} for worker, _, _ in runs}
    assert sorted(servers) == ["gw0", "gw1"]
    assert all(len(endpoints) == 1 for endpoints in servers.values())
    assert servers["gw0"] != servers["gw1"]
