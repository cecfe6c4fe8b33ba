"""The check-kind API.

A *kind* holds behaviour (Python); a *rule* (TOML in ``rules/``) names a kind
and gives it parameters, a severity and messages.  Kinds never build
user-visible strings: they yield :class:`Hit` s with named ``args`` and the
rule's message templates render them in each language.

Writing a kind::

    from perflint.checks.base import Hit, Kind, kind

    @kind
    class RequiredField(Kind):
        name = "required-field"
        params_schema = {
            "type": "object",
            "properties": {"field": {"type": "string"}},
            "required": ["field"],
            "additionalProperties": False,
        }

        def check(self, decl, params, ctx):
            if not getattr(decl, params["field"]):
                yield Hit(f"/{params['field']}", {"field": params["field"]})

Registration: built-in kinds are collected by :func:`perflint.checks.register`,
which the ``perflint.kinds`` entry point names; a plugin exposes its own
``register()`` returning a list of :class:`Kind` subclasses under the same
entry-point group.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

from perflint.checks.analysis.rows import Analysis
from perflint.checks.analysis.values import form_key
from perflint.domain.findings import Severity
from perflint.domain.model import Declaration


@dataclass(frozen=True, slots=True)
class Hit:
    """What a check reports.

    ``pointer``
        JSON pointer into the declaration (``/indicators/3/value``); the engine
        turns it into a line and column.
    ``args``
        Named fields for the rule's message and suggestion templates.
    ``variant``
        Picks ``[messages.<variant>]`` of the rule instead of ``[message]``,
        for a rule that words two cases differently.
    ``severity``
        Overrides the rule's default severity for this hit (for example an
        empty field is an error, a short one only info).  A severity the user
        set in the config still wins.
    ``suggest``
        Whether to render the rule's ``[suggestion]`` templates for this hit.
    ``declaration``
        For bundle kinds: index of the declaration the hit belongs to.
    """

    pointer: str
    args: dict[str, Any] = field(default_factory=dict)
    variant: str | None = None
    severity: Severity | None = None
    suggest: bool = False
    declaration: int | None = None


@dataclass(slots=True)
class Context:
    """What a check may look at besides the declaration.

    ``settings``
        Shared parameters (placeholder tokens, vague terms, satisfaction
        minimum …) from ``rules/settings.toml`` merged with the user's
        config.  Rule ``params`` override them per rule.
    ``bundle``
        Every declaration read from the same file, in order.
    ``index``
        The position of the declaration being checked in ``bundle``.
    ``profile``
        The active profile name (``hunan-2019``, ``cn-2015``, ``cn-2021``).
    ``today``
        ISO date used as "now" (for 填报日期 in the future); fixed in tests.
    ``analyses``
        The shared analysis of each declaration of the bundle
        (:class:`perflint.checks.analysis.rows.Analysis`: its indicator rows
        with their categories, targets, figures …), built once on first use
        and shared by every rule: ask for it with :meth:`analysis_for`.
    """

    settings: Mapping[str, Any] = field(default_factory=dict)
    bundle: list[Declaration] = field(default_factory=list)
    index: int = 0
    profile: str = "hunan-2019"
    today: str = "2026-01-01"
    #: one slot per declaration of the bundle, shared by the contexts of one file
    analyses: list[Analysis | None] = field(default_factory=list)

    def analysis_for(self, decl: Declaration) -> Analysis:
        """The shared analysis of ``decl`` (a declaration of the bundle; any other
        declaration gets an analysis of its own)."""
        index = self.index
        analyses = self.analyses
        if index < len(analyses):  # the rules ask ~40 times per declaration: the common case first
            found = analyses[index]
            if found is not None and found.decl is decl:
                return found
        if not (index < len(self.bundle) and self.bundle[index] is decl):
            index = next((i for i, d in enumerate(self.bundle) if d is decl), -1)
            if index < 0:
                return Analysis(decl)
        if len(self.analyses) != len(self.bundle):
            self.analyses[:] = [None] * len(self.bundle)
        found = self.analyses[index]
        if found is None:
            found = self.analyses[index] = Analysis(decl)
        return found

    def setting(self, params: dict[str, Any], name: str, default: Any = None) -> Any:
        """A parameter: the rule's own value, else the shared setting, else ``default``."""
        if name in params:
            return params[name]
        return self.settings.get(name, default)


class Kind:
    """Base class of check kinds."""

    #: kebab-case identifier used by rules (``kind = "required-field"``)
    name: ClassVar[str] = ""
    #: JSON Schema of the ``[params]`` table of rules using this kind
    params_schema: ClassVar[dict[str, Any]] = {"type": "object", "additionalProperties": False}
    #: ``declaration`` kinds see one declaration at a time; ``bundle`` kinds
    #: see every declaration of a file at once (cross-form checks).
    scope: ClassVar[str] = "declaration"
    #: one-line description shown by ``perflint explain`` (zh, en)
    description: ClassVar[dict[str, str]] = {}
    #: a finding quotes words that are wrong whatever text follows them (a misspelling): a
    #: field the text stops inside does not make it doubtful, as it does a claim about the
    #: field as a whole (what the cut-off end would have said is unknown)
    local: ClassVar[bool] = False

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterable[Hit]:
        raise NotImplementedError

    def data_files(self, params: dict[str, Any]) -> list[str]:
        """Files besides the rule file whose content decides this kind's findings (a
        dictionary that ``params`` names): the result cache stamps them, so that an
        edited dictionary is never answered from an entry made with the old one."""
        return []

    def param_problems(self, params: dict[str, Any]) -> list[tuple[str, dict[str, str]]]:
        """What is wrong with ``params`` beyond their JSON Schema, checked when the rule
        loads: ``(key, {"zh": …, "en": …})`` pairs (for example a regular expression
        outside the vetted subset, see :mod:`perflint.safe_regex`)."""
        return []

    def check_bundle(self, decls: list[Declaration], params: dict[str, Any], ctx: Context) -> Iterable[Hit]:
        raise NotImplementedError


_BUILTIN: list[type[Kind]] = []


def kind(cls: type[Kind]) -> type[Kind]:
    """Class decorator collecting a built-in kind for :func:`perflint.checks.register`."""
    if not cls.name:
        raise ValueError(f"{cls.__name__} has no name")
    _BUILTIN.append(cls)
    return cls


def builtin_kinds() -> Iterator[type[Kind]]:
    yield from _BUILTIN


# -- helpers for kinds' parameters -------------------------------------------------------

SEVERITY = {"type": "string", "enum": ["error", "warning", "info"]}
STRINGS = {"type": "array", "items": {"type": "string"}}
FORM_TYPES = {"type": "array", "items": {"type": "string", "enum": ["project", "department"]}, "uniqueItems": True}

#: settings read by the value helpers in :mod:`perflint.checks.analysis.values`
VALUE_SETTINGS = (
    "placeholders",
    "max_value_len",
    "qualitative_allowlist",
    "max_content_len",
    "vague_terms",
    "vague_allow_if_numeric",
)

SHARED_PROPS: dict[str, Any] = {
    "placeholders": STRINGS,
    "max_value_len": {"type": "integer", "minimum": 1},
    "max_content_len": {"type": "integer", "minimum": 1},
    "qualitative_allowlist": STRINGS,
    "vague_terms": STRINGS,
    "vague_allow_if_numeric": {"type": "boolean"},
    "optional_categories": STRINGS,
}


def schema(*shared: str, **own: Any) -> dict[str, Any]:
    """A params schema: some shared settings (overridable per rule) plus own keys."""
    props = {name: SHARED_PROPS[name] for name in shared}
    props.update(own)
    return {"type": "object", "properties": props, "additionalProperties": False}


class Params(dict[str, Any]):
    """A rule's parameters as the engine hands them to its kind: made once per run and
    given to every call, so they are read-only (copy them with ``dict(params)`` to
    change them).  It also keeps what :func:`settings` made of them, which depends
    only on the parameters and the run's settings."""

    __slots__ = ("memo",)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        #: (the shared settings it was made from, the result of :func:`settings`)
        self.memo: tuple[Mapping[str, Any], dict[str, Any]] | None = None

    def _read_only(self, *args: Any, **kwargs: Any) -> Any:
        raise TypeError("rule parameters are read-only: copy them with dict(params) to change them")

    __setitem__ = __delitem__ = _read_only
    pop = popitem = setdefault = update = clear = _read_only
    __ior__ = _read_only

    def __reduce__(self) -> Any:
        return (Params, (dict(self),))


def settings(params: dict[str, Any], ctx: Context) -> dict[str, Any]:
    """The value-analysis settings with the rule's own overrides applied (read-only:
    with :class:`Params` the same dict is returned to every call of the run).

    Word lists are tuples: the memoized analyses of :mod:`perflint.checks.analysis.values`
    take them as they are, without a copy per cell."""
    if isinstance(params, Params):
        memo = params.memo
        if memo is not None and memo[0] is ctx.settings:
            return memo[1]
        out = _settings(params, ctx)
        params.memo = (ctx.settings, out)
        return out
    return _settings(params, ctx)


def _settings(params: dict[str, Any], ctx: Context) -> dict[str, Any]:
    out = {name: ctx.setting(params, name) for name in VALUE_SETTINGS}
    out["placeholders"] = tuple(out["placeholders"] or ())
    out["qualitative_allowlist"] = tuple(out["qualitative_allowlist"] or ())
    out["vague_terms"] = tuple(out["vague_terms"] or ())
    out["max_value_len"] = int(out["max_value_len"] or 30)
    out["max_content_len"] = int(out["max_content_len"] or 60)
    if out["vague_allow_if_numeric"] is None:
        out["vague_allow_if_numeric"] = True
    return out


def applies(params: dict[str, Any], decl: Declaration, default: tuple[str, ...] = ("project", "department")) -> bool:
    return form_key(decl) in params.get("form_types", default)
