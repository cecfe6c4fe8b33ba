"""The engine: hits → findings, severities, crashes, bundles, suppression, order."""

from __future__ import annotations

from dataclasses import replace

from support.tiny_pack import FORM, load

from perflint.domain.findings import Severity
from perflint.domain.model import Declaration, Indicator
from perflint.engine import Engine, expand_paths, run_example
from perflint.engine.config import Config


def _engine(cat, **changes):
    return Engine(cat, replace(Config(today="2020-01-01"), **changes))


def test_finding_fields_from_text(tmp_path):
    cat = load(tmp_path)
    src = tmp_path / "a.txt"
    src.write_text(FORM.format(name=""), "utf-8")
    result = _engine(cat).run([str(src)])
    [f] = [f for f in result.findings if f.code == "TST001"]
    assert f.message == {"zh": "字段「name」为空。", "en": "field “name” is empty."}
    assert f.suggestion == {"zh": "填写「name」。", "en": "Fill in “name”."}
    assert f.severity is Severity.ERROR
    assert f.pointer == "/name" and f.declaration == 0
    assert f.span is not None and f.span.line == 3  # blank value: the span falls back to its label 专项名称
    assert f.declaration_name == "示例中心"
    assert str(f.aspect) == "completeness"
    [decl] = result.declarations
    assert decl.findings == [f] or f in decl.findings
    # reports keep the lines findings cite; the others are blanked (small in flight and in the cache)
    lines = result.files[0].lines
    assert len(lines) == len(FORM.format(name="").splitlines())
    assert lines[2].strip().startswith("专项名称") and lines[0] == ""


def test_hit_severity_config_override_and_profile(tmp_path):
    cat = load(tmp_path)
    decl = Declaration(
        name="x",
        indicators=[
            Indicator(level1="产出指标", level2="数量指标", content="a", value=""),
            Indicator(content="~soft", value=""),
        ],
    )
    res = _engine(cat).run_declarations([decl])
    sev = {f.args["content"]: f.severity for f in res.findings if f.code == "TST002"}
    assert sev == {"a": Severity.WARNING, "~soft": Severity.INFO}  # rule default, hit override
    msg = next(f for f in res.findings if f.args.get("content") == "a").message
    assert msg["zh"] == "指标「a」没有指标值（产出指标、数量指标）。"
    assert msg["en"] == "indicator “a” has no value (产出指标, 数量指标)."
    # the profile's [severity] beats the hit's own
    res = _engine(cat, profile="cn-2021").run_declarations([decl])
    assert {f.severity for f in res.findings if f.code == "TST002"} == {Severity.ERROR}
    # the user's config beats both
    res = _engine(cat, profile="cn-2021", severity={"value-missing": "info"}).run_declarations([decl])
    assert {f.severity for f in res.findings if f.code == "TST002"} == {Severity.INFO}
    # a prefix override is refined by an exact one
    res = _engine(cat, severity={"TST002": "error", "TST": "info"}).run_declarations([decl])
    assert {f.severity for f in res.findings if f.code == "TST002"} == {Severity.ERROR}
    assert {f.severity for f in res.findings if f.code == "TST001"} == set()


def test_quote_is_value_text(tmp_path):
    cat = load(tmp_path)
    long = "很长的内容" * 30
    decl = Declaration(name="x", indicators=[Indicator(content=long, value="")])
    [f] = [f for f in _engine(cat).run_declarations([decl]).findings if f.code == "TST002"]
    assert f.quote is None  # the value is blank
    decl = Declaration(name="")
    [f] = [f for f in _engine(cat).run_declarations([decl]).findings if f.code == "TST001"]
    assert f.quote is None


def test_crashing_kind_becomes_pl001_and_run_continues(tmp_path, capsys):
    cat = load(tmp_path)
    decls = [Declaration(name="boom here"), Declaration(name="")]
    res = _engine(cat).run_declarations(decls, "f.txt")
    codes = [(f.code, f.declaration) for f in res.findings]
    assert ("PL001", 0) in codes and ("TST001", 1) in codes
    pl = next(f for f in res.findings if f.code == "PL001")
    assert pl.args["rule"] == "TST003" and "kaboom" in pl.args["error"] and pl.path == "f.txt"
    assert "TST003" in pl.message["en"]
    assert capsys.readouterr().err == ""
    _engine(cat, debug=True).run_declarations(decls, "f.txt")
    assert "RuntimeError: kaboom" in capsys.readouterr().err


def test_bundle_kind_assigns_declaration(tmp_path):
    cat = load(tmp_path)
    decls = [Declaration(name="甲"), Declaration(name="乙"), Declaration(name="甲")]
    res = _engine(cat).run_declarations(decls)
    [f] = [f for f in res.findings if f.code == "XT001"]
    assert f.declaration == 2 and f.args == {"first": 1, "name": "甲"}
    assert f in res.declarations[2].findings


def test_ignore_and_per_file_ignores_count_suppressed(tmp_path):
    cat = load(tmp_path)
    (tmp_path / "sub").mkdir()
    a = tmp_path / "sub" / "a.txt"
    b = tmp_path / "b.txt"
    for p in (a, b):
        p.write_text(FORM.format(name=""), "utf-8")
    base = _engine(cat).run([str(a), str(b)])
    assert sum(f.code == "TST001" for f in base.findings) == 2 and base.suppressed == 0
    res = _engine(cat, ignore=["name-empty"]).run([str(a), str(b)])
    assert not [f for f in res.findings if f.code == "TST001"] and res.suppressed == 2
    res = _engine(cat, root=tmp_path, per_file_ignores={"sub/*.txt": ["TST00"]}).run([str(a), str(b)])
    assert [f.path for f in res.findings if f.code == "TST001"] == [str(b)]
    assert res.suppressed == 1
    res = _engine(cat, root=tmp_path, per_file_ignores={"a.txt": ["TST-001"]}).run([str(a), str(b)])
    assert res.suppressed == 1


def test_select_extend_select_and_profile_membership(tmp_path):
    cat = load(tmp_path)
    decl = Declaration(name="today?")
    assert not _engine(cat).run_declarations([decl]).findings  # TST010 is cn-2021 only
    res = _engine(cat, profile="cn-2021").run_declarations([decl])
    [f] = res.findings
    assert f.message["en"] == "today 2020-01-01, profile cn-2021, satisfaction minimum 90."
    res = _engine(cat, extend_select=["today-echo"], settings={"satisfaction_min_percent": 95}).run_declarations([decl])
    assert [f.args["min"] for f in res.findings] == [95]
    res = _engine(cat, select=["TST001"]).run_declarations([Declaration(name="", indicators=[Indicator(content="a")])])
    assert {f.code for f in res.findings} == {"TST001"}


def test_profile_ignore(tmp_path):
    cat = load(tmp_path)
    engine = _engine(cat, profile="cn-2021")
    assert "TST003" not in {a.rule.code for a in engine.active}


def test_input_problem_becomes_finding(tmp_path):
    cat = load(tmp_path)
    res = _engine(cat, select=["TST001"]).run([str(tmp_path / "missing.txt")])
    [f] = res.findings
    assert f.code == "INP001" and f.declaration is None and "cannot read" in f.message["en"]
    assert res.unreadable_files == 1


def test_deterministic_and_deduplicated(tmp_path):
    cat = load(tmp_path)

    class Twice(type(cat.kinds["tiny-field-empty"])):
        def check(self, decl, params, ctx):
            hits = list(super().check(decl, params, ctx))
            return hits + hits

    cat.kinds["tiny-field-empty"] = Twice()
    decls = [Declaration(name=""), Declaration(name="")]
    one = _engine(cat).run_declarations(decls)
    two = _engine(cat).run_declarations(decls)
    assert [f.code for f in one.findings].count("TST001") == 2  # once per declaration
    assert [(f.code, f.declaration, f.pointer) for f in one.findings] == [
        (f.code, f.declaration, f.pointer) for f in two.findings
    ]


def test_grade_attached(tmp_path):
    cat = load(tmp_path)
    res = _engine(cat).run_declarations([Declaration(name=""), Declaration(name="ok")])
    d0, d1 = res.declarations
    assert (d0.grade, d0.score) == ("中", 80.0)  # one error: 100 - 20, capped at 中
    assert (d1.grade, d1.score) == ("优", 100.0)
    assert d0.aspects["completeness"] == {"findings": 1, "errors": 1, "warnings": 0, "infos": 0}


def test_expand_paths_sorted_and_excluded(tmp_path):
    for rel in ["b/2.txt", "b/1.json", "a.txt", ".hidden/x.txt", "skip/y.txt", "c.png"]:
        p = tmp_path / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text("x", "utf-8")
    found = expand_paths([str(tmp_path)], exclude=["skip"])
    rel = [p[len(str(tmp_path)) + 1 :] for p in found]
    assert rel == ["a.txt", "b/1.json", "b/2.txt"]


def test_run_example_isolated(tmp_path):
    cat = load(tmp_path)
    rule = cat.rules["TST002"]
    bad, good = rule.examples
    assert len(run_example(cat, rule, bad)) == 2
    assert run_example(cat, rule, good) == []


def test_locate_span_for_containers_and_whole_declaration():
    from perflint.domain.model import Source, Span
    from perflint.engine import locate_span

    decl = Declaration(
        name="x",
        source=Source(
            spans={
                "/title": Span(1, 1, 1, 12),
                "/indicators/0/content": Span(10, 2, 10, 8),
                "/indicators/1/value": Span(12, 5, 13, 3),
                "/name": Span(3, 2, 3, 2),  # empty: a blank cell
            }
        ),
    )
    assert locate_span(decl, "/indicators") == Span(10, 2, 13, 3)
    assert locate_span(decl, "") == Span(1, 1, 1, 12)
    assert locate_span(decl, "/indicators/0/content") == Span(10, 2, 10, 8)
    assert locate_span(Declaration(), "/schedule") is None


def test_prefix_selects_within_profile_exact_selects_anywhere(tmp_path):
    cat = load(tmp_path)
    decl = Declaration(name="today?")
    # TST010 is enabled only in cn-2021: a prefix under hunan-2019 leaves it out ...
    assert not [f for f in _engine(cat, select=["TST"]).run_declarations([decl]).findings if f.code == "TST010"]
    assert not [f for f in _engine(cat, select=["ALL"]).run_declarations([decl]).findings if f.code == "TST010"]
    # ... an exact reference runs it anyway
    assert [f.code for f in _engine(cat, select=["TST010"]).run_declarations([decl]).findings] == ["TST010"]
    assert [
        f.code
        for f in _engine(cat, select=["TST"], profile="cn-2021").run_declarations([decl]).findings
        if f.code == "TST010"
    ] == ["TST010"]


def test_preview_rules_need_opt_in_or_exact_selection(tmp_path):
    from support.tiny_pack import RULES

    files = dict(RULES)
    files["core/name-empty.toml"] = files["core/name-empty.toml"].replace(
        'aspect = "completeness"', 'aspect = "completeness"\n        status = "preview"'
    )
    cat = load(tmp_path, files)
    decl = Declaration(name="")
    codes = lambda **kw: {f.code for f in _engine(cat, **kw).run_declarations([decl]).findings}  # noqa: E731
    assert "TST001" not in codes()
    assert "TST001" not in codes(select=["TST"])
    assert "TST001" in codes(preview=True)
    assert "TST001" in codes(select=["name-empty"])
    assert "TST001" in codes(extend_select=["TST001"])


def test_bad_hits_become_internal_errors(tmp_path):
    from support.tiny_pack import KINDS, RULES

    from perflint.checks.base import Hit, Kind

    class Weird(Kind):
        name = "tiny-crash"

        def check(self, decl, params, ctx):
            if decl.name == "tuple":
                yield ("/name", {})
            elif decl.name == "far":
                yield Hit("/name", declaration=7)
            elif decl.name == "none":
                return None

    kinds = [k for k in KINDS if k.name != "tiny-crash"] + [Weird]
    cat = load(tmp_path, RULES, kinds)
    res = _engine(cat).run_declarations([Declaration(name=n) for n in ("tuple", "far", "none")])
    errors = sorted((f.declaration, f.args["error"].split(":")[0]) for f in res.findings if f.code == "PL001")
    assert errors == [(0, "TypeError"), (1, "IndexError")]


def test_progress_hooks_see_the_total_then_each_file(tmp_path):
    cat = load(tmp_path)
    for name in ("b.txt", "a.txt"):
        (tmp_path / "forms").mkdir(exist_ok=True)
        (tmp_path / "forms" / name).write_text(FORM.format(name="x"), "utf-8")
    calls = []
    _engine(cat).run(
        [str(tmp_path / "forms")],
        on_start=lambda n: calls.append(("start", n)),
        on_file=lambda p: calls.append(("file", p.rsplit("/", 1)[-1])),
    )
    assert calls == [("start", 2), ("file", "a.txt"), ("file", "b.txt")]


def test_missing_cell_is_located_at_its_own_row_not_the_title():
    from perflint.engine import locate_span
    from perflint.ingest import declarations_from_text

    text = (
        "项目支出绩效目标申报表 |\n"
        "项目名称 | 示例项目 |\n"
        "一级指标 | 二级指标 | 指标内容 | 指标值 |\n"
        "产出指标 | 数量指标 | 培训人次 | 200人次 |\n"
        "效益指标 | 社会效益指标 | 受益群众 | |\n"
        "生态效益指标 | 植树面积 | |\n"
    )
    [decl] = declarations_from_text(text, "p.txt", "utf-8", "pipe")
    rows = {ind.content: i for i, ind in enumerate(decl.indicators)}
    social = locate_span(decl, f"/indicators/{rows['受益群众']}/value")
    eco = locate_span(decl, f"/indicators/{rows['植树面积']}/value")
    assert social is not None and (social.line, social.end_line) == (5, 5)
    # the carried-down 效益指标 cell on line 5 does not stretch row 6's location
    assert eco is not None and (eco.line, eco.end_line) == (6, 6)
