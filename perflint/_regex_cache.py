"""Compiled regular expressions kept between runs (start-up of the command).

perflint's modules compile some 450 regular expressions when they are
imported; parsing and optimising them is about 90 ms of every ``perflint
check`` start (a quarter of checking one file).  What :mod:`re` builds from a
pattern is a list of integers (the SRE program) plus its group names, and
rebuilding a pattern object from those (``_sre.compile``) takes microseconds.
:func:`install` makes :mod:`re` take the program of a pattern it has compiled
before from a file in the cache folder (``regex/<python>.json``), and
:func:`save` writes the programs of the patterns compiled anew in this run.

Results are those of :mod:`re` itself:

* an entry is recorded only when the pattern object rebuilt from it is equal
  (``==`` compares pattern, flags and program) to the one :mod:`re` compiled,
  with the same groups and group names;
* the file belongs to one Python build (``sys.version``, ``_sre.MAGIC``, the
  code size and byte order are in its name and checked inside): another
  Python never reads it;
* what is read is untrusted data: anything not of the shape :func:`save`
  writes (types, sizes, a program ``_sre`` refuses) is a miss, and the
  pattern is compiled as usual.  Whoever can write the cache folder can
  change what a pattern matches, as with the result cache, so a cache folder
  is shared only with those trusted to write it.

The file holds the patterns a run used and, for a while, the others: each
entry counts the writes since a run last used it, and one unused in
:data:`MAX_AGE` writes is left out (a pattern changed by an upgrade, a rule
pack no longer loaded).  Without that the file kept every version of every
pattern it had ever seen up to :data:`MAX_ENTRIES`: 919 entries and 4.9 MB
for 427 patterns in use, 37 ms to read instead of 4 ms.

Only ``str`` patterns are kept (bytes patterns and ``re.DEBUG`` go straight
to :mod:`re`).  Nothing is written when the process may not write its cache
(``--no-cache``, ``cache = false``) or when the run chose another cache
folder than the one read at start-up.
"""

from __future__ import annotations

import _sre  # type: ignore[import-not-found]
import base64
import binascii
import hashlib
import json
import os
import sys
from array import array
from pathlib import Path
from re import _compiler, _parser  # type: ignore[attr-defined]
from typing import Any

from perflint.resources import write_cache_file

#: bump when what the file holds changes (2: each entry's age)
FORMAT = 2
#: a file larger than this is not read (the built-in patterns take about 0.5 MB)
MAX_BYTES = 16 << 20
#: entries kept in the file at most; the patterns of the last run are kept first
MAX_ENTRIES = 5000
#: writes of the file an entry stays in without a run that used it
MAX_AGE = 8

#: (pattern, flags) -> (final flags, program, groups - 1, group index, index group)
_Entry = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]

_table: dict[tuple[str, int], _Entry] = {}
#: (pattern, flags) -> writes of the file since a run used it, as read from the file
_age: dict[tuple[str, int], int] = {}
_used: set[tuple[str, int]] = set()
_new = 0
_file: Path | None = None
_original: Any = None


def _typecode() -> str | None:
    for code in ("I", "L"):
        if array(code).itemsize == _sre.CODESIZE:
            return code
    return None


def _identity() -> str:
    return f"{sys.version}\0{_sre.MAGIC}\0{_sre.CODESIZE}\0{sys.byteorder}\0{FORMAT}"


def cache_file(root: Path) -> Path:
    """The file of this Python build under the cache folder ``root``."""
    tag = hashlib.blake2b(_identity().encode("utf-8"), digest_size=8).hexdigest()
    return root / "regex" / f"{sys.implementation.cache_tag}-{tag}.json"


def _entry(item: Any, typecode: str) -> tuple[tuple[str, int], _Entry, int] | None:
    """One entry of the file, checked, with its age; or None."""
    if not isinstance(item, list) or len(item) != 8:
        return None
    pattern, flags, final, program, groups, groupindex, indexgroup, age = item
    if not (isinstance(pattern, str) and type(flags) is int and type(final) is int and type(groups) is int):
        return None
    if type(age) is not int or not 0 <= age < MAX_AGE:
        return None
    if not isinstance(program, str) or not isinstance(groupindex, dict) or not isinstance(indexgroup, list):
        return None
    if not all(isinstance(k, str) and type(v) is int for k, v in groupindex.items()):
        return None
    if not all(g is None or isinstance(g, str) for g in indexgroup) or len(indexgroup) != groups + 1:
        return None
    try:
        raw = base64.b64decode(program, validate=True)
    except (binascii.Error, ValueError):
        return None
    code = array(typecode)
    if len(raw) % code.itemsize:
        return None
    code.frombytes(raw)
    return (pattern, flags), (final, code.tolist(), groups, groupindex, tuple(indexgroup)), age


def _load(path: Path) -> tuple[dict[tuple[str, int], _Entry], dict[tuple[str, int], int]]:
    """The entries of the file at ``path`` and their ages (empty for a file not of this shape)."""
    typecode = _typecode()
    if typecode is None:
        return {}, {}
    try:
        if path.stat().st_size > MAX_BYTES:
            return {}, {}
        doc = json.loads(path.read_bytes())
    except (OSError, ValueError, RecursionError):
        return {}, {}
    if not isinstance(doc, dict) or doc.get("identity") != _identity() or not isinstance(doc.get("patterns"), list):
        return {}, {}
    table: dict[tuple[str, int], _Entry] = {}
    ages: dict[tuple[str, int], int] = {}
    for item in doc["patterns"][:MAX_ENTRIES]:
        entry = _entry(item, typecode)
        if entry is not None:
            table[entry[0]] = entry[1]
            ages[entry[0]] = entry[2]
    return table, ages


def _pieces(pattern: str, flags: int) -> _Entry:
    """What ``re._compiler.compile`` hands to ``_sre.compile`` for ``pattern``."""
    parsed = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, number in groupindex.items():
        indexgroup[number] = name
    return (
        int(flags | parsed.state.flags),
        [int(c) for c in code],
        parsed.state.groups - 1,
        groupindex,
        tuple(indexgroup),
    )


def _build(pattern: str, entry: _Entry) -> Any:
    final, code, groups, groupindex, indexgroup = entry
    return _sre.compile(pattern, final, code, groups, dict(groupindex), indexgroup)


def _same(a: Any, b: Any) -> bool:
    return bool(a == b and a.groups == b.groups and a.groupindex == b.groupindex and a.flags == b.flags)


def _compile(p: Any, flags: int = 0) -> Any:
    """``re._compiler.compile`` with the programs of the cache file."""
    global _new
    if type(p) is not str or type(flags) is not int or flags & 128:  # 128: re.DEBUG prints the program
        return _original(p, flags)
    key = (p, flags)
    entry = _table.get(key)
    if entry is not None:
        try:
            compiled = _build(p, entry)
        except Exception:  # refused by _sre: compiled below as usual
            del _table[key]
        else:
            _used.add(key)
            return compiled
    compiled = _original(p, flags)
    try:
        entry = _pieces(p, flags)
        if _same(_build(p, entry), compiled):
            _table[key] = entry
            _used.add(key)
            _new += 1
    except Exception:  # not kept; re's own result stands
        pass
    return compiled


def install(root: Path) -> None:
    """Read the cache file under ``root`` and let :mod:`re` use it (once per process)."""
    global _original, _file
    if _original is not None or _typecode() is None:
        return
    _file = cache_file(root)
    table, ages = _load(_file)
    _table.update(table)
    _age.update(ages)
    _original = _compiler.compile
    _compiler.compile = _compile


def discard() -> None:
    """Write nothing at the end of this process (``perflint clean`` has just removed the cache)."""
    global _new
    _new = 0


def save(root: Path, writable: bool) -> bool:
    """Write the file when patterns were compiled anew, ``writable`` says the process may
    write its cache, and ``root`` is the folder read at start-up; True when written.

    The patterns this run used are written with age 0, the others one older, and those
    :data:`MAX_AGE` writes old are left out."""
    if _file is None or not _new or not writable or cache_file(root) != _file:
        return False
    typecode = _typecode()
    assert typecode is not None
    ages = {k: 0 for k in _table if k in _used}
    for k in _table:
        if k not in _used and _age.get(k, 0) + 1 < MAX_AGE:
            ages[k] = _age.get(k, 0) + 1
    patterns = []
    for (pattern, flags), age in list(ages.items())[:MAX_ENTRIES]:
        final, code, groups, groupindex, indexgroup = _table[(pattern, flags)]
        program = base64.b64encode(array(typecode, code).tobytes()).decode("ascii")
        patterns.append([pattern, flags, final, program, groups, groupindex, list(indexgroup), age])
    # ASCII: a pattern may hold lone surrogates, which UTF-8 cannot encode
    data = json.dumps({"identity": _identity(), "patterns": patterns}).encode("ascii")
    return write_cache_file(root, os.path.relpath(_file, root), data)
