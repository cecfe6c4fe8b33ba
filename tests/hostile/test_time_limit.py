"""A file that takes too long, or a worker that dies, never hangs the run.

Each file has a time limit (``time-limit``): past it the file gets one PL002
finding and the run goes on.  With ``--jobs``, a worker killed while it holds a
file (``kill -KILL``) used to hang the run forever; now the file it held gets a
PL002 finding and every other file is checked.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from support.paths import ROOT

#: files made to run out the time limit (about 9 s): the slow suite, which CI runs
pytestmark = pytest.mark.slow

SEED = ROOT / "tests" / "data" / "seed" / "wangcheng-2019.txt"
#: perflint with a stand-in for a slow file: a-slow.txt keeps its worker busy until stopped
#: (crafted slow inputs, such as 40,000 asterisks once, get fixed: see benchmarks/adversarial.py)
SLOW_PERFLINT = Path(__file__).with_name("slow_perflint.py")
SLOW = SEED.read_text("utf-8")


def _start(cwd: Path, *args: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "PERFLINT_TODAY": "2025-01-01", "NO_COLOR": "1"}
    return subprocess.Popen(
        [sys.executable, str(SLOW_PERFLINT), "check", "--no-cache", "--format", "json", *args],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _folder(tmp_path: Path, seeds: int, limit: float) -> Path:
    (tmp_path / "perflint.toml").write_text(f"time-limit = {limit}\n", "utf-8")
    (tmp_path / "a-slow.txt").write_text(SLOW, "utf-8")
    for i in range(seeds):
        (tmp_path / f"s{i}.txt").write_text(SEED.read_text("utf-8"), "utf-8")
    return tmp_path


def _by_file(stdout: str) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for f in json.loads(stdout)["findings"]:
        out.setdefault(Path(f["path"]).name, []).append(f)
    return out


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_file_over_the_time_limit_gets_one_finding_and_the_run_goes_on(tmp_path: Path, jobs: str) -> None:
    folder = _folder(tmp_path, 7, 20)  # a seed takes a tenth of a second, or seconds on a loaded machine
    start = time.monotonic()
    proc = _start(folder, "--jobs", jobs, ".")
    out, err = proc.communicate(timeout=120)
    assert time.monotonic() - start < 60
    assert proc.returncode == 1, err
    found = _by_file(out)
    assert [f["code"] for f in found["a-slow.txt"]] == ["PL002"]
    assert "20" in found["a-slow.txt"][0]["message"]
    assert all(
        name in found and all(f["code"] != "PL002" for f in found[name]) for name in [f"s{i}.txt" for i in range(7)]
    )
    assert "Traceback" not in err


def _children(pid: int) -> list[int]:
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            out.append(int(stat.parent.name))
    return out


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads worker processes from /proc")
def test_a_killed_worker_does_not_hang_the_run(tmp_path: Path) -> None:
    folder = _folder(tmp_path, 7, 120)
    proc = _start(folder, "--jobs", "2", ".")
    victim = None
    deadline = time.monotonic() + 60
    pid_file = folder / "a-slow.txt.pid"  # written by the worker that holds a-slow.txt
    while victim is None and time.monotonic() < deadline and proc.poll() is None:
        if pid_file.exists() and pid_file.read_text("ascii").strip():
            victim = int(pid_file.read_text("ascii"))
            assert victim in _children(proc.pid)
            os.kill(victim, signal.SIGKILL)
        time.sleep(0.05)
    assert victim is not None, "no worker found"
    out, err = proc.communicate(timeout=120)  # used to wait forever
    assert proc.returncode == 1, err
    found = _by_file(out)
    slow = found["a-slow.txt"]
    assert [f["code"] for f in slow] == ["PL002"] and "9" in slow[0]["message"], slow  # signal 9
    for i in range(7):
        assert found[f"s{i}.txt"] and all(f["code"] != "PL002" for f in found[f"s{i}.txt"])
    assert "Traceback" not in err
