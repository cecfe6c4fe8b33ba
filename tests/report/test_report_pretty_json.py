"""``_stream.pretty`` writes exactly what ``json.dumps(ensure_ascii=False, indent=2)`` writes."""

from __future__ import annotations

import enum
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from perflint.report._stream import dumps, pretty


class Level(enum.StrEnum):
    HIGH = "high"


class Rank(enum.IntEnum):
    ONE = 1


class Holder:
    pass


class Mapping(dict):
    pass


class Items(list):
    pass


CASES = [
    {},
    [],
    (),
    "",
    0,
    -0.0,
    1e-05,
    1e20,
    123456789012345678901234567890,
    0.1,
    float("nan"),
    float("inf"),
    -float("inf"),
    True,
    False,
    None,
    '引号"、反斜杠\\、换行\n、制表\t、\x00\x1f\x7f\u2028\ud800 emoji 😀',
    {"a": [], "b": {}, "c": [[], [{}]], "d": (1, "2", None)},
    {"zh": "预算", "en": "budget", "n": [1, 2.5, True, None, {"x": [Level.HIGH, Rank.ONE]}]},
    [{"findings": [{"code": "VAL001", "span": [1, 2, 3, 4], "args": {"value": "/"}}]}] * 3,
    {1: "int key", "s": "after"},  # json turns the key into a string: left to json
    {None: 1, True: 2, 2.5: 3},
    {"deep": [[[[[[[["x"]]]]]]]]},
    # leaves written inline by a container (exact str, None, int) beside subclasses and bools
    {"s": "x", "n": None, "i": -3, "big": 10**30, "t": True, "f": False, "e": Level.HIGH, "r": Rank.ONE, "x": 1.5},
    ["x", None, -3, 10**30, True, False, Level.HIGH, Rank.ONE, 1.5, "\n"],
    # subclasses of dict and list, inside containers and at the top
    {"m": Mapping({"a": [1, Items([2, {"b": None}])]}), "i": Items(), "t": ({"u": 1},)},
    Mapping({"k": Items(["v", Mapping()])}),
    # a newline-like character in a key or a value does not split an item
    {"a\nb": "c\r\nd", "\u2028": ["\n", {"\n": "\n"}]},
]


@pytest.mark.parametrize("value", CASES, ids=range(len(CASES)))
def test_pretty_is_json_dumps_indent_2(value):
    assert pretty(value) == json.dumps(value, ensure_ascii=False, indent=2)


@pytest.mark.parametrize("level", [0, 1, 3])
def test_dumps_at_a_depth_is_the_old_text(level):
    value = {"a": [1, {"b": "c"}], "d": []}
    pad = "  " * level
    assert dumps(value, level) == pad + json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + pad)


def test_what_json_cannot_write_fails_as_json_fails():
    with pytest.raises(TypeError):
        pretty({"x": Holder()})
    loop: list = []
    loop.append(loop)
    with pytest.raises(ValueError):
        pretty(loop)


_leaves = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(),
    st.sampled_from([Level.HIGH, Rank.ONE]),
)
_values = st.recursive(
    _leaves,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.lists(inner, max_size=3).map(tuple),
        st.dictionaries(st.text(max_size=5), inner, max_size=4),
    ),
    max_leaves=20,
)


@settings(max_examples=100, deadline=None)
@given(_values, st.integers(min_value=0, max_value=3))
def test_any_json_value_is_laid_out_as_json_dumps(value, level):
    # json's C encoder writes the leaves, the containers are put in place around them
    text = json.dumps(value, ensure_ascii=False, indent=2)
    assert pretty(value) == text
    assert dumps(value, level) == "  " * level + text.replace("\n", "\n" + "  " * level)
