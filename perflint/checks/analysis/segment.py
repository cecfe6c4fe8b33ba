"""Word segmentation with jieba's dictionary, without loading jieba.

perflint segments text the way ``jieba`` does with ``HMM=False`` (dictionary
words only): :func:`cut`, :func:`tokenize`, :func:`cut_for_search` and
:func:`pos_cut` give exactly what ``jieba.cut``, ``jieba.tokenize``,
``jieba.cut_for_search`` and ``jieba.posseg.cut`` give.  Importing jieba and
loading its prefix dictionary takes most of a second per process (``marshal``
of ~500,000 entries, then ``jieba.posseg`` reads ``dict.txt`` again for the
part-of-speech tags and imports HMM tables that ``HMM=False`` never uses).
Here the dictionary is read once per machine into an index file that every
later process maps into memory and probes only for the substrings it meets.

The index (``<cache dir>/lexicon/jieba-<version>-<key>.idx``) is an
open-addressing hash table: for every dictionary word *and every prefix of a
word* (jieba's prefix dictionary: prefixes have frequency 0 and only tell the
scan that a longer word may follow) it holds the frequency and the
part-of-speech tag, plus the total frequency.  Its *key* -- the index
format, jieba's version, the real path, size and modification time of
``dict.txt`` and the machine's byte order -- is stored in the file and hashed
into its name, so another jieba or an edited dictionary gets a new file and
the old one is never read again.  Files are
written to a temporary name and renamed into place, so concurrent processes
see a whole index or none; while one process builds, the others wait for it
(a lock file, ignored once stale).  The index is built straight from
``dict.txt`` in its compact form (never as a dict of half a million strings),
and the process that built it maps the file it wrote, so a first run holds
what a warm run holds.  If the cache folder cannot be written the index is
kept in memory for the process instead; a damaged index file is rebuilt.

What is reproduced from jieba 0.42 (behaviour, not code):

* blocks: ``jieba.cut`` segments runs of ``[\\u4E00-\\u9FD5a-zA-Z0-9+#&._%-]``;
  whitespace (``\\r\\n`` counts as one) is returned whole and any other
  character alone.  ``jieba.posseg`` uses the same runs without ``%`` and
  ``-``, tags whitespace and other characters ``x``;
* in a block: the DAG of dictionary words starting at each position (the scan
  goes on while the substring is a word or a prefix of one), the route of
  maximal log-probability (ties go to the longer word), and consecutive
  one-character ASCII letters or digits glued into one word (tagged ``eng``);
* ``cut_for_search``: before each word longer than 2 (3) characters, its
  2-grams (3-grams) that are dictionary words with a non-zero frequency;
* ``tokenize``: (word, start, end) offsets of ``cut``.
"""

from __future__ import annotations

import math
import mmap
import os
import re
import struct
import sys
import tempfile
import threading
import time
import zlib
from array import array
from collections.abc import Callable, Iterator
from functools import lru_cache
from importlib.machinery import PathFinder
from importlib.util import find_spec
from pathlib import Path
from typing import Literal

from perflint.resources import cache_writable, user_cache_dir

__all__ = ["Lexicon", "cut", "cut_for_search", "lexicon", "pos_cut", "set_cache_dir", "tokenize"]

#: bump when the index layout or what goes into it changes
FORMAT = 1
MAGIC = b"PFLEX\x00\x01\n"
#: distinct substrings remembered per process (each is looked up in the index once;
#: bounded so that memory stays flat on a long run)
MEMO = 1 << 12
#: how long a process waits for another one building the same index
LOCK_WAIT = 30.0
#: a lock file older than this is left behind by a process that died
LOCK_STALE = 120.0

# Block and character classes of jieba 0.42 (``jieba.re_han_default``,
# ``jieba.re_skip_default``, ``jieba.re_eng``; ``jieba.posseg.re_han_internal``,
# ``re_num``, ``re_eng``).  [0-9] and [a-zA-Z] are ASCII only; \s is Unicode.
_BLOCK_CUT = re.compile("([\u4e00-\u9fd5a-zA-Z0-9+#&._%\\-]+)")
_BLOCK_POS = re.compile("([\u4e00-\u9fd5a-zA-Z0-9+#&._]+)")
_SKIP = re.compile(r"(\r\n|\s)")
_ENG_CHAR = re.compile("[a-zA-Z0-9]")
_ENG = re.compile("[a-zA-Z0-9]+")
_NUM = re.compile(r"[.0-9]+")

# Index layout (little-endian header and entries; the slot array in the
# machine's order, which is part of the key):
#   header: magic, key length, total frequency, slot count, entry count,
#           tag-table length, pool length
#   key: the UTF-8 key the index was built for (see _key)
#   tag table: the tags joined by "\n", zero-padded so that the key and the
#           table end on a multiple of 4 bytes (tag id i+1)
#   slots: one unsigned 32-bit file offset of an entry per slot, 0 = empty
#   pool: entries, each key length (u16), frequency (u32), tag id (u8), key
_HEADER = struct.Struct("<8sIQIIII")
_ENTRY = struct.Struct("<HIB")
_SLOT_CODES: tuple[Literal["I", "L"], ...] = ("I", "L")
_SLOT: Literal["I", "L"] = next((code for code in _SLOT_CODES if array(code).itemsize == 4), "I")

Entry = tuple[int, "str | None"]


class Lexicon:
    """jieba's prefix dictionary: ``entry(word)`` is (frequency, tag or None)
    for a word or a prefix of one (frequency 0, usually no tag), None for
    anything else.  ``source`` says where it came from: ``index`` (mapped
    file), ``built`` (just built, written to ``path`` and mapped) or ``memory``
    (built, could not be written; ``problem`` says why)."""

    def __init__(
        self,
        find: Callable[[str], Entry | None],
        total: int,
        source: str,
        path: Path | None = None,
        problem: str | None = None,
    ) -> None:
        self.total = total
        self.logtotal = math.log(total)
        self.source = source
        self.path = path
        self.problem = problem
        self.entry = lru_cache(maxsize=MEMO)(find)
        self.pieces = lru_cache(maxsize=4096)(self._pieces)

    def __repr__(self) -> str:
        return f"<Lexicon {self.source} {self.path or ''}>"

    def freq(self, word: str) -> int:
        e = self.entry(word)
        return e[0] if e is not None else 0

    def tag(self, word: str) -> str | None:
        e = self.entry(word)
        return e[1] if e is not None else None

    def _pieces(self, block: str) -> tuple[tuple[str, bool], ...]:
        """The words of one block on the most probable route, as (word, eng):
        ``eng`` marks a run of one-character ASCII letters/digits glued together."""
        n = len(block)
        entry = self.entry
        logtotal = self.logtotal
        log = math.log
        route: list[tuple[float, int]] = [(0, 0)] * (n + 1)
        for k in range(n - 1, -1, -1):
            best = None
            end = k + 1
            frag = block[k]
            while True:
                e = entry(frag)
                if e is None:
                    break
                if e[0]:
                    cand = (log(e[0]) - logtotal + route[end][0], end - 1)
                    if best is None or cand > best:
                        best = cand
                if end >= n:
                    break
                end += 1
                frag = block[k:end]
            # no word starts here: the character alone, with frequency "1"
            route[k] = best if best is not None else (0.0 - logtotal + route[k + 1][0], k)
        out: list[tuple[str, bool]] = []
        buf = ""
        x = 0
        while x < n:
            y = route[x][1] + 1
            word = block[x:y]
            if y - x == 1 and _ENG_CHAR.match(word):
                buf += word
            else:
                if buf:
                    out.append((buf, True))
                    buf = ""
                out.append((word, False))
            x = y
        if buf:
            out.append((buf, True))
        return tuple(out)


# -- the dictionary -----------------------------------------------------------------


def _lines(data: bytes) -> Iterator[bytes]:
    """``data.split(b"\\n")`` without its last piece when empty, one line at a time
    (jieba reads lines of bytes, ended by \\n)."""
    start, end = 0, len(data)
    while start < end:
        stop = data.find(b"\n", start)
        if stop < 0:
            stop = end
        yield data[start:stop]
        start = stop + 1


def _build(data: bytes, name: str, key: bytes) -> bytes:
    """The index of a dictionary file's bytes, built straight into its compact form.

    Holds what jieba's prefix dictionary holds (a repeated word keeps its last
    frequency and the last tag given, but counts in the total every time; a
    prefix that is not itself a word has frequency 0) and lays it out as the
    dictionary order gives it, without a Python dict of ~500,000 strings
    (~150 MB): the slot array is probed while the entries are added, so a
    first run holds about what the finished index holds."""
    nslots = 16
    mask = nslots - 1
    slots = array(_SLOT, bytes(4 * nslots))  # pool offset + 1 of an entry, 0 = empty
    pool = bytearray()
    count = 0
    total = 0
    tag_ids: dict[str, int] = {}  # in order of first use; renumbered sorted at the end
    pack_into, unpack_from, entry_size = _ENTRY.pack_into, _ENTRY.unpack_from, _ENTRY.size
    pack = _ENTRY.pack
    crc32 = zlib.crc32

    def probe(word: bytes) -> int:
        """The slot holding ``word``, or the empty slot where it goes."""
        n = len(word)
        i = crc32(word) & mask
        while True:
            off = slots[i]
            if not off or (pool[off - 1] | pool[off] << 8) == n and pool[off + 6 : off + 6 + n] == word:
                return i
            i = (i + 1) & mask

    def add(i: int, word: bytes, freq: int, tag: int) -> None:
        nonlocal count, nslots, mask, slots
        if len(word) > 0xFFFF or not 0 <= freq <= 0xFFFFFFFF:
            raise ValueError(f"dictionary entry does not fit the index: {word!r} {freq}")
        slots[i] = len(pool) + 1
        pool.extend(pack(len(word), freq, tag))
        pool.extend(word)
        count += 1
        if 2 * count > nslots:  # load factor <= 1/2: twice the slots, entries placed again in pool order
            nslots *= 2
            mask = nslots - 1
            slots = array(_SLOT, bytes(4 * nslots))
            off = 0
            end = len(pool)
            while off < end:
                size = pool[off] | pool[off + 1] << 8
                j = crc32(pool[off + entry_size : off + entry_size + size]) & mask
                while slots[j]:
                    j = (j + 1) & mask
                slots[j] = off + 1
                off += entry_size + size

    for lineno, raw in enumerate(_lines(data), 1):
        try:
            line = raw.decode("utf-8")
            parts = line.strip(" \t\n\r\x0b\x0c").split(" ")  # bytes.strip() whitespace
            word = parts[0]
            freq = int(parts[1])
        except (ValueError, IndexError):
            raise ValueError(
                f"jieba 词典 {name} 第 {lineno} 行无效 / invalid dictionary entry in {name} "
                f"at line {lineno}: {raw.decode('utf-8', 'replace')!r}"
            ) from None
        total += freq
        tag = 0
        if len(parts) == 3:
            tag = tag_ids.setdefault(parts[2], len(tag_ids) + 1)
            if tag > 255:
                raise ValueError("too many part-of-speech tags for the index")
        encoded = word.encode("utf-8", "surrogatepass")
        i = probe(encoded)
        off = slots[i]
        if off:  # seen before (as a word or a prefix): last frequency, last tag given
            old = unpack_from(pool, off - 1)
            if not 0 <= freq <= 0xFFFFFFFF:
                raise ValueError(f"dictionary entry does not fit the index: {word!r} {freq}")
            pack_into(pool, off - 1, old[0], freq, tag or old[2])
            continue  # its prefixes are in already
        add(i, encoded, freq, tag)
        # its prefixes, shortest first; those of a prefix already in are in too
        missing = []
        for k in range(len(word) - 1, 0, -1):
            prefix = word[:k].encode("utf-8", "surrogatepass")
            j = probe(prefix)
            if slots[j]:
                break
            missing.append(prefix)
        for prefix in reversed(missing):
            add(probe(prefix), prefix, 0, 0)
    names = sorted(tag_ids)
    if not total:
        raise ValueError(f"jieba 词典 {name} 为空 / empty dictionary {name}")
    renumber = bytes([0] + [names.index(t) + 1 for t in tag_ids])
    tag_table = "\n".join(names).encode("utf-8")
    tag_table += b"\0" * (-(len(key) + len(tag_table)) % 4)
    base = _HEADER.size + len(key) + len(tag_table) + 4 * nslots
    off = 0
    end = len(pool)
    while off < end:  # tag ids in sorted order, as the tag table lists them
        pool[off + 6] = renumber[pool[off + 6]]
        off += entry_size + (pool[off] | pool[off + 1] << 8)
    if base + len(pool) > 0xFFFFFFFF:
        raise ValueError("dictionary too large for the index")
    for i in range(nslots):
        if slots[i]:
            slots[i] += base - 1
    header = _HEADER.pack(MAGIC, len(key), total, nslots, count, len(tag_table), len(pool))
    return b"".join((header, key, tag_table, slots.tobytes(), pool))


class _Table:
    """Lookups in a serialized index (a mapped file or bytes)."""

    def __init__(self, data: mmap.mmap | bytes, key: bytes) -> None:
        if len(data) < _HEADER.size:
            raise ValueError("index too short")
        magic, key_len, total, nslots, self.entries, tags_len, pool_len = _HEADER.unpack_from(data, 0)
        tags_at = _HEADER.size + key_len
        start = tags_at + tags_len
        if (
            magic != MAGIC
            or data[_HEADER.size : tags_at] != key
            or len(data) != start + 4 * nslots + pool_len
            or nslots & (nslots - 1)
            or start % 4
            or not total
        ):
            raise ValueError("not an index of this dictionary")
        self.tags = (None, *bytes(data[tags_at:start]).rstrip(b"\0").decode("utf-8").split("\n"))
        self.total = total
        self.data = data
        self.mask = nslots - 1
        self.slots = memoryview(data)[start : start + 4 * nslots].cast(_SLOT)
        #: where entries may be: an offset outside the pool is damage, not a word
        self.pool = (start + 4 * nslots, len(data) - _ENTRY.size)

    def find(self, word: str) -> Entry | None:
        """The entry of ``word``.  The file is untrusted: at most one probe per slot (a
        table with no empty slot cannot loop), and an offset or tag outside the file
        is no word."""
        key = word.encode("utf-8", "surrogatepass")
        data, slots, mask = self.data, self.slots, self.mask
        low, high = self.pool
        n = len(key)
        i = zlib.crc32(key) & mask
        for _ in range(mask + 1):
            off = slots[i]
            if not off or not low <= off <= high:
                return None
            size, freq, tag = _ENTRY.unpack_from(data, off)
            if size == n and data[off + 7 : off + 7 + n] == key:
                return (freq, self.tags[tag]) if tag < len(self.tags) else None
            i = (i + 1) & mask
        return None


# -- where things are --------------------------------------------------------------

_cache_dir: Path | None = None


def _default_cache_dir() -> Path:
    return user_cache_dir()


def set_cache_dir(path: str | os.PathLike[str] | None) -> None:
    """Keep the index under ``path``/lexicon (``None``: the default cache folder).
    Takes effect for the next segmentation; results do not change."""
    global _cache_dir, _lexicon
    with _lock:
        _cache_dir = Path(path).expanduser() if path is not None else None
        _lexicon = None


def _jieba_dir() -> Path:
    mod = sys.modules.get("jieba")
    mod_file = getattr(mod, "__file__", None) if mod is not None else None
    if mod_file:
        return Path(mod_file).parent
    # find the package without importing it: sys.path first (cheap), then
    # every finder (editable or unusual installs)
    spec = PathFinder.find_spec("jieba")
    if spec is None:
        spec = find_spec("jieba")
    if spec is not None and spec.submodule_search_locations:
        return Path(next(iter(spec.submodule_search_locations)))
    if spec is not None and spec.origin:
        return Path(spec.origin).parent
    raise ModuleNotFoundError(
        "未安装 jieba（需要其词典）/ jieba is not installed (its dictionary is needed)", name="jieba"
    )


def _jieba_version(folder: Path) -> str:
    try:
        with open(folder / "__init__.py", "rb") as f:
            head = f.read(2048).decode("utf-8", "replace")
    except OSError:
        return "unknown"
    m = re.search(r"""__version__\s*=\s*['"]([\w.+-]+)['"]""", head)
    return m.group(1) if m else "unknown"


def _key(dictionary: Path, version: str) -> bytes:
    """What an index is valid for: stored in it, and hashed into its name."""
    st = dictionary.stat()
    return "\0".join(
        map(str, (FORMAT, version, os.path.realpath(dictionary), st.st_size, st.st_mtime_ns, sys.byteorder, _SLOT))
    ).encode("utf-8", "surrogatepass")


def _index_name(key: bytes, version: str) -> str:
    return f"jieba-{version}-{zlib.crc32(key):08x}{zlib.adler32(key):08x}.idx"


# -- loading and building ----------------------------------------------------------


def _open_index(path: Path, key: bytes) -> _Table | None:
    try:
        with open(path, "rb") as f:
            data = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):  # missing, unreadable, empty
        return None
    try:
        return _Table(data, key)
    except (ValueError, TypeError, UnicodeDecodeError):
        data.close()
        return None


def _write_atomically(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(tmp, 0o644)  # mkstemp makes it private; the index is not
        os.replace(tmp, path)
    except BaseException:
        _unlink(Path(tmp))
        raise


def _unlink(path: Path) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def _wait_for_builder(lock: Path, path: Path, key: bytes) -> _Table | None:
    """Another process holds the lock: wait for its index (None: build it here)."""
    deadline = time.monotonic() + LOCK_WAIT
    while time.monotonic() < deadline:
        try:
            if time.time() - lock.stat().st_mtime > LOCK_STALE:  # its builder died
                _unlink(lock)
                return None
        except FileNotFoundError:
            return _open_index(path, key)
        except OSError:
            return None
        time.sleep(0.05)
        table = _open_index(path, key)
        if table is not None:
            return table
    return None


def load(dictionary: str | os.PathLike[str] | None = None, cache_dir: str | os.PathLike[str] | None = None) -> Lexicon:
    """The lexicon of ``dictionary`` (default: jieba's ``dict.txt``) from its
    index under ``cache_dir``/lexicon (default: perflint's cache folder),
    building the index when it is missing, stale or damaged.  Never fails for
    want of a writable cache: the index is then kept in memory."""
    if dictionary is None:
        folder = _jieba_dir()
        dict_path, version = folder / "dict.txt", _jieba_version(folder)
    else:
        dict_path, version = Path(dictionary), "custom"
    if not dict_path.is_file():  # jieba installed as a zip: let it open its dictionary
        import jieba  # start-up: jieba (~1 s to load) only when its dictionary is not a plain file

        with jieba.get_dict_file() as f:
            zipped = _Table(_build(f.read(), "jieba/dict.txt", b""), b"")
        return Lexicon(zipped.find, zipped.total, "memory", problem=f"{dict_path} is not a file")
    key = _key(dict_path, version)
    path: Path | None = None
    try:
        root = Path(cache_dir).expanduser() if cache_dir is not None else (_cache_dir or _default_cache_dir())
        path = root / "lexicon" / _index_name(key, version)
    except (OSError, RuntimeError) as exc:  # no home directory
        problem: str | None = str(exc)
    else:
        table = _open_index(path, key)
        if table is not None:
            return Lexicon(table.find, table.total, "index", path)
        problem = None
    lock: Path | None = None
    if path is not None and not cache_writable():  # --no-cache: build in memory, write nothing
        path, problem = None, "cache not written (--no-cache)"
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            problem = str(exc)
        else:
            lock = path.with_name(path.name + ".lock")
            try:
                os.close(os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644))
            except FileExistsError:  # another process is building it
                table = _wait_for_builder(lock, path, key)
                lock = None
                if table is not None:
                    return Lexicon(table.find, table.total, "index", path)
            except OSError as exc:
                lock, problem = None, str(exc)
            else:  # another process may have finished it since we looked
                table = _open_index(path, key)
                if table is not None:
                    _unlink(lock)
                    return Lexicon(table.find, table.total, "index", path)
    try:
        # built straight into the compact form, then used like an index found in the cache:
        # the file just written, mapped (a first run holds what a warm run holds), or these
        # bytes when nothing could be written
        data = _build(dict_path.read_bytes(), str(dict_path), key)
        if path is not None and problem is None:
            try:
                _write_atomically(path, data)
            except OSError as exc:
                problem = str(exc)
            else:
                table = _open_index(path, key)
                if table is not None:
                    return Lexicon(table.find, table.total, "built", path)
                problem = f"{path}: 写入后无法读取 / unreadable after writing"
        kept = _Table(data, key)
        return Lexicon(kept.find, kept.total, "memory", None, problem)
    finally:
        if lock is not None:
            _unlink(lock)


_lock = threading.Lock()
_lexicon: Lexicon | None = None


def lexicon() -> Lexicon:
    """The process's lexicon of jieba's dictionary, loaded on first use.  Call
    it before starting worker processes so that they inherit it (``fork``) or
    find the index built (``spawn``)."""
    global _lexicon
    lex = _lexicon
    if lex is None:
        with _lock:
            if _lexicon is None:
                _lexicon = load()
            lex = _lexicon
    return lex


# -- segmentation ------------------------------------------------------------------


def _cut(text: str, lex: Lexicon) -> Iterator[str]:
    for block in _BLOCK_CUT.split(text):
        if not block:
            continue
        if _BLOCK_CUT.match(block):
            for word, _ in lex.pieces(block):
                yield word
        else:
            for part in _SKIP.split(block):
                if _SKIP.match(part):
                    yield part
                else:
                    yield from part


def cut(text: str) -> list[str]:
    """``jieba.lcut(text, HMM=False)``."""
    return list(_cut(text, lexicon()))


def tokenize(text: str) -> list[tuple[str, int, int]]:
    """``list(jieba.tokenize(text, HMM=False))``: (word, start, end)."""
    out = []
    start = 0
    for word in _cut(text, lexicon()):
        end = start + len(word)
        out.append((word, start, end))
        start = end
    return out


def cut_for_search(text: str) -> list[str]:
    """``jieba.lcut_for_search(text, HMM=False)``: each word preceded by its
    2- and 3-character pieces that are words (信息系统 → 信息, 系统, 信息系统)."""
    lex = lexicon()
    freq = lex.freq
    out: list[str] = []
    for word in _cut(text, lex):
        n = len(word)
        if n > 2:
            out.extend(g for g in (word[i : i + 2] for i in range(n - 1)) if freq(g))
        if n > 3:
            out.extend(g for g in (word[i : i + 3] for i in range(n - 2)) if freq(g))
        out.append(word)
    return out


def pos_cut(text: str) -> list[tuple[str, str]]:
    """``[(p.word, p.flag) for p in jieba.posseg.cut(text, HMM=False)]``."""
    lex = lexicon()
    tag = lex.tag
    out: list[tuple[str, str]] = []
    for block in _BLOCK_POS.split(text):
        if _BLOCK_POS.match(block):
            for word, eng in lex.pieces(block):
                out.append((word, "eng" if eng else (tag(word) or "x")))
            continue
        for part in _SKIP.split(block):
            if _SKIP.match(part):
                out.append((part, "x"))
                continue
            # (jieba tests the whole part for "eng", each character for "m")
            part_eng = bool(_ENG.match(part))
            for ch in part:
                out.append((ch, "m" if _NUM.match(ch) else "eng" if part_eng else "x"))
    return out
