"""Start-up and decoding stay light: chardet and jsonschema load only when needed.

Each check runs in a fresh interpreter (this test process has long imported
both) and looks at ``sys.modules`` afterwards.  Nothing here is timed.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from support.paths import ROOT

HEAVY = ("chardet", "jsonschema")

TEXT = (
    "专项资金绩效目标申报表\n（2024年度）\n\t专项名称\n\t白沙区河道保洁\n\t主管部门\n\t白沙区水利局\n"
    "\t资金总额（万元）\n\t30\n\t年度绩效目标\n\t完成河道保洁工作，保持河面清洁，改善居民生活环境和城市面貌\n"
    "\t实施保障措施\n\t建立日常巡查制度，落实专人负责，按月考核保洁质量并公开通报结果\n"
)


def _loaded_after(code: str) -> list[str]:
    script = code + f"\nimport sys\nprint(sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r})))"
    out = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return json.loads(out.stdout.strip().splitlines()[-1].replace("'", '"'))


def test_importing_the_reader_loads_neither() -> None:
    assert _loaded_after("import perflint.ingest.files") == []


def test_utf8_and_plain_gbk_text_need_no_chardet(tmp_path: Path) -> None:
    utf8, gbk = tmp_path / "a.txt", tmp_path / "b.txt"
    utf8.write_text(TEXT, "utf-8")
    gbk.write_bytes(TEXT.encode("gbk"))
    code = (
        f"from perflint.ingest.files import load_file\n"
        f"a = load_file({str(utf8)!r}); b = load_file({str(gbk)!r})\n"
        f"assert (a.encoding, b.encoding) == ('utf-8', 'gb18030'), (a.encoding, b.encoding)\n"
        f"assert b.declarations and b.text == a.text\n"
    )
    assert _loaded_after(code) == []


def test_valid_extract_output_needs_no_jsonschema(tmp_path: Path) -> None:
    src = tmp_path / "a.txt"
    src.write_text(TEXT, "utf-8")
    code = (
        f"import json\n"
        f"from perflint.ingest.files import load_file\n"
        f"decls = load_file({str(src)!r}).declarations\n"
        f"out = {str(tmp_path / 'a.json')!r}\n"
        f"open(out, 'w', encoding='utf-8').write(json.dumps([d.to_dict() for d in decls], ensure_ascii=False))\n"
        f"back = load_file(out)\n"
        f"assert not back.problems and [d.to_dict() for d in back.declarations] == "
        f"[d.to_dict() for d in decls]\n"
    )
    assert _loaded_after(code) == []


def test_a_schema_violation_still_loads_jsonschema(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"form_type": "项目支出", "year": "2024"}', "utf-8")
    code = (
        f"from perflint.ingest.files import load_file\n"
        f"r = load_file({str(bad)!r})\n"
        f"assert [p.code for p in r.problems] == ['INP005'], r.problems\n"
    )
    assert _loaded_after(code) == ["jsonschema"]
