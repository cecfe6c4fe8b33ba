"""The memoized value analyses: results depend on the arguments only, never on
which rule, declaration or settings list asked first."""

from __future__ import annotations

from support.paths import EXAMPLES

from perflint.checks.analysis.values import (
    category,
    comparisons,
    is_placeholder,
    norm_set,
    owned_elsewhere,
    quantities,
    skip_cell,
    vague_terms,
)
from perflint.checks.text import TypoDictionary
from perflint.domain.model import Declaration, ExtraField, Indicator, escape_pointer


def test_placeholder_answer_follows_the_settings():
    # the same cell under two rules' placeholder lists
    assert is_placeholder("略", ["略", "/"])
    assert not is_placeholder("略", ["/"])
    assert is_placeholder("略", ("略",))
    assert skip_cell("略", ["略"]) and not skip_cell("略", ["/"])
    assert owned_elsewhere("见附件", []) and not skip_cell("见附件", [])


def test_lists_returned_are_the_callers_own():
    first = quantities("培训500人次")
    first.clear()
    assert [q.text for q in quantities("培训500人次")] == ["500人次"]
    cs = comparisons("≥95%")
    cs.append(None)
    assert len(comparisons("≥95%")) == 1
    terms = vague_terms("进一步提高服务质量", ["进一步", "提高"])
    terms.append("x")
    assert vague_terms("进一步提高服务质量", ["进一步", "提高"]) == ["进一步", "提高"]


def test_vague_terms_follow_the_term_list():
    assert vague_terms("进一步提高服务质量", ["提高"]) == ["提高"]
    assert vague_terms("进一步提高服务质量", ["进一步"]) == ["进一步"]
    assert vague_terms("提高5%", ["提高"], True) == []
    assert vague_terms("提高5%", ["提高"], False) == ["提高"]


def test_overlapping_vague_terms_of_one_length_do_not_depend_on_hashing():
    # 极大 and 大幅 overlap in 极大幅度: the first in code-point order wins
    assert vague_terms("极大幅度提升", ["极大", "大幅"]) == ["大幅"]
    assert vague_terms("极大幅度提升", ["大幅", "极大"]) == ["大幅"]


def test_category_follows_an_edited_indicator():
    ind = Indicator(level1="产出指标", level2="数量指标", content="培训人次", value="500人次")
    assert category(ind).level2 == "数量指标"
    ind.level2 = "质量指标"
    assert category(ind).level2 == "质量指标"


def test_norm_set_keeps_each_list_apart():
    assert norm_set(["／", " 无 "]) == frozenset({"/", "无"})
    assert norm_set(["略"]) == frozenset({"略"})


def test_typo_entries_per_rule_parameters():
    kind = TypoDictionary()
    extra = [{"wrong": "甲乙", "right": "乙甲"}]
    with_extra = kind.entries({"extra": extra})
    assert ("甲乙", "乙甲", True) in with_extra
    assert ("甲乙", "乙甲", True) not in kind.entries({})
    with_extra.clear()  # a caller's copy: the next run still sees the entries
    assert ("甲乙", "乙甲", True) in kind.entries({"extra": extra})


def test_iter_text_order_and_escaped_keys():
    decl = Declaration(
        name="项目",
        indicators=[Indicator(content="人次", value="500", extra={"单位/口径": "人"})],
        fields=[ExtraField("leader", "负责人", "张三")],
    )
    pointers = [p for p, _ in decl.iter_text()]
    assert pointers.index("/name") < pointers.index("/indicators/0/content") < pointers.index("/fields/0/text")
    assert "/indicators/0/extra/单位~1口径" in pointers
    # the text is read when asked for, after an edit
    decl.name = "新项目"
    assert dict(decl.iter_text())["/name"] == "新项目"


def _walk(node, pointer=""):
    """The reference reading of iter_text: every string of to_dict(), depth-first."""
    if isinstance(node, str):
        yield pointer, node
    elif isinstance(node, dict):
        for key in node:
            yield from _walk(node[key], f"{pointer}/{escape_pointer(str(key))}")
    elif isinstance(node, list):
        for i, item in enumerate(node):
            yield from _walk(item, f"{pointer}/{i}")


def _odd_declaration() -> Declaration:
    """Every kind of field filled, some with values of unexpected types (JSON input)."""
    decl = Declaration.from_dict(
        {
            "form_type": "项目支出",
            "title": "表",
            "year": "2021",
            "year_text": "（2021年度）",
            "name": "名",
            "money": {
                "total": {"label": "资金总额", "text": "100", "amount": "100"},
                "lines": [{"key": "source.fiscal", "label": "财政", "text": "", "amount": None}],
            },
            "schedule": [{"content": "内容", "start": "2021年1月", "end": {"text": "2021.13", "value": None}}],
            "goals": {"annual": "年度", "long_term": "长期", "other": "不输出"},
            "indicators": [
                {
                    "level1": "产出指标",
                    "content": "甲",
                    "value": None,
                    "extra": {"a/b~c": "x", "n": 3},
                    "inherited": ["level1"],
                },
                {"content": "乙", "value": "1"},
            ],
            "reviews": [{"section": "主管部门", "opinion": "同意", "date": None}],
            "preparer": "张",
            "phone": "123",
            "filing_date": {"text": "2021年1月1日", "value": "2021-01-01"},
            "fields": [{"key": "leader", "label": "负责人", "text": "李"}],
            "unrecognized": ["多余", ""],
        }
    )
    decl.goals["other"] = "不在模板里的目标"  # not a GOAL_KEY: to_dict leaves it out
    return decl


def test_iter_text_reads_what_to_dict_holds():

    from perflint.ingest.files import load_file

    decls = [_odd_declaration(), Declaration()]
    for path in sorted(EXAMPLES.iterdir()):
        if path.suffix in (".txt", ".json"):
            decls += load_file(str(path)).declarations
    assert len(decls) > 5
    for decl in decls:
        # what was read and what the document is describe the reading, not the filer's text
        data = {k: v for k, v in decl.to_dict(include_source=False).items() if k not in ("document_kind", "reading")}
        assert list(decl.iter_text()) == list(_walk(data))
