"""``python slow_perflint.py check …``: perflint, except that a file whose name starts
with ``a-slow`` keeps its worker busy (pure Python, so the time-limit alarm can stop it)
until the limit or a kill ends it, and writes that worker's process id to ``<file>.pid``.

The time-limit tests need a file that takes too long.  Crafted inputs that used to
(40,000 asterisks: a quadratic split) are linear now, and any input that is slow
today is a bug to fix tomorrow; this stand-in stays slow.  Worker processes are
forked, so they inherit the patch.
"""

from __future__ import annotations

import os
import sys

from perflint.engine.core import Engine
from perflint.launcher import main

_check_path = Engine.check_path


def _slow_check_path(self: Engine, path: str, cache=None):  # type: ignore[no-untyped-def]
    if os.path.basename(path).startswith("a-slow"):
        # say which process holds the file (the killed-worker test kills it), then stay busy
        with open(path + ".pid", "w", encoding="ascii") as fh:
            fh.write(str(os.getpid()))
        while True:
            pass
    return _check_path(self, path, cache)


Engine.check_path = _slow_check_path  # type: ignore[method-assign]

if __name__ == "__main__":
    sys.argv[0] = "perflint"
    main()
