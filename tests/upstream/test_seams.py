"""The private upstream attributes aiomoto builds on are all still there."""

from __future__ import annotations

import pytest

from aiomoto._upstream import SEAMS, Seam


@pytest.mark.parametrize("seam", SEAMS, ids=lambda seam: seam.qualname)
def test_every_seam_aiomoto_relies_on_exists(seam: Seam) -> None:
    assert seam.resolve() is not None
