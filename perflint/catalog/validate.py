"""Validation of rule packs and configuration: JSON Schema, TOML lines, did-you-mean."""

from __future__ import annotations

import difflib
import re
import tomllib
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from perflint.catalog.rules import LANGS, Problem
from perflint.messages import t
from perflint.resources import schema
from perflint.safe_regex import UnsafeRegex, check_pattern

if TYPE_CHECKING:  # imported lazily: only a run that validates something needs them
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

# ---------------------------------------------------------------------------
# helpers: lines of keys in TOML text, did-you-mean
# ---------------------------------------------------------------------------


def did_you_mean(word: str, choices: Iterable[str], cutoff: float = 0.6) -> str | None:
    choices = sorted(set(choices))
    found = difflib.get_close_matches(word, choices, n=1, cutoff=cutoff)
    if not found:
        lower = {c.lower(): c for c in choices}
        found = [lower[m] for m in difflib.get_close_matches(word.lower(), list(lower), n=1, cutoff=cutoff)]
    return found[0] if found else None


def _key_pattern(key: str) -> str:
    return rf'(?:{re.escape(key)}|"{re.escape(key)}"|\'{re.escape(key)}\')'


def locate(text: str, path: list[str | int]) -> int | None:
    """Best-effort 1-based line of the key at ``path`` in TOML ``text``.

    Handles top-level keys, ``[table]`` / ``[a.b]`` headers, ``[[array]]``
    entries (by index) and dotted or inline keys; returns ``None`` when the
    key cannot be found (for example a key set inside an inline table that
    spans lines in an unusual way).
    """
    lines = text.splitlines()
    start, end = 0, len(lines)
    header_re = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")

    def headers() -> list[tuple[int, str, bool]]:
        out = []
        for i, line in enumerate(lines):
            m = header_re.match(line)
            if m:
                out.append(
                    (i, m.group(1).replace('"', "").replace("'", "").replace(" ", ""), line.strip().startswith("[["))
                )
        return out

    heads = headers()
    prefix: list[str] = []
    i = 0
    found_line: int | None = None
    while i < len(path):
        seg = path[i]
        if isinstance(seg, int):
            i += 1
            continue
        nxt = path[i + 1] if i + 1 < len(path) else None
        dotted = ".".join(prefix + [seg])
        if isinstance(nxt, int):
            arrays = [h for h in heads if h[1] == dotted and h[2]]
            if len(arrays) > nxt:
                start = arrays[nxt][0]
                later = [h[0] for h in heads if h[0] > start]
                end = later[0] if later else len(lines)
                found_line = start + 1
                prefix = prefix + [seg]  # headers are absolute dotted names
                i += 2
                continue
        if not any(h[1] == dotted for h in heads) and any(h[1].startswith(dotted + ".") for h in heads):
            prefix.append(str(seg))  # a parent of a [a.b] header, e.g. "tool" in [tool.perflint]
            i += 1
            continue
        tables = [h for h in heads if h[1] == dotted and not h[2] and start <= h[0] < max(end, start + 1)]
        if not tables:
            tables = [h for h in heads if h[1] == dotted and not h[2]]
        if tables:
            start = tables[0][0]
            later = [h[0] for h in heads if h[0] > start]
            end = later[0] if later else len(lines)
            found_line = start + 1
            prefix = prefix + [seg]
            i += 1
            continue
        pat = re.compile(rf"^\s*(?:[\w\-\"'.]+\.)?{_key_pattern(str(seg))}\s*[=.]")
        inline = re.compile(rf"[{{,]\s*{_key_pattern(str(seg))}\s*=")
        hit = None
        for j in range(start, end):
            if pat.match(lines[j]) or inline.search(lines[j]):
                hit = j
                break
        if hit is None:
            return found_line
        found_line = hit + 1
        start = hit
        prefix.append(str(seg))
        i += 1
    return found_line


# ---------------------------------------------------------------------------
# validation of one rule file
# ---------------------------------------------------------------------------


def validator_for(json_schema: dict[str, Any]) -> Draft202012Validator:
    """A JSON Schema validator (imports jsonschema on first use)."""
    # start-up: jsonschema costs ~60 ms and a run that validates nothing never needs it
    from jsonschema import Draft202012Validator

    return Draft202012Validator(json_schema)


@lru_cache(maxsize=1)
def _rule_validator() -> Draft202012Validator:
    return validator_for(schema("rulepack.schema.json"))


@lru_cache(maxsize=1)
def _declaration_validator() -> Draft202012Validator:
    """Example declarations follow the JSON input schema, so a misspelt field cannot make
    an example pass vacuously (``Declaration.from_dict`` ignores unknown keys)."""
    return validator_for(schema("declaration.schema.json"))


@lru_cache(maxsize=1)
def _profile_validator() -> Draft202012Validator:
    root = schema("rulepack.schema.json")
    return validator_for({"$defs": root["$defs"], "$ref": "#/$defs/profile"})


#: keywords :func:`surely_valid` understands; annotations it may ignore
_QUICK_KEYWORDS = frozenset(
    {
        "type",
        "enum",
        "pattern",
        "minLength",
        "minimum",
        "maximum",
        "exclusiveMinimum",
        "exclusiveMaximum",
        "items",
        "properties",
        "additionalProperties",
        "propertyNames",
        "$ref",
    }
)
_ANNOTATIONS = frozenset(
    {"description", "title", "$schema", "$id", "$comment", "$defs", "default", "examples", "deprecated"}
)
_QUICK_TYPES: dict[str, Any] = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "boolean": lambda v: isinstance(v, bool),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
}


def surely_valid(json_schema: dict[str, Any], data: Any, root: dict[str, Any] | None = None) -> bool:
    """True only when ``data`` is certainly valid against ``json_schema`` (draft 2020-12).

    A small, strict subset of JSON Schema (the keywords of
    ``config.schema.json``: type, enum, pattern, minLength, minimum,
    maximum, exclusiveMinimum, exclusiveMaximum, items, properties, additionalProperties, propertyNames and
    local ``$ref``), so that a valid configuration is accepted without
    importing jsonschema.  Any other keyword, and any doubtful case (``1.0``
    for an integer, ``1`` in an enum of floats), answers False: then
    jsonschema decides, and words the errors.
    """
    root = json_schema if root is None else root
    if json_schema is True:
        return True
    if not isinstance(json_schema, dict):
        return False
    for key, rule in json_schema.items():
        if key in _ANNOTATIONS:
            continue
        if key not in _QUICK_KEYWORDS:
            return False
        if key == "type":
            check = _QUICK_TYPES.get(rule) if isinstance(rule, str) else None
            if check is None or not check(data):
                return False
        elif key == "enum":
            if not any(type(choice) is type(data) and choice == data for choice in rule):
                return False
        elif key == "$ref":
            if not (isinstance(rule, str) and rule.startswith("#/$defs/")):
                return False
            target = (root.get("$defs") or {}).get(rule[len("#/$defs/") :])
            if target is None or not surely_valid(target, data, root):
                return False
        elif key == "pattern":
            if isinstance(data, str) and not re.search(rule, data):
                return False
        elif key == "minLength":
            if isinstance(data, str) and len(data) < rule:
                return False
        elif key in ("minimum", "maximum"):
            if isinstance(data, (int, float)) and not isinstance(data, bool):
                if (data < rule) if key == "minimum" else (data > rule):
                    return False
        elif key in ("exclusiveMinimum", "exclusiveMaximum"):
            if isinstance(data, (int, float)) and not isinstance(data, bool):
                if not ((data > rule) if key == "exclusiveMinimum" else (data < rule)):
                    return False
        elif key == "items":
            if isinstance(data, list) and not all(surely_valid(rule, item, root) for item in data):
                return False
        elif key == "propertyNames":
            if isinstance(data, dict) and not all(surely_valid(rule, name, root) for name in data):
                return False
        elif key == "properties":
            if isinstance(data, dict) and not all(
                surely_valid(rule[name], value, root) for name, value in data.items() if name in rule
            ):
                return False
        elif key == "additionalProperties":
            if isinstance(data, dict):
                known = json_schema.get("properties") or {}
                extra = [value for name, value in data.items() if name not in known]
                if extra and (rule is False or not all(surely_valid(rule, value, root) for value in extra)):
                    return False
    return True


def schema_problems(
    validator: Draft202012Validator, data: Any, text: str, path: str, prefix: list[str | int] | None = None
) -> list[Problem]:
    """Turn JSON Schema errors into :class:`Problem` s with lines and suggestions."""
    prefix = list(prefix or [])
    out: list[Problem] = []
    errors = sorted(validator.iter_errors(data), key=lambda e: (list(map(str, e.absolute_path)), e.message))
    for err in errors:
        out.extend(_problems_from_error(err, text, path, prefix))
    return out


def _problems_from_error(err: ValidationError, text: str, path: str, prefix: list[str | int]) -> list[Problem]:
    loc = prefix + list(err.absolute_path)
    key = ".".join(str(p) for p in loc)
    if err.validator == "additionalProperties" and isinstance(err.instance, dict):
        known = list((err.schema.get("properties") or {}).keys())
        out = []
        for extra in sorted(k for k in err.instance if k not in known):
            patt = err.schema.get("patternProperties") or {}
            if any(re.search(p, extra) for p in patt):
                continue
            guess = did_you_mean(extra, known)
            full = ".".join(str(p) for p in loc + [extra])
            out.append(Problem(path, locate(text, loc + [extra]), full, t("unknown-key", key=extra, hint=guess)))
        return out
    if err.validator == "enum":
        guess = did_you_mean(str(err.instance), [str(v) for v in err.validator_value])
        return [
            Problem(
                path,
                locate(text, loc),
                key,
                t("bad-value", value=err.instance, allowed=", ".join(str(v) for v in err.validator_value), hint=guess),
            )
        ]
    if err.validator == "required":
        missing = err.message.split("'")[1] if "'" in err.message else err.message
        return [Problem(path, locate(text, loc) or 1, key or missing, t("missing-key", key=missing))]
    if err.validator in ("anyOf", "oneOf") and err.context:
        best = sorted(err.context, key=lambda e: (len(list(e.absolute_path)), e.message))[-1]
        return _problems_from_error(best, text, path, prefix)
    return [Problem(path, locate(text, loc), key, t("schema-error", reason=err.message))]


def _lang_pair(data: Any) -> dict[str, str]:
    return {lang: str(data[lang]) for lang in LANGS if isinstance(data, dict) and lang in data}


def _parse_toml(path: Path) -> tuple[dict[str, Any] | None, str, Problem | None]:
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return None, "", Problem(str(path), None, "", t("unreadable", reason=str(exc)))
    try:
        return tomllib.loads(text), text, None
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"line (\d+)", str(exc))
        return None, text, Problem(str(path), int(m.group(1)) if m else None, "", t("toml-syntax", reason=str(exc)))


def same_type(default: Any, value: Any) -> bool:
    if isinstance(default, bool) or isinstance(value, bool):
        return isinstance(default, bool) and isinstance(value, bool)
    if isinstance(default, (int, float)):
        return isinstance(value, (int, float))
    if isinstance(default, list):
        return isinstance(value, list)
    if isinstance(default, dict):
        return isinstance(value, dict)
    if isinstance(default, str):
        return isinstance(value, str)
    return True


def type_name(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "table"
    return "string"


# ---------------------------------------------------------------------------
# regular expressions in parameters
# ---------------------------------------------------------------------------


def regex_problems(json_schema: dict[str, Any], params: Any) -> list[tuple[str, dict[str, str]]]:
    """``(key, {"zh": …, "en": …})`` for every parameter the kind's schema marks
    ``"format": "regex"`` (a string, or an array of them) whose value is outside the
    vetted subset of :mod:`perflint.safe_regex` (or does not compile).

    Checked when a rule pack or a configuration loads, so a bad pattern is a
    configuration error naming the file and the key, never an error on every file."""
    out: list[tuple[str, dict[str, str]]] = []
    if not isinstance(params, dict):
        return out
    props = json_schema.get("properties") or {}
    for key in sorted(params):
        spec = props.get(key)
        if not isinstance(spec, dict):
            continue
        value = params[key]
        if spec.get("format") == "regex":
            values, where = [value], [key]
        elif isinstance(spec.get("items"), dict) and spec["items"].get("format") == "regex" and isinstance(value, list):
            values, where = value, [f"{key}.{i}" for i in range(len(value))]
        else:
            continue
        for label, pattern in zip(where, values):
            try:
                check_pattern(pattern)
            except UnsafeRegex as exc:
                out.append((label, {"zh": exc.message("zh"), "en": exc.message("en")}))
    return out


def param_problems(kind: Any, params: dict[str, Any]) -> list[tuple[str, dict[str, str]]]:
    """:func:`regex_problems` and the kind's own ``param_problems``, one problem per key."""
    out: dict[str, dict[str, str]] = {}
    for key, message in [*regex_problems(kind.params_schema, params), *kind.param_problems(params)]:
        out.setdefault(key, message)
    return list(out.items())
