"""A form's title after rows of a table ends that table and starts the next form, whatever
the template calls the form (…绩效目标表, …申报表, …批复表, …审批表): a page printing two
forms one after the other reads as two.  Made-up forms, not a real form's text."""

from __future__ import annotations

TWO_FORMS = (
    "某区文化馆_群众文化活动项目绩效目标审批表\n"
    "一级指标 | 二级指标 | 三级指标 | 指标值\n"
    "产出指标 | 数量指标 | 举办展演场次 | ≥12场\n"
    "产出指标 | 质量指标 | 活动安全事故数 | 0起\n"
    "满意度指标 | 服务对象满意度指标 | 观众满意度 | ≥90%\n"
    "某区图书馆_全民阅读推广项目绩效目标审批表\n"
    "一级指标 | 二级指标 | 三级指标 | 指标值\n"
    "产出指标 | 数量指标 | 开展阅读讲座次数 | ≥20次\n"
    "效益指标 | 社会效益指标 | 新增持证读者人数 | ≥1500人\n"
)


def test_a_title_after_the_rows_of_a_table_starts_the_next_form(read_all) -> None:
    first, second = read_all(TWO_FORMS)
    assert [i.content for i in first.indicators] == ["举办展演场次", "活动安全事故数", "观众满意度"]
    assert second.title == "某区图书馆_全民阅读推广项目绩效目标审批表"
    assert [i.content for i in second.indicators] == ["开展阅读讲座次数", "新增持证读者人数"]


def test_one_cell_a_line_the_same(read_all) -> None:
    # the same page as a PDF text layer gives it, one cell a line
    lines = "\n".join(cell.strip() for row in TWO_FORMS.splitlines() for cell in row.split("|")) + "\n"
    first, second = read_all(lines)
    assert second.title == "某区图书馆_全民阅读推广项目绩效目标审批表"
    assert "开展阅读讲座次数" in [i.content for i in second.indicators]
    assert "开展阅读讲座次数" not in [i.content for i in first.indicators]


def test_an_attachment_naming_a_form_after_the_rows_is_no_title(read_all) -> None:
    # "附件:…绩效目标表" names a form (the one just read): it is not the start of another
    text = TWO_FORMS.split("某区图书馆")[0] + "附件:某区文化馆群众文化活动项目绩效目标表\n"
    [decl] = read_all(text)
    assert len(decl.indicators) == 3
