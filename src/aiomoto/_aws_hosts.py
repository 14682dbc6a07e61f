"""Which host names are AWS endpoints: the one rule every door and message uses."""

from __future__ import annotations

#: How AWS endpoint host names end; a bucket-in-host name ends the same way.
AWS_HOST_SUFFIXES = (".amazonaws.com", ".amazonaws.com.cn", ".api.aws")


def is_aws_host(host: str | None) -> bool:
    """Whether ``host`` names an AWS endpoint (``*.amazonaws.com`` and the like)."""
    if not host:
        return False
    name = "." + host.lower().rstrip(".")
    return name.endswith(AWS_HOST_SUFFIXES)
