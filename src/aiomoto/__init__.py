"""aiomoto: Moto's in-memory AWS backends for async (and sync) clients.

Patching is process-global: while a ``mock_aws`` context is active, every
thread and task in the process sees the mock; other processes do not.
"""

from importlib.metadata import version as _version

from aiomoto._context import MockAwsContext, mock_aws, mock_aws_decorator
from aiomoto._handle import ActiveMock, ActiveServer
from aiomoto._lifecycle import reset
from aiomoto._options import AutoEndpointMode
from aiomoto._server.registry import ServerEntry, running_servers
from aiomoto.exceptions import (
    AiomotoError,
    AutoEndpointError,
    ConfigurationError,
    ModeConflictError,
    NotActiveError,
    NotDecoratableError,
    RealHTTPRequestBlockedError,
    ServerDependencyError,
    ServerDiedError,
    ServerModeUnavailableError,
    ServerNotRunningError,
    ServerPortError,
    ServerRegistryError,
    ServerStopTimeoutError,
    UnsupportedVersionError,
    UntestedVersionWarning,
)

__version__ = _version("aiomoto")

__all__ = [
    "ActiveMock",
    "ActiveServer",
    "AiomotoError",
    "AutoEndpointError",
    "AutoEndpointMode",
    "ConfigurationError",
    "MockAwsContext",
    "ModeConflictError",
    "NotActiveError",
    "NotDecoratableError",
    "RealHTTPRequestBlockedError",
    "ServerDependencyError",
    "ServerDiedError",
    "ServerEntry",
    "ServerModeUnavailableError",
    "ServerNotRunningError",
    "ServerPortError",
    "ServerRegistryError",
    "ServerStopTimeoutError",
    "UnsupportedVersionError",
    "UntestedVersionWarning",
    "__version__",
    "mock_aws",
    "mock_aws_decorator",
    "reset",
    "running_servers",
]
