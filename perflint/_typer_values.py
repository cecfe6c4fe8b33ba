"""Command-line values without pydantic for perflint's plain option types (start-up).

typer (from 0.2x) turns every option value into its Python type through a
pydantic ``TypeAdapter`` built for each of a command's options on every run,
given or not: importing pydantic and building some 25 adapters was about a
quarter of the start-up CPU of ``perflint check ONE_FILE``.  perflint's options
are ``str``, ``bool``, ``int``, ``Path`` and lists of ``str`` or ``Path``; for
those :func:`coerce` gives the value typer's adapter would give, without
pydantic.  Any other type, any value it is not sure of (an ``int`` that is not
plain digits, an empty path …) and any value that fails go to typer's own
adapter, built then, so results and error messages are typer's.
:func:`install_fast_values` does nothing with a typer that has no
``build_runtime_param`` (older versions parse with click, without pydantic).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, cast, get_args, get_origin

#: "not handled here": the value goes to typer's adapter
_SKIP: Any = object()


def _leaf(annotation: Any, info: Any, value: Any, param: Any, ctx: Any) -> Any:
    if getattr(info, "parser", None) is not None:
        return _SKIP
    if annotation is str or annotation is bool:
        return value if type(value) is annotation else _SKIP
    if annotation is int:
        if getattr(info, "clamp", False):
            return _SKIP
        if type(value) is str and value.isascii() and value.isdigit():
            number = int(value)
        elif type(value) is int:
            number = value
        else:
            return _SKIP
        low, high = getattr(info, "min", None), getattr(info, "max", None)
        if (low is not None and number < low) or (high is not None and number > high):
            return _SKIP  # typer's adapter says what is wrong
        return number
    if annotation is Path and getattr(info, "path_type", None) is None:
        if type(value) is not str or not value or "\x00" in value:
            return _SKIP
        from typer._param_types import coerce_cli_path  # start-up: typer only for real commands

        # what the adapter does, with the str → Path step pydantic would take
        return coerce_cli_path(Path(value), info, path_type=Path, param=param, ctx=ctx)
    return _SKIP


def coerce(annotation: Any, info: Any, value: Any, param: Any = None, ctx: Any = None) -> Any:
    """The value typer's adapter gives for ``value``, or :data:`_SKIP` to ask the adapter."""
    try:
        if get_origin(annotation) is list:
            (item_type,) = get_args(annotation)
            if not isinstance(value, (list, tuple)):
                return _SKIP
            out = [_leaf(item_type, info, item, param, ctx) for item in value]
            return _SKIP if any(item is _SKIP for item in out) else out
        return _leaf(annotation, info, value, param, ctx)
    except Exception:  # the adapter raises the error, in typer's words
        return _SKIP


def install_fast_values() -> bool:
    """Use :func:`coerce` before typer's pydantic adapters; False when this typer has none."""
    try:
        from typer import _coercion, core  # start-up: typer only for real commands
    except ImportError:
        return False
    original = getattr(_coercion, "build_runtime_param", None)
    base = getattr(_coercion, "RuntimeParam", None)
    if not callable(original) or base is None or getattr(core, "build_runtime_param", None) is not original:
        return False
    build_typer: Callable[[Any], Any] = cast("Callable[[Any], Any]", original)

    class Fast(base):  # type: ignore[misc, valid-type]
        """Coercion by :func:`coerce`, else by typer's runtime parameter, built on first need."""

        def __init__(self, descriptor: Any) -> None:
            super().__init__(parameter_info=descriptor.parameter_info, annotation=descriptor.annotation)
            object.__setattr__(self, "_descriptor", descriptor)
            object.__setattr__(self, "_real", None)

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            out = coerce(self.annotation, self.parameter_info, value, param, ctx)
            if out is not _SKIP:
                return out
            real = self._real
            if real is None:
                real = build_typer(self._descriptor)
                object.__setattr__(self, "_real", real)
            return real._coerce_value(value, param, ctx)

    def build_runtime_param(descriptor: Any) -> Any:
        if getattr(descriptor, "file_annotation", None) is not None:
            return build_typer(descriptor)
        return Fast(descriptor)

    core.build_runtime_param = build_runtime_param
    return True
