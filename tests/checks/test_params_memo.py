"""The read-only rule parameters the engine hands to kinds, and the settings memo they keep."""

from __future__ import annotations

import pickle

import pytest

from perflint.checks.base import Context, Params, settings

SHARED = {"placeholders": ["无", "/"], "max_value_len": 40, "vague_terms": ["较好"]}


def test_settings_of_params_are_made_once_per_shared_settings() -> None:
    params = Params({"max_value_len": 12})
    ctx = Context(settings=SHARED)
    first = settings(params, ctx)
    assert first == settings(dict(params), ctx)  # the same as without the memo
    assert first["max_value_len"] == 12 and first["placeholders"] == ("无", "/")
    assert settings(params, Context(settings=SHARED, index=3)) is first  # another declaration, same run
    other = settings(params, Context(settings={**SHARED, "placeholders": ["-"]}))
    assert other is not first and other["placeholders"] == ("-",)


def test_plain_dict_params_are_not_memoized() -> None:
    params = {"max_value_len": 12}
    ctx = Context(settings=SHARED)
    assert settings(params, ctx) is not settings(params, ctx)


@pytest.mark.parametrize(
    "change",
    [
        lambda p: p.__setitem__("x", 1),
        lambda p: p.__delitem__("max_value_len"),
        lambda p: p.pop("max_value_len"),
        lambda p: p.update(x=1),
        lambda p: p.setdefault("x", 1),
        lambda p: p.clear(),
        lambda p: p.popitem(),
    ],
)
def test_params_are_read_only(change) -> None:  # type: ignore[no-untyped-def]
    params = Params({"max_value_len": 12})
    with pytest.raises(TypeError, match="read-only"):
        change(params)
    assert params == {"max_value_len": 12}
    copy = dict(params)
    copy["x"] = 1  # a copy is a plain dict


def test_params_pickle_as_params() -> None:
    back = pickle.loads(pickle.dumps(Params({"a": [1, 2]})))
    assert type(back) is Params and back == {"a": [1, 2]} and back.memo is None
