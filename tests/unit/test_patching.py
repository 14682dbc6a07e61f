"""patched() restores exactly what it found, and records every live patch."""

from __future__ import annotations

import pytest

from aiomoto._patching import live_patches, patched


class Base:
    def greet(self) -> str:
        return "base"


class Child(Base):
    pass


def replacement(self: object) -> str:
    return "patched"


def test_an_inherited_attribute_is_deleted_again_not_copied_down() -> None:
    with patched(Child, "greet", replacement):
        assert Child().greet() == "patched"
        assert Base().greet() == "base"
        assert live_patches() == {(Child, "greet"): 1}
    assert "greet" not in vars(Child)
    assert Child.greet is Base.greet
    assert live_patches() == {}


def test_an_own_attribute_is_put_back_as_the_very_same_object() -> None:
    original = vars(Base)["greet"]
    with patched(Base, "greet", replacement):
        assert Child().greet() == "patched"
    assert vars(Base)["greet"] is original


def test_a_nested_patch_of_the_same_attribute_counts_twice_and_unwinds() -> None:
    original = vars(Base)["greet"]
    with patched(Base, "greet", replacement):
        with patched(Base, "greet", lambda self: "inner"):
            assert live_patches() == {(Base, "greet"): 2}
        assert Base().greet() == "patched"
        assert live_patches() == {(Base, "greet"): 1}
    assert vars(Base)["greet"] is original


def test_a_module_attribute_is_recorded_with_its_module() -> None:
    import tests.unit.test_patching as module

    with patched(module, "Child", Base):
        assert live_patches() == {(module, "Child"): 1}
    assert module.Child is Child


def test_an_attribute_that_is_gone_fails_before_anything_changes() -> None:
    with pytest.raises(AttributeError), patched(Child, "vanished", replacement):
        pass
    assert "vanished" not in vars(Child)
    assert live_patches() == {}


def test_an_exception_in_the_block_still_restores_and_unrecords() -> None:
    original = vars(Base)["greet"]
    with pytest.raises(KeyError), patched(Base, "greet", replacement):
        raise KeyError("inside")
    assert vars(Base)["greet"] is original
    assert live_patches() == {}
