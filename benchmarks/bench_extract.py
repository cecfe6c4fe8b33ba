"""Throughput of reading declarations (and of the full check, when available).

A plain script, not a test::

    .venv/bin/python benchmarks/bench_extract.py            # defaults
    .venv/bin/python benchmarks/bench_extract.py --decls 1000 --mb 5 --no-check

Workloads (all generated into a temporary directory from ``examples/``):

``files``
    The bundled examples copied until there are about ``--decls``
    declarations, one file per copy: files/s, declarations/s, MB/s.
``big``
    One synthetic text file of about ``--mb`` MB: the text examples
    concatenated (blank lines between them) until the size is reached.
``json``
    The ``files`` workload extracted to one JSON list and read back.

Each workload is timed for extraction (:func:`perflint.ingest.files.load_file`)
and, unless ``--no-check``, for the whole ``check`` (engine with every
built-in rule, reporters excluded).  The best of ``--repeat`` runs is shown.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from perflint.ingest.files import ReadOptions, load_file  # noqa: E402

TEXT_SUFFIXES = (".txt",)
ALL_SUFFIXES = (".txt", ".json", ".jsonl")


def _examples() -> list[Path]:
    return sorted(p for p in (ROOT / "examples").iterdir() if p.suffix in ALL_SUFFIXES and p.is_file())


def build_files(folder: Path, target: int) -> list[str]:
    examples = _examples()
    per_round = sum(len(load_file(str(p)).declarations) for p in examples)
    rounds = max(1, -(-target // max(per_round, 1)))
    paths = []
    for r in range(rounds):
        for p in examples:
            dest = folder / f"r{r:04d}-{p.name}"
            shutil.copyfile(p, dest)
            paths.append(str(dest))
    return paths


def build_big(folder: Path, megabytes: float) -> str:
    texts = [p.read_text("utf-8") for p in _examples() if p.suffix == ".txt" and "gbk" not in p.name]
    chunk = "\n\n".join(t.strip("\n") for t in texts) + "\n\n"
    size = int(megabytes * 1024 * 1024)
    body = chunk * max(1, size // len(chunk.encode("utf-8")))
    path = folder / "big.txt"
    path.write_text(body, "utf-8")
    return str(path)


def build_json(folder: Path, paths: list[str]) -> str:
    docs = [d.to_dict() for p in paths for d in load_file(p).declarations]
    path = folder / "all.json"
    path.write_text(json.dumps(docs, ensure_ascii=False), "utf-8")
    return str(path)


def time_extract(paths: list[str], options: ReadOptions, repeat: int) -> tuple[float, int]:
    best, decls = float("inf"), 0
    for _ in range(repeat):
        start = time.perf_counter()
        decls = sum(len(load_file(p, options).declarations) for p in paths)
        best = min(best, time.perf_counter() - start)
    return best, decls


def time_check(paths: list[str], max_bytes: int, repeat: int) -> tuple[float, int, int] | None:
    try:
        from dataclasses import replace

        from perflint.catalog import builtin_catalog
        from perflint.engine import Engine
        from perflint.engine.config import Config
    except ImportError:
        return None
    engine = Engine(builtin_catalog(), replace(Config(), today="2025-01-01", max_file_size=max_bytes))
    best, findings, decls = float("inf"), 0, 0
    for _ in range(repeat):
        start = time.perf_counter()
        result = engine.run(paths)
        best = min(best, time.perf_counter() - start)
        findings, decls = len(result.findings), len(result.declarations)
    return best, decls, findings


def report(name: str, paths: list[str], seconds: float, decls: int, extra: str = "") -> None:
    size = sum(os.path.getsize(p) for p in paths) / (1024 * 1024)
    print(
        f"{name:<18} {len(paths):>6} files {decls:>6} decls {size:>7.2f} MB {seconds:>8.3f} s   "
        f"{len(paths) / seconds:>9.1f} files/s {decls / seconds:>9.1f} decls/s {size / seconds:>7.2f} MB/s{extra}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--decls", type=int, default=1000, help="declarations in the files workload")
    parser.add_argument("--mb", type=float, default=5.0, help="size of the synthetic big file, in MB")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement (best is shown)")
    parser.add_argument("--no-check", action="store_true", help="time extraction only")
    args = parser.parse_args(argv)

    options = ReadOptions(max_bytes=64 * 1024 * 1024)
    with tempfile.TemporaryDirectory(prefix="perflint-bench-") as tmp:
        folder = Path(tmp)
        files = build_files(folder, args.decls)
        big = build_big(folder, args.mb)
        js = build_json(folder, files)
        print(f"python {sys.version.split()[0]}; best of {args.repeat}")
        for name, paths in (("files", files), ("big text", [big]), ("json list", [js])):
            seconds, decls = time_extract(paths, options, args.repeat)
            report(f"extract {name}", paths, seconds, decls)
            if not args.no_check:
                timed = time_check(paths, options.max_bytes, max(1, args.repeat - 1))
                if timed is not None:
                    seconds, decls, findings = timed
                    report(f"check {name}", paths, seconds, decls, f"  ({findings} findings)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
