"""Every way a test sends HTTP itself, behind one small async interface.

A flavour is aiohttp, or the sync or async client of httpx or httpx2 (the
fork aiobotocore's httpx backend uses). The sync clients are called directly
from the coroutine, as a test would. ``HTTP_CLIENTS`` parametrizes a fixture
over the flavours this environment has.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import aiohttp
import pytest


@dataclass(frozen=True)
class Reply:
    status: int
    headers: Mapping[str, str]
    body: bytes
    #: The library's own response object (closed), for type checks.
    response: Any


@dataclass(frozen=True)
class FileField:
    name: str
    filename: str
    content: bytes


@dataclass(frozen=True)
class Body:
    """What a request sends: raw bytes, or a form (with a file) as multipart."""

    content: bytes | None = None
    form: Mapping[str, str] | None = None
    file: FileField | None = None


class HttpClient:
    name = "abstract"

    async def send(
        self,
        method: str,
        url: str,
        *,
        content: bytes | None = None,
        form: Mapping[str, str] | None = None,
        file: FileField | None = None,
    ) -> Reply:
        return await self.exchange(method, url, Body(content, form, file))

    async def exchange(self, method: str, url: str, body: Body) -> Reply:
        raise NotImplementedError

    async def chunks(self, url: str, size: int) -> list[bytes]:
        """The body of a GET, read as a stream in pieces of at most ``size``."""
        raise NotImplementedError

    def __repr__(self) -> str:
        return self.name


class Aiohttp(HttpClient):
    name = "aiohttp"

    async def exchange(self, method: str, url: str, body: Body) -> Reply:
        data: Any = body.content
        if body.form is not None:
            data = aiohttp.FormData(dict(body.form))
            if body.file is not None:
                file = body.file
                data.add_field(file.name, file.content, filename=file.filename)
        async with (
            aiohttp.ClientSession() as session,
            session.request(method, url, data=data) as response,
        ):
            read = await response.read()
        return Reply(response.status, response.headers, read, response)

    async def chunks(self, url: str, size: int) -> list[bytes]:
        async with (
            aiohttp.ClientSession() as session,
            session.get(url) as response,
        ):
            return [chunk async for chunk in response.content.iter_chunked(size)]


class _Httpx(HttpClient):
    def __init__(self, module: str) -> None:
        self.module: Any = importlib.import_module(module)

    @staticmethod
    def arguments(body: Body) -> dict[str, Any]:
        if body.form is None:
            return {"content": body.content}
        file = body.file
        files = {file.name: (file.filename, file.content)} if file else None
        return {"data": dict(body.form), "files": files}

    @staticmethod
    def reply(response: Any) -> Reply:
        return Reply(response.status_code, response.headers, response.content, response)


class HttpxSync(_Httpx):
    async def exchange(self, method: str, url: str, body: Body) -> Reply:
        with self.module.Client() as client:
            return self.reply(client.request(method, url, **self.arguments(body)))

    async def chunks(self, url: str, size: int) -> list[bytes]:
        with self.module.Client() as client, client.stream("GET", url) as response:
            return list(response.iter_bytes(size))


class HttpxAsync(_Httpx):
    async def exchange(self, method: str, url: str, body: Body) -> Reply:
        async with self.module.AsyncClient() as client:
            response = await client.request(method, url, **self.arguments(body))
        return self.reply(response)

    async def chunks(self, url: str, size: int) -> list[bytes]:
        async with (
            self.module.AsyncClient() as client,
            client.stream("GET", url) as response,
        ):
            return [chunk async for chunk in response.aiter_bytes(size)]


def make_client(name: str) -> HttpClient:
    if name == "aiohttp":
        return Aiohttp()
    module, kind = name.split("-")
    client = HttpxSync(module) if kind == "sync" else HttpxAsync(module)
    client.name = name
    return client


#: Where each httpx distribution comes from in the matrix (see matrix.json).
_INSTALLED_BY = {
    "httpx": "respx, in the dev group of every matrix cell",
    "httpx2": "aiobotocore[httpx2], in the 'latest' matrix cells only",
}


def _httpx_param(name: str) -> Any:
    module = name.split("-")[0]
    return pytest.param(
        name,
        id=name,
        marks=pytest.mark.skipif(
            importlib.util.find_spec(module) is None,
            reason=f"{module} is installed by {_INSTALLED_BY[module]}",
        ),
    )


HTTP_CLIENTS = [
    pytest.param("aiohttp", id="aiohttp"),
    *(
        _httpx_param(f"{module}-{kind}")
        for module in ("httpx", "httpx2")
        for kind in ("sync", "async")
    ),
]
