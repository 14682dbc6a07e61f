"""Presigned URLs and other direct HTTP to AWS hosts are answered by Moto, in-process.

While the mock is active, an aiohttp or httpx request (sync or async) to an
AWS host is answered by Moto without a DNS lookup or a socket (the suite's
network guard would fail any test that tried either): a presigned GET returns
the object, a presigned PUT and a ``generate_presigned_post`` form store it,
whichever library made the URL and with either signature version. A request
for an AWS host that Moto does not serve is blocked, and any other host is
left to the library.
"""

from __future__ import annotations

import importlib.util
import json
from contextlib import closing
from typing import Any

import boto3
import pytest
from botocore.config import Config

from aiomoto import RealHTTPRequestBlockedError, mock_aws
from aiomoto._options import ServerAddress
from tests import network_guard
from tests.escape.conftest import BUCKET, Presigner
from tests.escape.http_clients import FileField, HttpClient

pytestmark = pytest.mark.anyio

REPORT = b"city,temperature\nOslo,3\nLima,19\n"


async def test_a_presigned_get_returns_the_object(
    s3: Any, http: HttpClient, presigner: Presigner
) -> None:
    s3.put_object(Bucket=BUCKET, Key="report.csv", Body=REPORT)

    reply = await http.send("GET", await presigner.url("get_object", "report.csv"))

    assert (reply.status, reply.body) == (200, REPORT)
    assert reply.headers["Content-Length"] == str(len(REPORT))


async def test_a_presigned_get_of_a_missing_key_is_moto_s_404(
    s3: Any, http: HttpClient, presigner: Presigner
) -> None:
    reply = await http.send("GET", await presigner.url("get_object", "missing.csv"))

    assert reply.status == 404
    assert b"<Code>NoSuchKey</Code>" in reply.body


async def test_a_presigned_put_stores_the_body(
    s3: Any, http: HttpClient, presigner: Presigner
) -> None:
    url = await presigner.url("put_object", "upload.csv")

    reply = await http.send("PUT", url, content=REPORT)

    assert reply.status == 200
    assert s3.get_object(Bucket=BUCKET, Key="upload.csv")["Body"].read() == REPORT


async def test_a_presigned_post_form_upload_stores_the_file(
    s3: Any, http: HttpClient, presigner: Presigner
) -> None:
    form = await presigner.post("form/upload.csv")

    reply = await http.send(
        "POST",
        form["url"],
        form=form["fields"],
        file=FileField("file", "upload.csv", REPORT),
    )

    assert reply.status == 204
    stored = s3.get_object(Bucket=BUCKET, Key="form/upload.csv")["Body"].read()
    assert stored == REPORT


@pytest.mark.parametrize(
    ("addressing_style", "region", "host"),
    [
        ("virtual", "us-east-1", f"{BUCKET}.s3.amazonaws.com"),
        ("virtual", "eu-west-1", f"{BUCKET}.s3.eu-west-1.amazonaws.com"),
        ("path", "us-east-1", "s3.amazonaws.com"),
    ],
)
async def test_bucket_in_host_and_path_style_urls_are_both_served(
    s3: Any, http: HttpClient, addressing_style: str, region: str, host: str
) -> None:
    s3.put_object(Bucket=BUCKET, Key="report.csv", Body=REPORT)
    s3_settings: Any = {"addressing_style": addressing_style}
    config = Config(s3=s3_settings)
    with closing(boto3.client("s3", region_name=region, config=config)) as signer:
        url: str = signer.generate_presigned_url(
            "get_object", Params={"Bucket": BUCKET, "Key": "report.csv"}
        )
    assert url.startswith(f"https://{host}/")

    reply = await http.send("GET", url)

    assert (reply.status, reply.body) == (200, REPORT)


async def test_a_presigned_head_answers_the_object_size_without_a_body(
    s3: Any, http: HttpClient
) -> None:
    s3.put_object(Bucket=BUCKET, Key="report.csv", Body=REPORT)

    reply = await http.send(
        "HEAD", await Presigner("boto3", "s3v4").url("head_object", "report.csv")
    )

    assert (reply.status, reply.body) == (200, b"")
    assert reply.headers["Content-Length"] == str(len(REPORT))


async def test_a_large_object_streams_back_in_chunks(s3: Any, http: HttpClient) -> None:
    payload = bytes(range(256)) * 12_288  # 3 MiB
    s3.put_object(Bucket=BUCKET, Key="large.bin", Body=payload)
    url = await Presigner("boto3", "s3v4").url("get_object", "large.bin")

    chunks = await http.chunks(url, 2**16)

    assert b"".join(chunks) == payload
    assert len(chunks) >= len(payload) // 2**16
    assert max(len(chunk) for chunk in chunks) <= 2**16


@pytest.mark.parametrize(
    "url",
    [
        "https://sqs.us-east-1.api.aws/",
        "https://no-such-service.us-east-1.amazonaws.com/",
    ],
    ids=["dual-stack", "unknown-service"],
)
async def test_an_aws_host_that_moto_does_not_serve_is_blocked(
    aws: None, http: HttpClient, url: str
) -> None:
    with pytest.raises(RealHTTPRequestBlockedError) as caught:
        await http.send("GET", url)

    blocked = caught.value
    assert (blocked.method, blocked.client) == ("GET", http.name.split("-")[0])
    assert blocked.url.rstrip("/") == url.rstrip("/")
    assert f"from {blocked.client}: GET {blocked.url}" in str(blocked)
    assert "Moto does not serve this URL" in str(blocked)


async def test_a_request_to_any_other_host_is_left_to_the_library(
    aws: None, http: HttpClient
) -> None:
    """Here the library's own lookup reaches the suite's guard: nothing answered it."""
    with network_guard.expected_attempts() as attempts, pytest.raises(Exception):  # noqa: B017, PT011
        await http.send("GET", "https://api.example.com/users")

    assert attempts == ["resolve api.example.com"]


async def test_after_the_context_aws_hosts_are_the_library_s_again(
    http: HttpClient,
) -> None:
    with network_guard.expected_attempts() as attempts, pytest.raises(Exception):  # noqa: B017, PT011
        await http.send("GET", f"https://{BUCKET}.s3.amazonaws.com/report.csv")

    assert attempts == [f"resolve {BUCKET}.s3.amazonaws.com"]


async def test_with_a_remote_backend_a_request_to_an_aws_host_is_blocked(
    http: HttpClient, foreign_server: ServerAddress
) -> None:
    url = f"https://{BUCKET}.s3.amazonaws.com/report.csv?X-Amz-Signature=abc"

    with mock_aws(server_mode=True, server_endpoint=foreign_server.endpoint):
        with pytest.raises(RealHTTPRequestBlockedError) as caught:
            await http.send("GET", url)

    assert caught.value.attached_to == foreign_server.endpoint
    assert f"attached to the Moto server at {foreign_server.endpoint}" in str(
        caught.value
    )
    assert "ctx.server_endpoint" in str(caught.value)


async def test_an_aiohttp_answer_is_a_genuine_client_response(s3: Any) -> None:
    import aiohttp
    import yarl

    document = {"city": "Oslo", "temperature": 3}
    s3.put_object(
        Bucket=BUCKET,
        Key="city.json",
        Body=json.dumps(document).encode(),
        ContentType="application/json",
    )
    presigner = Presigner("boto3", "s3v4")
    found = await presigner.url("get_object", "city.json")
    missing = await presigner.url("get_object", "nowhere.json")

    async with aiohttp.ClientSession(raise_for_status=False) as session:
        async with session.get(found) as response:
            assert isinstance(response, aiohttp.ClientResponse)
            assert (response.status, response.reason) == (200, "OK")
            assert response.content_type == "application/json"
            assert await response.json() == document
            assert await response.text() == json.dumps(document)
            assert response.headers["ETag"].startswith('"')
            assert response.url == yarl.URL(found)
        async with session.get(missing) as response:
            with pytest.raises(aiohttp.ClientResponseError) as caught:
                response.raise_for_status()
        assert caught.value.status == 404


async def test_an_aiohttp_upload_can_wait_for_100_continue_or_be_chunked(
    s3: Any,
) -> None:
    import aiohttp

    url = await Presigner("boto3", "s3v4").url("put_object", "upload.csv")

    async def lines() -> Any:
        for line in REPORT.splitlines(keepends=True):
            yield line

    async with aiohttp.ClientSession() as session:
        async with session.put(url, data=REPORT, expect100=True) as response:
            assert response.status == 200
        first = s3.get_object(Bucket=BUCKET, Key="upload.csv")["Body"].read()
        async with session.put(url, data=lines()) as response:
            assert response.status == 200
        second = s3.get_object(Bucket=BUCKET, Key="upload.csv")["Body"].read()

    assert first == second == REPORT


@pytest.mark.parametrize("module_name", ["httpx", "httpx2"])
async def test_an_httpx_answer_is_a_genuine_response(s3: Any, module_name: str) -> None:
    httpx = pytest.importorskip(
        module_name,
        reason=f"{module_name} is not installed in this matrix cell (see matrix.json)",
    )
    document = {"city": "Lima", "temperature": 19}
    s3.put_object(Bucket=BUCKET, Key="city.json", Body=json.dumps(document).encode())
    presigner = Presigner("boto3", "s3v4")
    found = await presigner.url("get_object", "city.json")
    missing = await presigner.url("get_object", "nowhere.json")
    seen: list[int] = []

    async def record(response: Any) -> None:
        seen.append(response.status_code)

    async with httpx.AsyncClient(event_hooks={"response": [record]}) as client:
        response = await client.get(found)
        assert isinstance(response, httpx.Response)
        assert (response.http_version, response.reason_phrase) == ("HTTP/1.1", "OK")
        assert response.json() == document
        assert response.text == json.dumps(document)
        assert str(response.request.url) == found
        failed = await client.get(missing)
        with pytest.raises(httpx.HTTPStatusError):
            failed.raise_for_status()

    assert seen == [200, 404]


async def test_respx_keeps_answering_for_the_hosts_it_mocks(s3: Any) -> None:
    import httpx
    import respx

    s3.put_object(Bucket=BUCKET, Key="report.csv", Body=REPORT)
    url = await Presigner("boto3", "s3v4").url("get_object", "report.csv")

    with respx.mock(assert_all_called=True) as router:
        router.get("https://api.example.com/users").respond(json=[{"id": 1}])
        async with httpx.AsyncClient() as client:
            users = (await client.get("https://api.example.com/users")).json()
            report = (await client.get(url)).content

    assert (users, report) == ([{"id": 1}], REPORT)


async def test_aioresponses_keeps_answering_for_the_urls_it_mocks(s3: Any) -> None:
    import aiohttp
    from aioresponses import aioresponses

    s3.put_object(Bucket=BUCKET, Key="report.csv", Body=REPORT)
    url = await Presigner("boto3", "s3v4").url("get_object", "report.csv")

    with aioresponses(passthrough=[f"https://{BUCKET}.s3.amazonaws.com"]) as mocked:
        mocked.get("https://api.example.com/users", payload=[{"id": 1}])
        async with aiohttp.ClientSession() as session:
            async with session.get("https://api.example.com/users") as response:
                users = await response.json()
            async with session.get(url) as response:
                report = await response.read()

    assert (users, report) == ([{"id": 1}], REPORT)


@pytest.mark.skipif(
    importlib.util.find_spec("trio") is None,
    reason="trio is installed in the 'latest' matrix cells only (see matrix.json)",
)
@pytest.mark.parametrize("anyio_backend", ["trio"])
@pytest.mark.parametrize("module_name", ["httpx", "httpx2"])
async def test_an_async_httpx_request_under_trio_is_answered_too(
    anyio_backend: str, s3: Any, module_name: str
) -> None:
    httpx = pytest.importorskip(
        module_name,
        reason=f"{module_name} is not installed in this matrix cell (see matrix.json)",
    )
    s3.put_object(Bucket=BUCKET, Key="report.csv", Body=REPORT)
    url = await Presigner("boto3", "s3v4").url("get_object", "report.csv")

    async with httpx.AsyncClient() as client:
        response = await client.get(url)

    assert (response.status_code, response.content) == (200, REPORT)
