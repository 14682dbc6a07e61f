"""The only module that reads aiomoto's own environment variable."""

from __future__ import annotations

import os
from pathlib import Path

#: Where server registry files go; a per-user cache directory when unset.
REGISTRY_DIR_VARIABLE = "AIOMOTO_SERVER_REGISTRY_DIR"


def registry_dir() -> Path:
    configured = os.environ.get(REGISTRY_DIR_VARIABLE)
    if configured:
        return Path(configured)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("aiomoto")) / "servers"
