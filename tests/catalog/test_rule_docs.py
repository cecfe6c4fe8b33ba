"""Every rule has its page in docs/rules/, generated from its rule file and up to date."""

from __future__ import annotations

from support.paths import ROOT

from perflint.catalog import builtin_catalog
from perflint.catalog.docs import rule_pages


def test_the_rule_pages_are_up_to_date():
    pages = rule_pages(builtin_catalog())
    folder = ROOT / "docs" / "rules"
    on_disk = {p.name: p.read_text("utf-8") for p in folder.glob("*.md")}
    stale = sorted(name for name, text in pages.items() if on_disk.get(name) != text)
    extra = sorted(set(on_disk) - set(pages))
    assert not stale and not extra, f"run python scripts/make_rule_docs.py (stale: {stale[:5]}, extra: {extra[:5]})"


def test_a_page_has_both_languages_and_the_examples():
    page = rule_pages(builtin_catalog())["VAL002.md"]
    assert page.startswith("# VAL002 not-measurable")
    assert "## 中文" in page and "## English" in page and "### 反例" in page and "### Good" in page


def test_sarif_links_each_rule_to_its_page(tmp_path):
    import json

    from support.paths import EXAMPLES

    from perflint.engine.config import Config
    from perflint.engine.core import Engine
    from perflint.report import renderer
    from perflint.resources import HOME_URL

    for docs_url, expect in [
        (None, "https://github.com/perflint-cn/perflint/blob/main/docs/rules/{code}.md"),
        ("https://intranet.example/perflint/{code}.html", "https://intranet.example/perflint/{code}.html"),
    ]:
        config = Config(today="2024-01-01") if docs_url is None else Config(today="2024-01-01", docs_url=docs_url)
        result = Engine(builtin_catalog(), config).run([str(EXAMPLES / "bundle-qingxi-2020.txt")])
        sarif = json.loads(renderer("sarif")(result, {}))
        driver = sarif["runs"][0]["tool"]["driver"]
        assert driver["informationUri"] == HOME_URL
        assert driver["rules"] and all(r["helpUri"] == expect.format(code=r["id"]) for r in driver["rules"])
