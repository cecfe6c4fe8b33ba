"""Page chrome around a form is kept as chrome, never reported as text left unread.

Made-up pages after what real ones put around their forms: a publishing line split at its
spaces ("发布时间:… 15:40 来源:… 作者:", r202), a date-time glued to 来源 (r406), a document-
sharing site's preview (page captions "…_第N页", 全文预览已结束, the file's card: corpus/003,
r105), a line that is only a file's name, and a bare "附件1" line (r213).
"""

from __future__ import annotations

import pytest

from perflint.ingest.coverage import uncovered
from perflint.ingest.files import load_bytes
from perflint.ingest.reading import is_chrome

FORM = """| 项目支出绩效目标申报表 | | | | |
| (2022年度) | | | | |
| 项目名称 | 城区公厕提质改造 | | | |
| 主管部门 | 青溪区城市管理局 | | | |
| 项目资金 (万元) | 年度资金总额: | 85.00 | | |
| 年度总体目标 | 完成城区12座公厕提质改造。 | | | |
| 一级指标 | 二级指标 | 三级指标 | 指标值 | |
| 产出指标 | 数量指标 | 改造公厕座数 | ≥12座 | |
| 质量指标 | 改造工程验收合格率 | 100% | | |
| 满意度指标 | 服务对象满意度指标 | 周边居民满意度 | ≥85% | |
"""


@pytest.mark.parametrize(
    "line",
    [
        "2020-03-04 13:32来源: 青溪网",
        "2022年02月18日 来源:青溪区财政局",
        "全文预览已结束",
        "下载本文档",
        "版权说明:本文档由用户提供并上传,收益归属内容提供方",
        "文档简介",
        "资源ID:245426",
        "资源大小:22.57KB",
        "- 资源格式: DOCX",
        "下载积分:5金币",
        "友情提示",
        "项目绩效目标表_第3页",
        "青溪区2022年项目支出绩效目标表.docx",
        "整体绩效目标申报.pdf",
    ],
)
def test_a_sharing_sites_and_a_news_pages_lines_are_chrome(line: str) -> None:
    assert is_chrome(line)


@pytest.mark.parametrize(
    "line",
    [
        "来源于财政拨款的资金全部用于公厕改造",
        "资金来源 | 财政拨款",
        "2022年完成改造12座",
        "附件1:改造清单.xlsx 共12座公厕",
    ],
)
def test_form_text_is_not_chrome(line: str) -> None:
    assert not is_chrome(line)


def _read(text: str):
    fr = load_bytes(text.encode("utf-8"), "page.txt")
    [decl] = fr.declarations
    assert uncovered(fr.text or "", fr.declarations) == []  # nothing lost
    return decl


@pytest.mark.parametrize(
    "page",
    [
        # a publishing line split at its spaces: "15:40" alone is chrome because its line is
        FORM + "发布时间:2018年05月20日 15:40 来源:青溪区财政局 作者:\n",
        FORM + "2020-03-04 13:32来源: 青溪网\n",
        FORM + "附件1\n",
        FORM + "附件:\n",
        FORM + "青溪区2022年项目支出绩效目标表.docx\n全文预览已结束\n下载本文档\n资源ID:245426\n下载积分:5金币\n",
    ],
)
def test_chrome_after_a_form_is_not_left_unread(page: str) -> None:
    decl = _read(page)
    assert not decl.unrecognized, decl.unrecognized
    assert decl.source.chrome


def test_a_viewers_page_caption_is_not_the_forms_title() -> None:
    captions = "".join(f"项目绩效目标表_第{n}页\n" for n in range(1, 4)) + "全文预览已结束\n"
    decl = _read(captions + FORM)
    assert decl.title == "项目支出绩效目标申报表"
    assert not decl.unrecognized
