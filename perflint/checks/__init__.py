"""Built-in check kinds.

Every module in this package except ``base`` and modules starting with an
underscore holds kinds decorated with :func:`perflint.checks.base.kind`.
:func:`register` imports them lazily (only when a run needs kinds) and is the
function the ``perflint.kinds`` entry point names, the same path a
third-party plugin uses.
"""

from __future__ import annotations

import importlib
import pkgutil

from perflint.checks.base import Kind, builtin_kinds


def register() -> list[type[Kind]]:
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name == "base" or info.name.startswith("_"):
            continue
        importlib.import_module(f"{__name__}.{info.name}")
    return list(builtin_kinds())
