"""Where reports go: files written like Ruff and ESLint write them, pipes closed early, typos in paths."""

from __future__ import annotations

import os
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from support.paths import EXAMPLES

CLEAN = EXAMPLES / "clean-library-2023.txt"


def perflint(*args: str, cwd: Path, umask: int | None = None, **kw) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_COLOR="1")
    preexec = (lambda: os.umask(umask)) if umask is not None else None
    return subprocess.run(
        [sys.executable, "-m", "perflint", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=preexec,
        **kw,
    )


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o077, 0o600)])
def test_a_report_file_honours_the_umask(tmp_path, umask, mode):
    proc = perflint("check", str(CLEAN), "--no-cache", "--format", "json", "-o", "r.json", cwd=tmp_path, umask=umask)
    assert proc.returncode == 0, proc.stderr
    assert stat.S_IMODE((tmp_path / "r.json").stat().st_mode) == mode
    assert [p.name for p in tmp_path.iterdir()] == ["r.json"]  # no temporary file left


def test_an_existing_report_keeps_its_mode_and_a_link_is_followed(tmp_path):
    target = tmp_path / "real.json"
    target.write_text("old", "utf-8")
    target.chmod(0o640)
    (tmp_path / "link.json").symlink_to(target)
    proc = perflint("check", str(CLEAN), "--no-cache", "--format", "json", "-o", "link.json", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "link.json").is_symlink()
    assert target.read_text("utf-8").startswith("{") and stat.S_IMODE(target.stat().st_mode) == 0o640


def test_devices_and_pipes_are_written_straight_in(tmp_path):
    proc = perflint("check", str(CLEAN), "--no-cache", "-o", os.devnull, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    reader = subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE)
    proc = perflint("check", str(CLEAN), "--no-cache", "--format", "json", "-o", "fifo", cwd=tmp_path)
    out, _ = reader.communicate(timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert out.startswith(b"{") and stat.S_ISFIFO(fifo.stat().st_mode)


def test_an_input_is_never_overwritten(tmp_path):
    form = tmp_path / "form.txt"
    shutil.copy(CLEAN, form)
    before = form.read_bytes()
    proc = perflint("check", ".", "--no-cache", "--format", "json", "-o", "form.txt", cwd=tmp_path)
    assert proc.returncode == 2 and "form.txt" in proc.stderr
    assert form.read_bytes() == before


def test_two_outputs_to_one_file_are_refused(tmp_path):
    proc = perflint("check", str(CLEAN), "--format", "json", "-o", "a.json", "--report", "sarif:a.json", cwd=tmp_path)
    assert proc.returncode == 2 and "a.json" in proc.stderr
    assert not (tmp_path / "a.json").exists()


def test_a_missing_path_is_a_usage_error_even_with_exit_zero(tmp_path):
    proc = perflint("check", "nonexist/", "--exit-zero", cwd=tmp_path)
    assert proc.returncode == 2 and "nonexist/" in proc.stderr


def test_a_closed_pipe_ends_the_run_quietly(tmp_path):
    forms = tmp_path / "forms"
    forms.mkdir()
    for i in range(40):
        shutil.copy(EXAMPLES / "bundle-qingxi-2020.txt", forms / f"f{i:02d}.txt")
    proc = subprocess.Popen(
        [sys.executable, "-m", "perflint", "check", str(forms), "--no-cache", "--jobs", "1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=dict(os.environ, NO_COLOR="1"),
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.readline()
    proc.stdout.close()  # like `| head -1`
    err = proc.stderr.read().decode("utf-8", "replace")
    assert proc.wait(timeout=120) in (0, 1)
    assert err == "", err


def test_sigterm_leaves_no_partial_report(tmp_path):
    forms = tmp_path / "forms"
    forms.mkdir()
    for i in range(300):
        shutil.copy(EXAMPLES / "bundle-qingxi-2020.txt", forms / f"f{i:03d}.txt")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "perflint",
            "check",
            "forms",
            "--no-cache",
            "--jobs",
            "2",
            "-o",
            "r.json",
            "--format",
            "json",
        ],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    deadline = time.time() + 60
    while time.time() < deadline and not any(p.name.startswith(".r.json.") for p in tmp_path.iterdir()):
        time.sleep(0.05)
    time.sleep(0.3)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode != 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["forms"], err
    assert b"Traceback" not in err
