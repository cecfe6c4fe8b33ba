"""Walking a folder: FIFOs, sockets and links to them or to /dev/stdin are never read
(reading one would block the run) and each gets one INP001 finding; a symlink loop is
reported like a dangling link (issue 17, item 7)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from support.paths import ROOT

SEED = ROOT / "tests" / "data" / "seed" / "wangcheng-2019.txt"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_special_files_in_a_walked_tree_never_block_the_run(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(SEED.read_text("utf-8"), "utf-8")
    os.mkfifo(tmp_path / "fifo.txt")
    (tmp_path / "link-to-fifo.txt").symlink_to("fifo.txt")
    (tmp_path / "stdin.txt").symlink_to("/dev/stdin")
    (tmp_path / "loop1.txt").symlink_to("loop2.txt")
    (tmp_path / "loop2.txt").symlink_to("loop1.txt")
    (tmp_path / "dangling.txt").symlink_to("nowhere.txt")
    server = socket.socket(socket.AF_UNIX)
    special = {"fifo.txt", "link-to-fifo.txt", "stdin.txt"}
    try:
        server.bind(str(tmp_path / "sock.txt"))
        special.add("sock.txt")
    except OSError:
        pass  # a path too long for a socket: the other cases still hold
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "PERFLINT_TODAY": "2025-01-01", "NO_COLOR": "1"}
    # standard input is a pipe nobody writes to or closes: reading it would never end
    proc = subprocess.Popen(
        [sys.executable, "-m", "perflint", "check", "--no-cache", "--format", "json", "."],
        cwd=tmp_path,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        out, err = proc.communicate(timeout=60)
    finally:
        proc.kill()
        server.close()
    assert proc.returncode == 1, err
    found: dict[str, list[dict]] = {}
    for f in json.loads(out)["findings"]:
        found.setdefault(Path(f["path"]).name, []).append(f)
    assert found.pop("a.txt")
    assert {name: [f["code"] for f in fs] for name, fs in found.items()} == {
        name: ["INP001"] for name in ["loop1.txt", "loop2.txt", "dangling.txt", *special]
    }
    for name in special:  # said once each, as what it is
        assert "普通文件" in found[name][0]["message"] and "not a regular file" in found[name][0]["message_en"]
    assert "循环" in found["loop1.txt"][0]["message"]
