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
    """A request was stopped before any socket opened.

    Raised for an async request that Moto does not serve, and, while attached
    to a remote Moto server, for any request for an AWS URL that was not sent
    to that server.

    Attributes:
        method: The HTTP method of the blocked request.
        url: The URL of the blocked request.
        operation: ``service.Operation`` of the request, when known.
        attached_to: The remote server's endpoint, when attached to one.
    """

    def __init__(
        self,
        method: str,
        url: str,
        operation: str | None = None,
        *,
        attached_to: str | None = None,
    ) -> None:
        self.method = method
        self.url = url
        self.operation = operation
        self.attached_to = attached_to
        super().__init__(_blocked_message(method, url, operation, attached_to))


_AWS_HOST_SUFFIXES = (".amazonaws.com", ".amazonaws.com.cn", ".api.aws")


def _blocked_message(
    method: str, url: str, operation: str | None, attached_to: str | None
) -> str:
    from urllib.parse import urlsplit

    what = f" ({operation})" if operation else ""
    if attached_to is not None:
        return (
            f"aiomoto blocked a request for an AWS URL: {method} {url}{what}. "
            f"The active mock_aws context is attached to the Moto server at "
            f"{attached_to}, so the backend is there: a request that was not "
            "sent to it is neither served in this process nor sent to AWS. "
            "This client was not pointed at the server (created before the "
            "context, with auto_endpoint='disabled', or with its own "
            "endpoint_url): create it inside the context, or pass "
            "endpoint_url=ctx.server_endpoint."
        )
    message = (
        f"aiomoto blocked a real HTTP request: {method} {url}{what}. "
        "While mock_aws() is active, async clients are served by Moto only, "
        "and Moto does not serve this URL."
    )
    host = (urlsplit(url).hostname or "").lower()
    if not host.endswith(_AWS_HOST_SUFFIXES):
        message += (
            f" The host {host!r} is not an AWS endpoint, so the client was "
            "probably given an endpoint_url, or picked one up from "
            "AWS_ENDPOINT_URL / AWS_ENDPOINT_URL_<SERVICE> or the AWS config "
            "file. Unset AWS_ENDPOINT_URL, or set "
            "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true, for in-process tests; "
            "use mock_aws(server_mode=True) when a client must talk to a real "
            "local endpoint."
        )
    elif host.endswith(".api.aws"):
        message += (
            f" The host {host!r} is a dual-stack (IPv6) endpoint, which Moto "
            "does not recognise: turn dual-stack off for in-process tests "
            "(use_dualstack_endpoint in the client's Config, "
            "AWS_USE_DUALSTACK_ENDPOINT, or the AWS config file)."
        )
    else:
        message += (
            " Moto may not implement this service or operation yet; check "
            "Moto's implementation coverage for it."
        )
    return message
