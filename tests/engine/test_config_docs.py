"""The example configuration in docs/configuration.md loads against the real catalog."""

from __future__ import annotations

import re

from support.paths import DOCS

from perflint.catalog import builtin_catalog
from perflint.engine.config import load_config

DOC = DOCS / "configuration.md"


def test_documented_example_config_is_valid(tmp_path):
    block = re.search(r"```toml\n(.*?)```", DOC.read_text("utf-8"), re.S).group(1)
    (tmp_path / "perflint.toml").write_text(block, "utf-8")
    cfg = load_config(builtin_catalog(), cwd=tmp_path)
    assert cfg.profile == "hunan-2019" and cfg.per_file_ignores and cfg.rule_params


def test_documented_example_in_pyproject(tmp_path):
    block = re.search(r"```toml\n(.*?)```", DOC.read_text("utf-8"), re.S).group(1)
    # the same keys under [tool.perflint]: prefix every table header
    lines = []
    for line in block.splitlines():
        m = re.match(r"^\[([^\]]+)\](.*)$", line)
        lines.append(f"[tool.perflint.{m.group(1)}]{m.group(2)}" if m else line)
    text = "[tool.perflint]\n" + "\n".join(lines) + "\n"
    (tmp_path / "pyproject.toml").write_text(text, "utf-8")
    cfg = load_config(builtin_catalog(), cwd=tmp_path)
    assert cfg.path.name == "pyproject.toml" and cfg.select == ["REQ", "VAL", "SAT001"]
