"""aiomoto's pytest plugin: fixtures, a marker and a guard over ``mock_aws``.

pytest loads it through the ``pytest11`` entry point named ``aiomoto``
(``-p no:aiomoto`` turns it off). Loading it imports aiomoto's own light
modules only: Moto, botocore, boto3 and aiobotocore are imported by the first
fixture or marked test that needs them (and by the guard, when it is on). A
test that asks for none of it runs exactly as without the plugin.

Every fixture is sync, so it works under pytest-asyncio (strict and auto),
anyio's plugin and trio alike, and each one is ``mock_aws`` entered and left:
the plugin has no lifecycle of its own.

- ``aws``: the test runs inside ``mock_aws()``; yields the handle.
- ``aws_server``: the test attaches to this worker's session server (started
  on first use; or the server named by ``--aiomoto-server-endpoint``), which
  is reset first; yields the :class:`~aiomoto.ActiveServer` handle.
- ``aws_credentials``: fake credentials and region, environment restored.
- ``s3_bucket_factory`` / ``dynamodb_table_factory``: empty buckets and
  tables, deleted after the test.
- ``@pytest.mark.aiomoto(**mock_aws_kwargs)``: the whole test (its fixtures
  included) runs inside the context.

Why attach rather than keep one activation open for the session: a
``mock_aws`` activation patches botocore for the whole process, so keeping
one open from the first server test on would mock every later test of the
worker too, including those that never asked for it. A server started once
and attached to per test costs a few milliseconds (a probe and a reset over
HTTP), keeps nothing patched between tests, and behaves exactly as a Moto
service container attached to with ``--aiomoto-server-endpoint`` does in CI.
See docs/pytest-plugin.md.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from typing import Any

import pytest

from aiomoto._context import MockAwsContext, mock_aws
from aiomoto._handle import ActiveMock, ActiveServer
from aiomoto._options import build
from aiomoto._pytest_factories import DynamoDBTableFactory, S3BucketFactory
from aiomoto.exceptions import AiomotoError, ConfigurationError

__all__ = [
    "DynamoDBTableFactory",
    "S3BucketFactory",
    "UnmockedRequestError",
]

MODES = ("in-process", "server")
MARKER = "aiomoto"
#: The function-scoped fixture a marked test gets as its first one.
MARKER_FIXTURE = "_aiomoto_marker"
SESSION_SERVER_FIXTURE = "_aiomoto_session_server"
#: What ``aws_credentials`` sets (and the profile variables it removes).
FAKE_ENVIRONMENT = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_SECURITY_TOKEN": "testing",
    "AWS_SESSION_TOKEN": "testing",
    "AWS_DEFAULT_REGION": "us-east-1",
    "AWS_REGION": "us-east-1",
}
PROFILE_VARIABLES = ("AWS_PROFILE", "AWS_DEFAULT_PROFILE")
#: What ``mock_aws`` keywords make a test need a backend of its own.
OWN_BACKEND_KEYWORDS = ("server_port", "server_endpoint", "config")


_ADVICE = (
    "--aiomoto-block-unmocked is on, so botocore and aiobotocore requests must "
    "run inside a mock: give the test the aws or aws_server fixture, "
    "@pytest.mark.aiomoto, or wrap the code in aiomoto.mock_aws(). Requests to "
    "loopback endpoints are allowed."
)


class UnmockedRequestError(AiomotoError):
    """A botocore or aiobotocore request was made outside any mock while
    ``--aiomoto-block-unmocked`` is on. It was never sent (and is not retried).

    Attributes:
        operation: ``service.Operation``.
        method: The HTTP method.
        url: The URL the request was for.
        test: The test and phase, e.g. ``tests/test_a.py::test_b (call)``;
            ``None`` outside any test (collection).
    """

    def __init__(
        self,
        operation: str,
        method: str,
        url: str,
        test: str | None,
        *,
        caught: int = 0,
    ) -> None:
        self.operation = operation
        self.method = method
        self.url = url
        self.test = test
        where = f"in {test}" if test else "outside any test (while collecting)"
        what = f"{operation} ({method} {url})"
        if caught:
            message = (
                f"aiomoto blocked {caught} AWS request(s) made outside any mock "
                f"{where}, and the test caught the error; the first: {what}."
            )
        else:
            message = (
                f"aiomoto blocked an AWS request made outside any mock {where}: {what}."
            )
        super().__init__(f"{message} {_ADVICE}")


@dataclass(frozen=True)
class Settings:
    """The plugin's options, read once at configure time."""

    server_mode: bool
    #: A Moto server to attach to instead of starting one.
    server_endpoint: str | None
    block_unmocked: bool


_SETTINGS = pytest.StashKey[Settings]()


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("aiomoto", "aiomoto (Moto for boto3 and async clients)")
    group.addoption(
        "--aiomoto-mode",
        choices=MODES,
        default=None,
        help="in-process (default) or server: how @pytest.mark.aiomoto tests and "
        "the aws fixture reach Moto (ini: aiomoto_mode).",
    )
    parser.addini(
        "aiomoto_mode", "in-process or server (see --aiomoto-mode)", default=MODES[0]
    )
    group.addoption(
        "--aiomoto-server-endpoint",
        metavar="URL",
        default=None,
        help="attach the server fixtures to the Moto server at URL (a CI service "
        "container) instead of starting one per worker; it is reset before "
        "each test (ini: aiomoto_server_endpoint).",
    )
    parser.addini(
        "aiomoto_server_endpoint", "see --aiomoto-server-endpoint", default=""
    )
    group.addoption(
        "--aiomoto-block-unmocked",
        action="store_true",
        default=False,
        help="fail any botocore or aiobotocore request made outside a mock, "
        "naming the test, operation and URL (ini: aiomoto_block_unmocked).",
    )
    parser.addini(
        "aiomoto_block_unmocked",
        "see --aiomoto-block-unmocked",
        type="bool",
        default=False,
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        f"{MARKER}(**mock_aws_kwargs): run the test and its fixtures inside "
        "aiomoto.mock_aws(**mock_aws_kwargs); see docs/pytest-plugin.md",
    )
    settings = _read_settings(config)
    config.stash[_SETTINGS] = settings
    if settings.block_unmocked:
        from aiomoto._pytest_guard import UnmockedRequestGuard

        guard = UnmockedRequestGuard()
        config.add_cleanup(guard.install())
        config.pluginmanager.register(guard, "aiomoto-guard")


def _read_settings(config: pytest.Config) -> Settings:
    mode = config.getoption("aiomoto_mode") or config.getini("aiomoto_mode")
    if mode not in MODES:
        raise pytest.UsageError(
            f"aiomoto_mode = {mode!r} is not a mode aiomoto knows: use "
            f"{' or '.join(MODES)}."
        )
    endpoint = config.getoption("aiomoto_server_endpoint") or config.getini(
        "aiomoto_server_endpoint"
    )
    if endpoint:
        try:  # validated as mock_aws would, without importing Moto's server
            build(server_mode=True, server_endpoint=endpoint)
        except ConfigurationError as bad:
            raise pytest.UsageError(f"--aiomoto-server-endpoint: {bad}") from None
    return Settings(
        server_mode=mode == "server",
        server_endpoint=endpoint or None,
        block_unmocked=bool(
            config.getoption("aiomoto_block_unmocked")
            or config.getini("aiomoto_block_unmocked")
        ),
    )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A marked test sets up the marker's context before any of its fixtures."""
    for item in items:
        if not isinstance(item, pytest.Function):
            continue
        marked = item.get_closest_marker(MARKER) is not None
        if marked and MARKER_FIXTURE not in item.fixturenames:
            item.fixturenames.insert(0, MARKER_FIXTURE)


# -- the contexts -----------------------------------------------------------------


def mock_for(
    request: pytest.FixtureRequest, options: Mapping[str, Any]
) -> MockAwsContext[Any]:
    """The ``mock_aws`` context a fixture or the marker enters for one test.

    In-process unless server mode is asked for (``server_mode=True``, the
    mode option, or the test also uses ``aws_server``); then it attaches to
    the session server, resetting it unless ``reset=False``. Keywords that
    name a server of their own or a Moto ``config`` get exactly
    ``mock_aws(**options)``: the shared server cannot honour them.
    """
    kwargs = dict(options)
    server = kwargs.pop("server_mode", None)
    if server is None:
        server = (
            request.config.stash[_SETTINGS].server_mode
            or "aws_server" in request.fixturenames
        )
    if not server or any(name in kwargs for name in OWN_BACKEND_KEYWORDS):
        return mock_aws(server_mode=server, **kwargs)
    endpoint: str = request.getfixturevalue(SESSION_SERVER_FIXTURE)
    return attached(endpoint, **kwargs)


def attached(endpoint: str, **options: Any) -> MockAwsContext[ActiveServer]:
    """One test's context on a session server: reset on entry unless told not to."""
    options.setdefault("reset", True)
    return mock_aws(server_mode=True, server_endpoint=endpoint, **options)


@contextmanager
def session_server() -> Iterator[str]:
    """Start a Moto server on a loopback port for a session; yield its endpoint.

    It is recorded in the registry like every server aiomoto starts, and is
    emptied before it stops.
    """
    from aiomoto._server import start_local_server
    from aiomoto._server.process import reset_remote

    with ExitStack() as stack:
        server, _ = start_local_server(stack)
        stack.callback(reset_remote, server.address)
        yield server.address.endpoint


@pytest.fixture(scope="session")
def _aiomoto_session_server(pytestconfig: pytest.Config) -> Iterator[str]:
    """This worker's Moto server: started on first use, or the one configured."""
    configured = pytestconfig.stash[_SETTINGS].server_endpoint
    if configured is None:
        with session_server() as endpoint:
            yield endpoint
        return
    workers = int(getattr(pytestconfig, "workerinput", {}).get("workercount", 1))
    if workers > 1:
        pytest.fail(
            f"--aiomoto-server-endpoint {configured} is shared by {workers} "
            "pytest-xdist workers, and the server fixtures reset it before each "
            "test, so one worker's test would empty another's. Run one worker "
            "against it (-n 0 or -n 1), or drop the option to let each worker "
            "start its own server.",
            pytrace=False,
        )
    yield configured


@pytest.fixture
def _aiomoto_marker(request: pytest.FixtureRequest) -> Iterator[ActiveMock | None]:
    """The context of ``@pytest.mark.aiomoto``, around the test and its fixtures."""
    marker = request.node.get_closest_marker(MARKER)
    if marker is None:  # a parametrized sibling of a marked case
        yield None
        return
    if marker.args:
        raise ConfigurationError(
            f"@pytest.mark.{MARKER} takes mock_aws's keywords only, not "
            f"{marker.args!r}: e.g. @pytest.mark.{MARKER}(server_mode=True)."
        )
    request.getfixturevalue("aws_credentials")
    with mock_for(request, marker.kwargs) as handle:
        yield handle


@pytest.fixture
def aws_credentials() -> Iterator[Mapping[str, str]]:
    """Fake AWS credentials and region for the test; the environment is restored.

    Sets ``AWS_ACCESS_KEY_ID``, ``AWS_SECRET_ACCESS_KEY``, ``AWS_SECURITY_TOKEN``,
    ``AWS_SESSION_TOKEN`` (``testing``) and ``AWS_DEFAULT_REGION``/``AWS_REGION``
    (``us-east-1``), and removes ``AWS_PROFILE``/``AWS_DEFAULT_PROFILE``, so
    no real credentials are used by mistake. Yields what it set.
    """
    with pytest.MonkeyPatch.context() as patch:
        for name in PROFILE_VARIABLES:
            patch.delenv(name, raising=False)
        for name, value in FAKE_ENVIRONMENT.items():
            patch.setenv(name, value)
        yield dict(FAKE_ENVIRONMENT)


@pytest.fixture
def aws(
    request: pytest.FixtureRequest, aws_credentials: Mapping[str, str]
) -> Iterator[ActiveMock]:
    """The test runs inside ``mock_aws()``: in-process, or attached to the
    session server in server mode (``--aiomoto-mode=server``, or when the test
    also uses ``aws_server``). Yields the handle."""
    with mock_for(request, {}) as handle:
        yield handle


@pytest.fixture
def aws_server(
    request: pytest.FixtureRequest, aws_credentials: Mapping[str, str]
) -> Iterator[ActiveServer]:
    """The test attaches to this worker's Moto server, emptied first.

    One server per pytest-xdist worker, started when a test first needs it
    and kept for the session (or the server ``--aiomoto-server-endpoint``
    names). Clients made in the test are pointed at it; yields the
    :class:`~aiomoto.ActiveServer` handle (``server_endpoint``...).
    """
    endpoint: str = request.getfixturevalue(SESSION_SERVER_FIXTURE)
    with attached(endpoint) as server:
        yield server


# -- factories --------------------------------------------------------------------


@pytest.fixture
def s3_bucket_factory(aws: ActiveMock) -> Iterator[S3BucketFactory]:
    """Create empty S3 buckets; each is emptied and deleted after the test.

    Returns bucket names, usable from boto3, aiobotocore and aioboto3 alike.
    """
    with S3BucketFactory() as factory:
        yield factory


@pytest.fixture
def dynamodb_table_factory(aws: ActiveMock) -> Iterator[DynamoDBTableFactory]:
    """Create empty on-demand DynamoDB tables; each is deleted after the test.

    Returns table names, usable from boto3, aiobotocore and aioboto3 alike.
    """
    with DynamoDBTableFactory() as factory:
        yield factory
