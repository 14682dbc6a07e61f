"""The backend an activation owns: where the fake AWS state lives.

- :class:`LocalBackend`: Moto's process-global backends in this process,
  activated through Moto's own ``MockAWS`` (its backends, its sync
  ``before-send`` stubber, its fake credentials, its ``responses`` mock).
  Every local door (in-process clients, direct HTTP, a loopback server) serves
  this one backend.
- :class:`RemoteBackend`: a Moto server that aiomoto did not start in this
  activation (another process, container or machine), reached over HTTP.

Both offer the same three operations: reset now, and close, where closing
takes the ``remove_data`` decision as an argument.
"""

from __future__ import annotations

from typing import Any, Literal, cast

from aiomoto._options import ServerAddress


class LocalBackend:
    kind: Literal["local"] = "local"

    def __init__(self, *, reset: bool, config: dict[str, Any] | None) -> None:
        from moto.core.models import MockAWS

        self._mock = MockAWS(config=cast(Any, config))
        self._mock.start(reset=reset)

    def reset(self) -> None:
        """Empty every backend and Moto's model registries, as a fresh start."""
        from moto.core.base_backend import BackendDict
        from moto.core.model_instances import reset_model_data

        BackendDict.reset()
        reset_model_data()

    def close(self, *, remove_data: bool) -> None:
        self._mock.stop(remove_data=remove_data)


class RemoteBackend:
    kind: Literal["remote"] = "remote"

    def __init__(self, address: ServerAddress, *, reset: bool) -> None:
        from aiomoto._server.process import check_moto_answers

        check_moto_answers(address)
        self.address = address
        if reset:
            self.reset()

    def reset(self) -> None:
        """Empty the remote server's backends through Moto's ``/moto-api/reset``."""
        from aiomoto._server.process import reset_remote

        reset_remote(self.address)

    def close(self, *, remove_data: bool) -> None:
        if remove_data:
            self.reset()


Backend = LocalBackend | RemoteBackend
