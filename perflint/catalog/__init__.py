"""The rule catalog: check kinds (Python) + rule packs (TOML) + profiles.

:mod:`.rules` holds the data (rules, profiles, loading problems),
:mod:`.validate` the JSON Schema and TOML helpers, :mod:`.loader` the loading
itself and :mod:`.packs` the built-in pack.
"""

from perflint.catalog.loader import Catalog, builtin_catalog, catalog_for
from perflint.catalog.rules import (
    DEFAULT_PROFILE,
    INTERNAL_ERROR_CODE,
    LANGS,
    CatalogError,
    Example,
    Problem,
    Profile,
    ReferenceError_,
    Rule,
)
from perflint.catalog.validate import did_you_mean, locate, surely_valid
from perflint.plugins import PluginError

__all__ = [
    "DEFAULT_PROFILE",
    "INTERNAL_ERROR_CODE",
    "LANGS",
    "Catalog",
    "CatalogError",
    "Example",
    "PluginError",
    "Problem",
    "Profile",
    "ReferenceError_",
    "Rule",
    "builtin_catalog",
    "catalog_for",
    "did_you_mean",
    "locate",
    "surely_valid",
]
