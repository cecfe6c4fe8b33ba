"""perflint: lint and audit Chinese budget performance-target declarations (绩效目标申报表).

From Python::

    import perflint

    result = perflint.check(["forms/"])          # a RunResult
    for finding in result.findings:
        print(finding.path, finding.code, finding.message["zh"])

``perflint.check(paths, config=None, *, jobs=1, cache=None)`` reads and
checks files as ``perflint check`` does, with the configuration found from
the current folder unless a :class:`perflint.engine.config.Config` is given.
"""

from typing import Any

from perflint._version import __version__

__all__ = ["__version__", "check"]


def __getattr__(name: str) -> Any:
    if name == "check":
        # start-up: `import perflint` (and `perflint --version`) must not load the engine
        from perflint.engine import check

        return check
    raise AttributeError(f"module 'perflint' has no attribute {name!r}")
