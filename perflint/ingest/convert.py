"""Legacy documents (.doc, .wps, .et, .rtf, OpenDocument): converted by LibreOffice, then read.

``soffice --headless --convert-to docx|xlsx`` runs in a temporary folder of
its own, with a profile of its own (so runs in parallel do not share one),
macros disabled in that profile, no standard input, and a time limit
(:data:`TIMEOUT` seconds, ``PERFLINT_CONVERT_TIMEOUT`` to change it).  The
converted file is read by the Word or Excel reader; places then name its
tables and cells.  Without LibreOffice (``PERFLINT_SOFFICE`` names the
program when it is not on ``PATH``; set it empty to never convert) the file
gets one ``INP018`` naming the conversion to do by hand.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

from perflint.domain.problems import InputError
from perflint.ingest.readers import ReadOptions
from perflint.ingest.render import Rendering

TIMEOUT = 60.0

#: macros off in the converter's own profile (org.openoffice.Office.Common/Security/Scripting)
_PROFILE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="MacroSecurityLevel" oor:op="fuse"><value>3</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="DisableMacrosExecution" oor:op="fuse"><value>true</value></prop></item>
</oor:items>
"""

#: what each kind of content is converted to, and the input name LibreOffice needs to recognise it
_TARGET = {
    "ole2-word": ("docx", ".doc"),
    "rtf": ("docx", ".rtf"),
    "ole2-sheet": ("xlsx", ".xls"),
    "xml": ("xlsx", ".xml"),
}


def soffice() -> str | None:
    """The LibreOffice program, or None."""
    named = os.environ.get("PERFLINT_SOFFICE")
    if named is not None:
        return named or None
    return shutil.which("soffice") or shutil.which("libreoffice")


def _timeout() -> float:
    try:
        return float(os.environ.get("PERFLINT_CONVERT_TIMEOUT", TIMEOUT))
    except ValueError:
        return TIMEOUT


def _target(content: str, path: str) -> tuple[str, str]:
    suffix = os.path.splitext(path)[1].lower()
    if content in _TARGET:
        target, default = _TARGET[content]
    elif suffix in (".et", ".ods", ".xls"):
        target, default = "xlsx", suffix
    else:
        target, default = "docx", suffix if suffix in (".doc", ".wps", ".odt", ".rtf") else ".doc"
    if content == "ole2-sheet" or suffix in (".et", ".ods"):
        target = "xlsx"
    return target, suffix if suffix in (".doc", ".wps", ".et", ".rtf", ".odt", ".ods", ".xls") else default


def render(
    data: bytes,
    path: str,
    content: str,
    options: ReadOptions,
    read: Callable[[str, bytes, str, ReadOptions], tuple[Rendering, str]],
) -> tuple[Rendering, str]:
    """Convert ``data`` and read the result with ``read`` (the native readers' dispatcher)."""
    target, suffix = _target(content, path)
    program = soffice()
    if program is None:
        raise InputError("INP018", "no-converter", suffix=suffix, target="." + target, reason="LibreOffice not found")
    seconds = _timeout()
    with tempfile.TemporaryDirectory(prefix="perflint-convert-") as tmp:
        folder = Path(tmp)
        profile = folder / "profile"
        (profile / "user").mkdir(parents=True)
        (profile / "user" / "registrymodifications.xcu").write_text(_PROFILE, "utf-8")
        source = folder / ("input" + suffix)
        source.write_bytes(data)
        out = folder / "out"
        out.mkdir()
        cmd = [
            program,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--invisible",
            "--norestore",
            "--nolockcheck",
            "--nologo",
            "--convert-to",
            target,
            "--outdir",
            str(out),
            str(source),
        ]
        try:
            proc = subprocess.run(
                cmd, stdin=subprocess.DEVNULL, capture_output=True, timeout=seconds, check=False, cwd=folder
            )
        except subprocess.TimeoutExpired:
            raise InputError(
                "INP018", "timeout", suffix=suffix, target="." + target, seconds=int(seconds), reason="timed out"
            ) from None
        except OSError as exc:
            raise InputError("INP018", "failed", suffix=suffix, target="." + target, reason=str(exc)) from None
        made = out / ("input." + target)
        if proc.returncode != 0 or not made.exists():
            why = (proc.stderr or proc.stdout).decode("utf-8", "replace").strip().splitlines()
            reason = why[-1][:200] if why else f"exit status {proc.returncode}"
            raise InputError("INP018", "failed", suffix=suffix, target="." + target, reason=reason)
        converted = made.read_bytes()
    family = "word" if target == "docx" else "sheet"
    rendering, fmt = read(family, converted, "converted." + target, options)
    return rendering, suffix.lstrip(".")
