"""Every error aiomoto raises, under one base class.

::

    AiomotoError
    ├── ConfigurationError (also a ValueError): bad arguments, raised at construction
    │   ├── AutoEndpointError: auto_endpoint given without server mode, or unknown
    │   └── ServerPortError: server_port out of range, or without server mode
    ├── ModeConflictError: a nested context disagrees with the active one
    ├── NotDecoratableError (also a TypeError): mock_aws applied to a non-callable
    ├── ServerModeUnavailableError: server mode asked for but not available
    │   ├── ServerDependencyError: moto[server] is not installed
    │   └── ServerNotRunningError: nothing answers at the server port
    ├── NotActiveError: stop() called more often than start()
    ├── UnsupportedVersionError: aiobotocore, botocore or moto is too old
    └── RealHTTPRequestBlockedError: an async request Moto does not serve

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
    "ServerModeUnavailableError",
    "ServerNotRunningError",
    "ServerPortError",
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
    """``server_port`` is outside 1..65535, or was given without server mode."""


class ModeConflictError(AiomotoError):
    """A nested context asks for a different mode or server than the active one."""


class ServerModeUnavailableError(AiomotoError):
    """Server mode was requested but cannot be provided."""


class ServerDependencyError(ServerModeUnavailableError):
    """``moto[server]`` is not installed: ``pip install "aiomoto[server]"``."""


class ServerNotRunningError(ServerModeUnavailableError):
    """Nothing answers at the server port a context asked to attach to."""


class NotActiveError(AiomotoError):
    """``stop()`` was called while no ``mock_aws`` context was active."""


class UnsupportedVersionError(AiomotoError):
    """An installed aiobotocore, botocore or moto is older than aiomoto supports."""


class UntestedVersionWarning(UserWarning):
    """An installed aiobotocore, botocore or moto is newer than aiomoto has tested."""


class RealHTTPRequestBlockedError(AiomotoError):
    """An async request that Moto does not serve was stopped before any socket opened.

    Attributes:
        method: The HTTP method of the blocked request.
        url: The URL of the blocked request.
        operation: ``service.Operation`` of the request, when known.
    """

    def __init__(self, method: str, url: str, operation: str | None = None) -> None:
        self.method = method
        self.url = url
        self.operation = operation
        super().__init__(_blocked_message(method, url, operation))


_AWS_HOST_SUFFIXES = (".amazonaws.com", ".amazonaws.com.cn", ".api.aws")


def _blocked_message(method: str, url: str, operation: str | None) -> str:
    from urllib.parse import urlsplit

    what = f" ({operation})" if operation else ""
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
