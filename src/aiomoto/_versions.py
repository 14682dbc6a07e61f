"""The version policy: which upstream releases aiomoto supports and has tested.

At the first ``mock_aws`` enter in a process, the installed aiobotocore,
botocore and moto are compared with these bounds. A release older than the
oldest supported one raises :class:`~aiomoto.exceptions.UnsupportedVersionError`
(saying what to install); one newer than the newest tested one warns once with
:class:`~aiomoto.exceptions.UntestedVersionWarning`.

The tests keep these bounds true (tests/unit/test_versions.py): ``matrix.json``
repeats them and its ``oldest`` cell installs exactly the oldest supported
releases (botocore 1.40.46 is the lowest aiobotocore 2.25.0 accepts); each
newest tested release is the newest that the sweep (``sweep/sweep.json``,
``make sweep``) runs through the smoke suite.
"""

from __future__ import annotations

import os
import re
import sys
import threading
import warnings
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from types import FrameType

from aiomoto.exceptions import UnsupportedVersionError, UntestedVersionWarning

ISSUES_URL = "https://github.com/aiomoto/aiomoto/issues"


@dataclass(frozen=True)
class Bounds:
    oldest_supported: str
    newest_tested: str


#: Keep in step with matrix.json and sweep/sweep.json (tests/unit/test_versions.py).
BOUNDS: dict[str, Bounds] = {
    "aiobotocore": Bounds(oldest_supported="2.25.0", newest_tested="3.10.0"),
    "botocore": Bounds(oldest_supported="1.40.46", newest_tested="1.43.117"),
    "moto": Bounds(oldest_supported="5.1.5", newest_tested="5.2.5"),
}

_checked = False
_lock = threading.Lock()


def release(text: str) -> tuple[int, ...]:
    """The numeric release of a version string: ``"3.10.0rc1"`` -> ``(3, 10, 0)``."""
    match = re.match(r"\d+(?:\.\d+)*", text)
    if match is None:
        return ()
    return tuple(int(part) for part in match.group(0).split("."))


def installed(distribution: str) -> str | None:
    try:
        return version(distribution)
    except PackageNotFoundError:
        return None


def check(versions: dict[str, str | None]) -> None:
    """Raise for unsupported versions; warn for untested newer ones."""
    too_old = []
    too_new = []
    for name, found in versions.items():
        bounds = BOUNDS[name]
        if found is None:
            continue
        if release(found) < release(bounds.oldest_supported):
            too_old.append(
                f"{name} {found} (install {name}>={bounds.oldest_supported})"
            )
        elif release(found) > release(bounds.newest_tested):
            too_new.append(f"{name} {found} (newest tested: {bounds.newest_tested})")
    if too_old:
        raise UnsupportedVersionError(
            "aiomoto does not support " + ", ".join(too_old) + ". Upgrade, e.g. "
            'pip install -U "aiobotocore>=2.25" "moto>=5.1.5".'
        )
    if too_new:
        warnings.warn(
            "aiomoto has not been tested with "
            + ", ".join(too_new)
            + f". It will probably work; if it does not, please report it at "
            f"{ISSUES_URL} with these versions.",
            UntestedVersionWarning,
            stacklevel=_first_frame_outside_aiomoto(),
        )


#: The directory of the aiomoto package; frames whose file is under it are ours.
_PACKAGE_DIR = os.path.dirname(__file__) + os.sep


def _first_frame_outside_aiomoto() -> int:
    """The ``stacklevel`` of the nearest caller outside aiomoto.

    A warning then points at the user's ``with``, ``async with`` or decorated
    call, however many of aiomoto's own frames (doors, decorator wrappers,
    lifecycle) lie between it and the check.
    """
    level = 1
    frame: FrameType | None = sys._getframe(1)
    while frame is not None and frame.f_code.co_filename.startswith(_PACKAGE_DIR):
        frame = frame.f_back
        level += 1
    return level


def check_once() -> None:
    """Check the installed versions the first time a mock starts."""
    global _checked
    with _lock:
        if not _checked:
            check({name: installed(name) for name in BOUNDS})
            _checked = True
