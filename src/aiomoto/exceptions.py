"""Every error aiomoto raises, under one base class.

::

    AiomotoError
    ├── ConfigurationError (also a ValueError): bad arguments, raised at construction
    │   ├── AutoEndpointError: auto_endpoint given without server mode, or unknown
    │   └── ServerPortError: bad server_port/server_endpoint, or no server mode
    ├── ModeConflictError: a nested context asks for a second backend or endpoint
    ├── NotDecoratableError (also a TypeError): mock_aws applied to a non-callable
    ├── ServerModeUnavailableError: server mode asked for but not available
    │   ├── ServerDependencyError: moto[server] is not installed
    │   ├── ServerNotRunningError: no Moto server answers where it should
    │   │   └── ServerDiedError: the server aiomoto started died while in use
    │   └── ServerRegistryError: the registry directory cannot be written
    ├── ServerStopTimeoutError: the server aiomoto started did not stop in time
    ├── NotActiveError: stop() or reset() with no active context
    ├── UnsupportedVersionError: aiobotocore, botocore or moto is too old
    └── RealHTTPRequestBlockedError: a request that must not reach the network

``RealHTTPRequestBlockedError`` deliberately derives from nothing botocore's
retry logic treats as transient (``ConnectionError``, ``HTTPClientError``,
``OSError``), so a blocked request fails at once instead of being retried with
backoff.

``UntestedVersionWarning`` (a ``UserWarning``) is issued once when an installed
aiobotocore, botocore or moto is newer than the newest release aiomoto was
tested with.
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "AiomotoError",
    "AutoEndpointError",
    "ConfigurationError",
    "ModeConflictError",
    "NotActiveError",
    "NotDecoratableError",
    "RealHTTPRequestBlockedError",
    "ServerDependencyError",
    "ServerDiedError",
    "ServerModeUnavailableError",
    "ServerNotRunningError",
    "ServerPortError",
    "ServerRegistryError",
    "ServerStopTimeoutError",
    "UnsupportedVersionError",
    "UntestedVersionWarning",
]


class AiomotoError(Exception):
    """Base class of every error aiomoto raises."""


class ConfigurationError(AiomotoError, ValueError):
    """The arguments given to ``mock_aws`` do not make a valid configuration."""


class AutoEndpointError(ConfigurationError):
    """``auto_endpoint`` is unknown, or was given without ``server_mode=True``."""


class NotDecoratableError(AiomotoError, TypeError):
    """``mock_aws`` was applied to something that is neither a function nor a class."""


class ServerPortError(ConfigurationError):
    """``server_port`` or ``server_endpoint`` is malformed, or lacks server mode."""


class ModeConflictError(AiomotoError):
    """A nested context asks for what the active one cannot share.

    Nested contexts share one backend and one endpoint, so a context that
    asks for a second one (another ``server_port`` or ``server_endpoint``, a
    local backend inside an attached one or the reverse), for another
    explicit ``auto_endpoint``, or for another Moto ``config`` is refused at
    enter, before anything changes.
    """


class ServerModeUnavailableError(AiomotoError):
    """Server mode was requested but cannot be provided."""


class ServerDependencyError(ServerModeUnavailableError):
    """``moto[server]`` is not installed: ``pip install "aiomoto[server]"``."""


class ServerNotRunningError(ServerModeUnavailableError):
    """No Moto server answers where a context asked to attach (or where one started)."""


class ServerDiedError(ServerNotRunningError):
    """The Moto server thread aiomoto started has ended while its context is open.

    Raised by the next request a patched client sends to it (instead of a
    connection error after retries), or, if no request noticed, when the
    context exits. The exception that ended the thread is the ``__cause__``.
    """


class ServerRegistryError(ServerModeUnavailableError):
    """The registry directory cannot be written, so no server was started.

    Set ``AIOMOTO_SERVER_REGISTRY_DIR`` to a directory this user can write.
    """


class ServerStopTimeoutError(AiomotoError):
    """The Moto server aiomoto started did not stop within the stop deadline.

    Its thread is a daemon thread, so it does not keep the process alive; the
    port stays taken until it ends.
    """


class NotActiveError(AiomotoError):
    """Something that needs an active ``mock_aws`` context was used without one.

    ``stop()`` of a context that is not entered, ``aiomoto.reset()`` with no
    context active, or a handle (what ``with mock_aws() as handle`` gives)
    read after its context exited.
    """


class UnsupportedVersionError(AiomotoError):
    """An installed aiobotocore, botocore or moto is older than aiomoto supports."""


class UntestedVersionWarning(UserWarning):
    """An installed aiobotocore, botocore or moto is newer than aiomoto has tested."""


class RealHTTPRequestBlockedError(AiomotoError):
    """A request that must not reach the network was stopped before any socket opened.

    Raised for a botocore, aiobotocore or aioboto3 client's request that Moto
    does not serve (an ``endpoint_url`` that is not AWS's, given or picked up
    from the environment), for an aiohttp or httpx request to an AWS host that
    Moto does not serve, and, while attached to a remote Moto server, for a
    request to an AWS host that was not sent to that server.

    Attributes:
        method: The HTTP method of the blocked request.
        url: The URL of the blocked request.
        operation: ``service.Operation`` of the request, when known.
        client: What sent it: ``"botocore"``, ``"aiobotocore"``, ``"aiohttp"``,
            ``"httpx"`` or ``"httpx2"``.
        endpoint_variable: The environment variable the endpoint came from
            (``"AWS_ENDPOINT_URL_SQS"``, ``"AWS_ENDPOINT_URL"``), or ``None``.
        attached_to: The remote Moto server's endpoint, when the active
            context is attached to one.
    """

    def __init__(
        self,
        method: str,
        url: str,
        operation: str | None = None,
        *,
        client: str = "aiobotocore",
        attached_to: str | None = None,
    ) -> None:
        self.method = method
        self.url = url
        self.operation = operation
        self.client = client
        self.attached_to = attached_to
        variable = None if attached_to else _endpoint_variable(url, operation)
        self.endpoint_variable = variable[0] if variable else None
        super().__init__(
            _blocked_message(
                method, url, operation, client, variable, attached_to=attached_to
            )
        )


_DIRECT_HTTP_CLIENTS = ("aiohttp", "httpx", "httpx2")


def _endpoint_variable(url: str, operation: str | None) -> tuple[str, str] | None:
    """The ``AWS_ENDPOINT_URL[_<SERVICE>]`` variable that ``url`` came from, if any.

    botocore looks at the service's own variable first, then the global one;
    the first whose value ``url`` starts with is the one that applied. Nothing
    applied when ``AWS_IGNORE_CONFIGURED_ENDPOINT_URLS`` is true.
    """
    import os

    if os.environ.get("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "").lower() == "true":
        return None
    names = ["AWS_ENDPOINT_URL"]
    if operation:
        names.insert(0, _service_variable(operation.split(".", 1)[0]))
    for name in names:
        value = os.environ.get(name)
        if value and _is_under(url, value):
            return name, value
    return None


def _service_variable(service: str) -> str:
    """``AWS_ENDPOINT_URL_<SERVICE>`` as botocore names it for a client name."""
    from botocore.configprovider import ConfiguredEndpointProvider

    provider: Any = ConfiguredEndpointProvider(
        full_config={}, scoped_config={}, client_name=service
    )
    name: str = provider._get_service_env_var_name()
    return name


def _is_under(url: str, endpoint: str) -> bool:
    from urllib.parse import urlsplit

    target, base = urlsplit(url), urlsplit(endpoint.strip())
    return (target.scheme.lower(), target.netloc.lower()) == (
        base.scheme.lower(),
        base.netloc.lower(),
    ) and target.path.startswith(base.path.rstrip("/"))


def _blocked_message(
    method: str,
    url: str,
    operation: str | None,
    client: str,
    variable: tuple[str, str] | None,
    *,
    attached_to: str | None,
) -> str:
    from urllib.parse import urlsplit

    from aiomoto._aws_hosts import is_aws_host

    what = f" ({operation})" if operation else ""
    host = (urlsplit(url).hostname or "").lower()
    message = (
        f"aiomoto blocked a real HTTP request from {client}: {method} {url}{what}."
    )
    if attached_to is not None:
        return message + (
            " The active mock_aws context is attached to the Moto server at "
            f"{attached_to}, so the backend is there: a request that was not "
            "sent to it is neither served in this process nor sent to AWS. "
            "This client was not pointed at the server (created before the "
            "context, with auto_endpoint='disabled', or with its own "
            "endpoint_url): create it inside the context, or pass "
            "endpoint_url=ctx.server_endpoint; for a presigned URL, generate it "
            "with a client pointed at the server."
        )
    if client in _DIRECT_HTTP_CLIENTS:
        message += (
            " While mock_aws() is active, aiohttp and httpx requests to AWS hosts "
            "are answered by Moto, and Moto does not serve this URL."
        )
    else:
        message += (
            " While mock_aws() is active, AWS clients are answered by Moto only, "
            "and Moto does not serve this URL."
        )
    if variable is not None:
        name, value = variable
        return message + (
            f" The endpoint came from the environment: {name}={value}. Unset "
            f"{name} for in-process tests, or pass "
            "mock_aws(ignore_configured_endpoint_urls=True) (or set "
            "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true) so that clients created "
            "inside the context ignore it; use mock_aws(server_mode=True) when a "
            "client must talk to a real local endpoint."
        )
    if not is_aws_host(host):
        return message + (
            f" The host {host!r} is not an AWS endpoint, and neither "
            "AWS_ENDPOINT_URL nor AWS_ENDPOINT_URL_<SERVICE> points at it, so "
            "the client was given an endpoint_url, or picked one up from the AWS "
            "config file. Drop it for in-process tests, or pass "
            "mock_aws(ignore_configured_endpoint_urls=True) (or set "
            "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true) when it comes from the "
            "config file; use mock_aws(server_mode=True) when a client must "
            "talk to a real local endpoint."
        )
    if host.endswith(".api.aws"):
        return message + (
            f" The host {host!r} is a dual-stack (IPv6) endpoint, which Moto "
            "does not recognise: turn dual-stack off for in-process tests "
            "(use_dualstack_endpoint in the client's Config, "
            "AWS_USE_DUALSTACK_ENDPOINT, or the AWS config file)."
        )
    return message + (
        " Moto may not implement this service or operation yet; check "
        "Moto's implementation coverage for it."
    )
