"""SIGTERM (a cancelled CI job) in the middle of a run, with and without workers:
no report, no temporary or half-written file (outputs or cache), no worker traceback,
a message that says why, and exit code 143 (issue 17, item 8)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from support.paths import ROOT

pytestmark = [
    pytest.mark.slow,  # a run of 60 files, stopped half-way: a few seconds each
    pytest.mark.skipif(not hasattr(signal, "SIGTERM") or os.name != "posix", reason="POSIX signals"),
]

SEED = (ROOT / "tests" / "data" / "seed" / "wangcheng-2019.txt").read_text("utf-8")


def _entries(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_sigterm_mid_run_leaves_nothing_behind(tmp_path: Path, jobs: str) -> None:
    forms = tmp_path / "forms"
    forms.mkdir()
    for i in range(60):
        (forms / f"f{i:02d}.txt").write_text(SEED.replace("政务公开信息系统维护", f"项目{i}"), "utf-8")
    cache = tmp_path / "cache"
    before = _entries(tmp_path)
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "PERFLINT_TODAY": "2025-01-01", "NO_COLOR": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "perflint", "check", "forms", "--jobs", jobs, "--cache-dir", "cache"]
        + ["--format", "json", "-o", "out.json", "--report", "html:report.html"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    # wait until the run is well under way: some files checked and cached, more to come
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline and proc.poll() is None:
        results = [p for p in cache.rglob("*.json") if not p.name.startswith(".")] if cache.exists() else []
        if len(results) >= 5:
            break
        time.sleep(0.02)
    assert proc.poll() is None, "the run ended before it could be stopped"
    proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 143, err
    assert "SIGTERM" in err and "Traceback" not in err, err
    assert out == ""
    left = _entries(tmp_path) - before
    # only the cache's own entries: no report, no hidden temporary file anywhere
    assert not [p for p in left if not p.startswith("cache")], left
    assert not [p for p in left if Path(p).name.startswith(".") or p.endswith(".tmp")], left
