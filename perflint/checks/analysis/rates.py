"""Rates: what a rate counts, read from an indicator's name — shared by the checks that
judge a rate's direction (CON009 judges a rate of something unwanted set as a floor;
VAL008 leaves such a rate to it, since “=100%” would be the wrong advice there)."""

from __future__ import annotations

import re

from perflint.checks.analysis.measure import bare_name
from perflint.domain.vocab import simplified

#: what a rate may count that the project wants as little of: late or faulty work, incidents,
#: losses, idle assets, drop-outs
_UNWANTED = re.compile(
    r"逾期|超期|延期|延误|滞后|拖欠|欠薪|积压|滞留|差错|错误|失误|误差|误报|漏报|漏检|漏诊|偏差|"
    r"事故|投诉|举报|上访|信访|违规|违纪|违法|违约|犯罪|发案|超标|超支|不合格|不达标|不良|"
    r"返工|返修|故障|损坏|破损|丢失|遗失|损失|损耗|死亡|伤亡|伤害|发病|患病|感染|复发|"
    r"隐患|失败|流失|辍学|失学|脱落|失访|拒付|退件|驳回|闲置|空置|污染"
)
#: words after the unwanted thing that make the rate one of dealing with it (隐患整改率,
#: 投诉办结率, 闲置房屋出租率) or of bringing it down (事故率下降): a rate to raise
_HANDLED = re.compile(
    r"整改|处理|处置|办结|办理|查处|结案|化解|消除|修复|排除|排查|回复|答复|受理|解决|纠正|追回|清理|"
    r"清欠|整治|治理|防控|防治|控制|下降|降低|减少|压降|压减|调处|销号|处罚|追责|完成|合格|达标|及时|"
    r"覆盖|到位|满意|救治|治愈|救助|赔付|补偿|挽回|回收|盘活|利用|出租|召回|检出|发现|报告|登记|"
    r"核查|核实|监测|筛查|管理|预警|知晓|参与|复工|复学|返校|劝返|安置|就业"
)
#: more of them: answering a fault, settling arrears (故障响应率, 拖欠工资支付率); a second
#: pattern keeps each within the vetted length (perflint.safe_regex)
_SETTLED = re.compile(r"响应|维修|抢修|回访|收缴|追缴|收回|清偿|偿还|兑付|支付|退还|赔偿|理赔|救援|复核|审查|核销")
#: a verb before the rate that brings it down: 减少闲置率 ≥10% may say by how much
_LOWERING = re.compile(r"减少|降低|下降|压降|压减|控制")
#: the clause of a name that holds its rate
_CLAUSE_SPLIT = re.compile(r"[,，、;；:：。()（）]")


def unwanted_rate(name: str | None) -> tuple[str, str, bool] | None:
    """(the rate as the name words it, the unwanted thing it counts, whether a lowering verb
    stands before it) when the name's rate counts something unwanted; None otherwise."""
    t = simplified(bare_name(name))
    clauses = [c for c in _CLAUSE_SPLIT.split(t) if re.search(r"率|比例|占比", c)]
    if not clauses:
        return None
    clause = clauses[-1]
    ends = [m.end() for m in re.finditer(r"率|比例|占比", clause)]
    rate, after = clause[: ends[-1]], clause[ends[-1] :]
    if _LOWERING.search(after) or re.search(r"[增提升]", after):
        return None  # 事故率下降 ≥10%: the change is the target, not the rate
    found = list(_UNWANTED.finditer(rate))
    if not found:
        return None
    last = found[-1]
    if _HANDLED.search(rate[last.end() :]) or _SETTLED.search(rate[last.end() :]):
        return None  # 隐患整改率: the share dealt with, which is to be raised
    verbs = list(_LOWERING.finditer(rate[: last.start()]))
    if verbs:
        return rate[verbs[-1].end() :], last.group(0), True  # 减少国有资产闲置率: the rate is 国有资产闲置率
    return rate, last.group(0), False
