"""Generate realistic performance-target declarations for benchmarks.

A plain script (standard library and perflint only)::

    .venv/bin/python benchmarks/generate.py OUT --decls 10000 --seed 1

writes

``OUT/text/dNNNNN.txt``
    Tabbed Word-export text, one to three forms per file like a real
    submission (a department's 专项资金 or 项目支出 forms, often followed by its
    部门整体支出 form), 5–10 KB each.  About 70 % are UTF-8 with LF line ends,
    the rest GBK with CRLF (Windows Notepad), chosen deterministically.
``OUT/json/dNNNNN.json``
    The same declarations as perflint's own extraction reads them
    (``perflint extract`` output, one declaration a line: a JSON list per text file, each
    declaration with its source map pointing at ``text/dNNNNN.txt``, so run
    perflint from ``OUT``).  ``--no-json`` skips them; ``--no-json-source``
    leaves the source map out, so findings point into the JSON files.
``OUT/manifest.json``
    The parameters, every file with its encoding and forms, and the defects
    planted in each form (see :data:`DEFECTS`), with their expected rules.

The same ``--seed`` and ``--decls`` give the same bytes, whatever ``--jobs``:
each file draws from its own random generator seeded with ``(seed, index)``.

Planted defects (rates are per declaration; a form may carry several):

====================  =====  ====================================================
kind                  rate   what a reviewer sees
====================  =====  ====================================================
value-slash           6 %    a required indicator's value is “/”
value-blank           4 %    a required indicator's value is left blank
unmeasurable          8 %    a value with no measure: 提高办事效率, 效果明显 …
budget-mismatch       5 %    budget parts that do not add up to the total
date-out-of-year      5 %    a schedule date outside the budget year
satisfaction-vague    3 %    satisfaction target 较满意 / 基本满意
satisfaction-low      2 %    satisfaction target below 85 %
duplicated-char       3 %    a doubled character: 预预算科, 绩绩效 …
other-county          2 %    text copied from a county's form into a district's
                             (全县 in a 区 form) or the other way round
====================  =====  ====================================================

Everything else is a careful filing: clean forms extract with no leftovers
(no ``SRC001``) and no input problems.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

GENERATOR_VERSION = 1

#: defect kind -> (rate per declaration, rule codes any of which must fire)
DEFECTS: dict[str, tuple[float, tuple[str, ...]]] = {
    "value-slash": (0.06, ("PH001",)),
    "value-blank": (0.04, ("VAL001",)),
    "unmeasurable": (0.08, ("VAL002",)),
    "budget-mismatch": (0.05, ("BUD002", "BUD003", "BUD004", "BUD005")),
    "date-out-of-year": (0.05, ("DATE003",)),
    "satisfaction-vague": (0.03, ("SAT002",)),
    "satisfaction-low": (0.02, ("SAT003",)),
    "duplicated-char": (0.03, ("TXT001",)),
    "other-county": (0.02, ("TXT002",)),
}

GBK_SHARE = 0.30

# -- places and people ---------------------------------------------------------

CITIES = ["江城市", "湘南市", "云州市", "梅岭市", "沅水市", "楚原市", "潇湘市", "南岳市"]
PLACE_FIRST = "青云临白石安平清长新永龙桃凤双桂茶宁汝澧攸沅华祁溆耒"
PLACE_SECOND = "溪阳江水门乡丰源山陵湖林田河川岭塘桥口宁化城"
SURNAMES = "王李张刘陈杨黄赵周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯邓曹彭曾肖田董潘袁蒋蔡余杜叶程魏苏吕丁任沈姚卢傅钟姜崔谭廖范汪陆金石戴贾韦夏邱方侯邹熊孟秦白江阎薛尹段雷黎史龙陶贺顾毛郝龚邵万覃武钱严莫孔汤向常温康施"
GIVEN = "明华建国军平伟红丽芳敏静强磊洋勇艳杰娟涛超秀霞刚桂英萍辉斌鹏波宇浩凯晨俊峰琳雪梅兰燕玲婷慧颖欣怡思源志文海"

# -- departments, their duties and their projects ------------------------------
# Each project: name, implementation tasks, indicators (二级, 指标内容, value
# pattern, low, high), satisfaction subject, long-term goal, annual goal.
# In value patterns {n} is a random integer in [low, high], {y} the budget year.


@dataclass(frozen=True)
class Project:
    name: str
    tasks: tuple[str, ...]
    indicators: tuple[tuple[str, str, str, int, int], ...]
    subject: str
    long_goal: str
    annual_goal: str


@dataclass(frozen=True)
class Department:
    suffix: str
    functions: str
    duties: tuple[str, ...]
    projects: tuple[Project, ...]


DEPARTMENTS: tuple[Department, ...] = (
    Department(
        "政务服务中心",
        "负责{scope}的政务公开、政务服务和电子政务工作，承担行政审批制度改革的具体事务",
        (
            "负责推进、指导、协调、监督{scope}政务公开、政府信息公开工作",
            "为公民、法人和其他组织提供政务咨询、受理、审批和反馈等相关服务及平台保障",
            "指导{scope}政府系统网站建设和电子政务相关工作",
        ),
        (
            Project(
                "政务公开信息系统维护",
                ("网络出口租赁和机房运维服务", "信息安全等级保护测评", "门户网站内容维护和在线审批系统维护"),
                (
                    ("数量指标", "维护政务服务终端台数", "{n}台", 20, 120),
                    ("数量指标", "网站发布政务信息条数", "≥{n}条", 800, 3000),
                    ("质量指标", "政府网站考核合格率", "100%", 0, 0),
                    ("质量指标", "系统全年正常运行时间占比", "≥99%", 0, 0),
                    ("时效指标", "网民留言办结时限", "≤{n}个工作日", 3, 10),
                    ("社会效益指标", "网上可办事项占比", "≥{n}%", 85, 98),
                    ("可持续影响指标", "网络安全监测覆盖时段", "7×24小时", 0, 0),
                ),
                "办事群众",
                "建成{scope}统一的政务服务平台，实现政务服务事项全流程网上办理",
                "{y}年保障政务服务平台稳定运行，网上可办事项占比达到{n}%以上",
            ),
            Project(
                "政务大厅窗口服务保障",
                ("窗口工作人员业务培训", "大厅导办设备配置", "服务明星评选和窗口考核"),
                (
                    ("数量指标", "窗口工作人员培训人次", "≥{n}人次", 100, 600),
                    ("数量指标", "评选服务明星人数", "{n}人", 10, 40),
                    ("质量指标", "培训考核合格率", "≥95%", 0, 0),
                    ("时效指标", "一般事项办结时限", "≤{n}个工作日", 3, 7),
                    ("社会效益指标", "群众办事平均等候时间", "≤{n}分钟", 10, 30),
                    ("可持续影响指标", "窗口服务制度执行年限", "≥{n}年", 3, 5),
                ),
                "办事群众",
                "打造{scope}一流的政务服务大厅，办事群众满意率持续保持在90%以上",
                "{y}年完成窗口人员轮训{n}人次，一般事项当场办结率达到80%",
            ),
        ),
    ),
    Department(
        "农业农村局",
        "负责{scope}农业农村发展规划、农田建设、农业技术推广和农村人居环境整治工作",
        (
            "负责{scope}农田水利基本建设和高标准农田建设管理",
            "负责{scope}农业技术推广体系建设和农民技术培训",
            "组织{scope}农村人居环境整治和美丽乡村建设",
        ),
        (
            Project(
                "高标准农田建设",
                ("项目规划设计和招标", "土地平整和田间道路施工", "灌溉排水设施建设", "竣工验收和移交管护"),
                (
                    ("数量指标", "新建高标准农田面积", "≥{n}亩", 3000, 20000),
                    ("数量指标", "新建改造灌排渠道长度", "{n}公里", 10, 80),
                    ("质量指标", "工程竣工验收合格率", "100%", 0, 0),
                    ("时效指标", "工程完工时间", "{y}年11月底前", 0, 0),
                    ("经济效益指标", "项目区亩均粮食增产", "≥{n}公斤", 30, 80),
                    ("生态效益指标", "项目区化肥使用量减少", "≥{n}%", 3, 10),
                    ("可持续影响指标", "工程设施设计使用年限", "≥{n}年", 10, 15),
                ),
                "项目区农户",
                "到{y2}年全{lvl}累计建成高标准农田{n}万亩，粮食综合生产能力稳步提升",
                "{y}年新建高标准农田{n}亩，项目区粮食亩产提高5%",
            ),
            Project(
                "农业技术推广与农民培训",
                ("制定年度培训计划", "开展农民技术培训", "建设农业科技示范基地", "培训效果跟踪回访"),
                (
                    ("数量指标", "培训农民人次", "≥{n}人次", 500, 3000),
                    ("数量指标", "建设科技示范基地个数", "{n}个", 3, 12),
                    ("质量指标", "主推技术到位率", "≥{n}%", 90, 98),
                    ("时效指标", "培训任务完成时间", "{y}年10月底前", 0, 0),
                    ("经济效益指标", "示范基地亩均增收", "≥{n}元", 100, 400),
                    ("社会效益指标", "培训后取得职业农民证书人数", "≥{n}人", 50, 300),
                ),
                "参训农民",
                "建立覆盖全{lvl}的农业技术推广服务体系，主推技术到位率稳定在95%以上",
                "{y}年培训农民{n}人次，建设科技示范基地8个",
            ),
            Project(
                "农村人居环境整治",
                ("农村改厕摸底和方案编制", "户厕改造施工", "村庄保洁和垃圾收运", "整治成效考核"),
                (
                    ("数量指标", "完成农村户厕改造户数", "≥{n}户", 500, 4000),
                    ("数量指标", "配备村级保洁员人数", "{n}人", 60, 300),
                    ("质量指标", "改厕工程验收合格率", "≥{n}%", 95, 99),
                    ("时效指标", "户厕改造完成时间", "{y}年10月31日前", 0, 0),
                    ("生态效益指标", "农村生活垃圾无害化处理率", "≥{n}%", 85, 95),
                    ("社会效益指标", "卫生厕所普及率", "≥{n}%", 80, 95),
                ),
                "农村居民",
                "到{y2}年基本实现农村生活垃圾和厕所粪污有效治理，村容村貌明显改善",
                "{y}年完成户厕改造{n}户，农村生活垃圾无害化处理率达到90%",
            ),
        ),
    ),
    Department(
        "教育局",
        "负责{scope}各级各类教育的统筹规划和协调管理，组织实施义务教育均衡发展",
        (
            "负责{scope}义务教育学校布局调整和校舍建设",
            "负责{scope}中小学教师队伍建设和培训",
            "组织实施{scope}学生资助政策",
        ),
        (
            Project(
                "义务教育学校校舍维修改造",
                ("校舍安全排查和方案设计", "维修改造工程招标", "工程施工", "竣工验收"),
                (
                    ("数量指标", "维修改造校舍面积", "≥{n}平方米", 3000, 20000),
                    ("数量指标", "受益学校数量", "{n}所", 5, 30),
                    ("质量指标", "工程验收合格率", "100%", 0, 0),
                    ("时效指标", "暑期施工完成时间", "{y}年8月25日前", 0, 0),
                    ("社会效益指标", "消除C级D级危房面积", "≥{n}平方米", 500, 4000),
                    ("可持续影响指标", "维修后校舍安全使用年限", "≥{n}年", 15, 30),
                ),
                "学生家长",
                "全面消除义务教育学校校舍安全隐患，办学条件达到省定标准",
                "{y}年完成校舍维修改造{n}平方米，开学前全部投入使用",
            ),
            Project(
                "中小学教师培训",
                ("制定年度培训计划", "集中培训和送教下乡", "网络研修", "培训考核和学分登记"),
                (
                    ("数量指标", "培训教师人次", "≥{n}人次", 800, 5000),
                    ("数量指标", "送教下乡场次", "≥{n}场", 10, 60),
                    ("质量指标", "培训考核合格率", "≥{n}%", 92, 99),
                    ("时效指标", "年度培训完成时间", "{y}年12月15日前", 0, 0),
                    ("社会效益指标", "教师年均培训学时", "≥{n}学时", 72, 120),
                    ("可持续影响指标", "培训成果转化课例数", "≥{n}个", 30, 200),
                ),
                "参训教师",
                "建成一支结构合理、素质优良的中小学教师队伍，五年一周期培训全覆盖",
                "{y}年培训教师{n}人次，教师年均培训学时不少于72学时",
            ),
        ),
    ),
    Department(
        "卫生健康局",
        "负责{scope}卫生健康事业发展规划、疾病预防控制和基本公共卫生服务管理",
        (
            "组织实施{scope}基本公共卫生服务项目",
            "负责{scope}疾病预防控制和突发公共卫生事件应急处置",
            "指导{scope}基层医疗卫生机构建设",
        ),
        (
            Project(
                "基本公共卫生服务",
                ("服务任务分解下达", "居民健康档案管理", "慢性病患者健康管理", "年度绩效考核"),
                (
                    ("数量指标", "规范化电子健康档案建档人数", "≥{n}人", 50000, 400000),
                    ("数量指标", "高血压患者规范管理人数", "≥{n}人", 5000, 40000),
                    ("质量指标", "老年人健康管理率", "≥{n}%", 65, 75),
                    ("质量指标", "适龄儿童免疫规划疫苗接种率", "≥{n}%", 90, 98),
                    ("时效指标", "补助资金拨付时间", "{y}年6月30日前", 0, 0),
                    ("社会效益指标", "居民健康素养水平", "≥{n}%", 20, 30),
                ),
                "签约居民",
                "基本公共卫生服务均等化水平持续提高，居民主要健康指标高于全省平均水平",
                "{y}年居民电子健康档案建档率达到{n}%，老年人健康管理率不低于65%",
            ),
            Project(
                "乡镇卫生院设备购置",
                ("设备需求调查和论证", "政府采购", "设备安装调试", "操作人员培训"),
                (
                    ("数量指标", "购置DR等医疗设备台数", "{n}台", 5, 40),
                    ("数量指标", "受益乡镇卫生院个数", "{n}个", 5, 20),
                    ("质量指标", "设备验收合格率", "100%", 0, 0),
                    ("时效指标", "设备安装调试完成时间", "{y}年9月30日前", 0, 0),
                    ("社会效益指标", "乡镇卫生院门诊人次增长率", "≥{n}%", 3, 10),
                    ("可持续影响指标", "设备正常使用年限", "≥{n}年", 5, 10),
                ),
                "就诊群众",
                "基层医疗卫生机构设备配置全部达到国家标准，群众就近就医需求得到满足",
                "{y}年为{n}个乡镇卫生院配齐DR、彩超等基本设备",
            ),
        ),
    ),
    Department(
        "民政局",
        "负责{scope}社会救助、养老服务、儿童福利和社区建设工作",
        (
            "负责{scope}城乡最低生活保障和特困人员救助供养",
            "负责{scope}养老服务体系建设和养老机构监管",
            "指导{scope}城乡社区治理和社区服务体系建设",
        ),
        (
            Project(
                "城乡居民最低生活保障",
                ("低保对象核查认定", "保障金按月发放", "动态管理和复核", "资金使用检查"),
                (
                    ("数量指标", "保障城乡低保对象人数", "{n}人", 3000, 20000),
                    ("质量指标", "低保对象认定准确率", "≥{n}%", 95, 99),
                    ("时效指标", "保障金按月足额发放率", "100%", 0, 0),
                    ("社会效益指标", "城市低保标准", "≥{n}元/人·月", 550, 700),
                    ("可持续影响指标", "低保动态管理机制运行年限", "≥{n}年", 3, 5),
                ),
                "低保对象",
                "建立健全覆盖全{lvl}的社会救助体系，困难群众基本生活得到有效保障",
                "{y}年按时足额发放低保金，保障城乡低保对象{n}人",
            ),
            Project(
                "社区居家养老服务中心建设",
                ("选址和改造设计", "服务中心装修改造", "设施设备配置", "运营机构招标和开业"),
                (
                    ("数量指标", "新建社区居家养老服务中心个数", "{n}个", 3, 15),
                    ("数量指标", "新增养老床位数", "≥{n}张", 50, 300),
                    ("质量指标", "服务中心验收合格率", "100%", 0, 0),
                    ("时效指标", "服务中心投入运营时间", "{y}年11月底前", 0, 0),
                    ("社会效益指标", "年服务老年人人次", "≥{n}人次", 3000, 20000),
                    ("可持续影响指标", "社区养老服务覆盖率", "≥{n}%", 60, 90),
                ),
                "服务老人",
                "构建以居家为基础、社区为依托的养老服务体系，城市社区养老服务实现全覆盖",
                "{y}年新建社区居家养老服务中心{n}个，新增养老床位100张以上",
            ),
        ),
    ),
    Department(
        "交通运输局",
        "负责{scope}公路建设、养护管理、道路运输和交通安全监管工作",
        (
            "负责{scope}农村公路建设和养护管理",
            "负责{scope}道路运输市场监管和客运站场建设",
            "组织{scope}公路安全生命防护工程实施",
        ),
        (
            Project(
                "农村公路养护",
                ("养护任务分解和合同签订", "日常养护和路面修补", "桥梁涵洞检测", "养护质量考核"),
                (
                    ("数量指标", "养护农村公路里程", "≥{n}公里", 300, 2000),
                    ("数量指标", "修补路面面积", "{n}平方米", 5000, 40000),
                    ("质量指标", "农村公路优良中等路率", "≥{n}%", 75, 90),
                    ("时效指标", "路面病害处治时限", "≤{n}天", 3, 15),
                    ("社会效益指标", "农村公路列养率", "100%", 0, 0),
                    ("可持续影响指标", "养护长效机制运行年限", "≥{n}年", 3, 5),
                ),
                "沿线群众",
                "建成管理规范、养护到位的农村公路网，优良中等路率稳定在80%以上",
                "{y}年完成农村公路养护{n}公里，农村公路列养率保持100%",
            ),
            Project(
                "公路安全生命防护工程",
                ("隐患路段排查", "工程设计和招标", "护栏标志标线施工", "交工验收"),
                (
                    ("数量指标", "完成安防工程路段里程", "≥{n}公里", 20, 150),
                    ("数量指标", "新设波形护栏长度", "{n}米", 2000, 20000),
                    ("质量指标", "交工验收合格率", "100%", 0, 0),
                    ("时效指标", "工程交工时间", "{y}年10月底前", 0, 0),
                    ("社会效益指标", "治理路段交通事故下降率", "≥{n}%", 10, 30),
                    ("可持续影响指标", "安防设施设计使用年限", "≥{n}年", 8, 15),
                ),
                "沿线群众",
                "全面完成{scope}临水临崖等重点路段安全隐患整治，农村公路安全通行条件明显改善",
                "{y}年完成公路安全生命防护工程{n}公里",
            ),
        ),
    ),
    Department(
        "水利局",
        "负责{scope}水资源管理、水利工程建设与管理、防汛抗旱和农村饮水安全工作",
        (
            "负责{scope}小型水库和山塘的安全管理",
            "负责{scope}农村饮水安全工程建设和运行管理",
            "承担{scope}防汛抗旱指挥部日常工作",
        ),
        (
            Project(
                "小型水库除险加固",
                ("安全鉴定和初步设计", "大坝防渗和溢洪道改造", "放水设施更换", "蓄水安全鉴定和竣工验收"),
                (
                    ("数量指标", "完成除险加固小型水库座数", "{n}座", 2, 15),
                    ("数量指标", "新建防汛道路长度", "{n}公里", 1, 12),
                    ("质量指标", "单元工程质量合格率", "100%", 0, 0),
                    ("时效指标", "主体工程完工时间", "{y}年汛前", 0, 0),
                    ("经济效益指标", "恢复灌溉面积", "≥{n}亩", 2000, 15000),
                    ("社会效益指标", "保护下游人口", "≥{n}人", 2000, 30000),
                ),
                "受益群众",
                "{scope}病险小型水库全部完成除险加固，水库安全运行和效益发挥得到保障",
                "{y}年完成{n}座小型水库除险加固，汛前主体工程完工",
            ),
            Project(
                "农村饮水安全巩固提升",
                ("水源勘察和工程设计", "管网延伸和改造", "净化消毒设备安装", "水质检测和通水验收"),
                (
                    ("数量指标", "新增和改善供水人口", "≥{n}人", 3000, 30000),
                    ("数量指标", "新建改造供水管网长度", "{n}公里", 20, 150),
                    ("质量指标", "农村集中供水水质达标率", "≥{n}%", 85, 95),
                    ("时效指标", "工程通水时间", "{y}年11月30日前", 0, 0),
                    ("社会效益指标", "农村自来水普及率", "≥{n}%", 85, 95),
                    ("可持续影响指标", "工程运行管护机制覆盖率", "100%", 0, 0),
                ),
                "农村居民",
                "建成城乡一体化供水体系，农村自来水普及率达到95%以上",
                "{y}年新增和改善{n}名农村居民供水条件",
            ),
        ),
    ),
    Department(
        "文化旅游体育局",
        "负责{scope}公共文化服务、文化遗产保护、旅游发展和全民健身工作",
        (
            "负责{scope}公共图书馆、文化馆和乡镇综合文化站的业务指导",
            "组织{scope}文化惠民演出和全民健身活动",
            "负责{scope}文物保护和非物质文化遗产传承",
        ),
        (
            Project(
                "社区图书分馆图书更新",
                ("制定采购目录并完成政府采购", "图书验收、编目和加工", "配送至社区分馆并上架", "开展借阅推广活动"),
                (
                    ("数量指标", "新增图书册数", "≥{n}册", 5000, 30000),
                    ("数量指标", "覆盖社区分馆个数", "{n}个", 8, 30),
                    ("质量指标", "图书验收合格率", "100%", 0, 0),
                    ("时效指标", "图书上架完成时间", "{y}年9月30日前", 0, 0),
                    ("社会效益指标", "社区分馆年借阅量", "≥{n}万册次", 10, 40),
                    ("可持续影响指标", "新增图书可借阅年限", "≥{n}年", 5, 8),
                ),
                "社区读者",
                "到{y2}年全{lvl}社区分馆人均藏书达到1.2册，年借阅量达到30万册次",
                "{y}年为社区分馆新增图书{n}册，年借阅量达到24万册次",
            ),
            Project(
                "文化惠民送戏下乡",
                ("演出剧目遴选", "演出团体政府采购", "送戏下乡演出", "演出效果回访"),
                (
                    ("数量指标", "送戏下乡演出场次", "≥{n}场", 60, 300),
                    ("数量指标", "覆盖行政村个数", "{n}个", 50, 250),
                    ("质量指标", "演出剧目审查通过率", "100%", 0, 0),
                    ("时效指标", "年度演出任务完成时间", "{y}年11月底前", 0, 0),
                    ("社会效益指标", "观看演出群众人次", "≥{n}人次", 20000, 150000),
                    ("可持续影响指标", "扶持本土文艺团队个数", "≥{n}个", 3, 15),
                ),
                "观演群众",
                "实现送戏下乡行政村全覆盖，群众基本文化权益得到保障",
                "{y}年完成送戏下乡{n}场，覆盖全部行政村",
            ),
        ),
    ),
    Department(
        "城市管理局",
        "负责{scope}市容环境卫生、市政设施维护、园林绿化和城市管理综合执法工作",
        (
            "负责{scope}城区道路清扫保洁和生活垃圾收运处置",
            "负责{scope}市政道路、路灯和排水设施维护",
            "负责{scope}城区园林绿化养护管理",
        ),
        (
            Project(
                "城区环境卫生保洁",
                ("保洁服务政府采购", "道路清扫保洁", "生活垃圾收集清运", "保洁质量考核"),
                (
                    ("数量指标", "城区道路清扫保洁面积", "≥{n}万平方米", 80, 400),
                    ("数量指标", "日均清运生活垃圾量", "{n}吨", 80, 400),
                    ("质量指标", "道路保洁考核达标率", "≥{n}%", 90, 98),
                    ("时效指标", "生活垃圾日产日清率", "100%", 0, 0),
                    ("生态效益指标", "生活垃圾无害化处理率", "100%", 0, 0),
                    ("社会效益指标", "环卫投诉按期办结率", "≥{n}%", 95, 99),
                ),
                "城区居民",
                "建立市场化环卫作业体系，城区环境卫生达到国家卫生城市标准",
                "{y}年城区道路机械化清扫率达到{n}%，生活垃圾日产日清",
            ),
            Project(
                "市政路灯维护",
                ("路灯设施巡查", "故障维修和灯具更换", "LED节能改造", "维护质量考核"),
                (
                    ("数量指标", "维护路灯盏数", "≥{n}盏", 3000, 20000),
                    ("数量指标", "LED节能改造盏数", "{n}盏", 300, 3000),
                    ("质量指标", "路灯亮灯率", "≥{n}%", 95, 99),
                    ("时效指标", "路灯故障修复时限", "≤{n}小时", 24, 72),
                    ("经济效益指标", "年节约电费", "≥{n}万元", 10, 80),
                    ("生态效益指标", "年节约用电量", "≥{n}万千瓦时", 20, 150),
                ),
                "城区居民",
                "城区主次干道路灯亮灯率稳定在98%以上，路灯全部完成节能改造",
                "{y}年完成LED节能改造{n}盏，主次干道亮灯率不低于98%",
            ),
        ),
    ),
    Department(
        "人力资源和社会保障局",
        "负责{scope}就业创业、社会保险、人事人才和劳动关系工作",
        (
            "负责{scope}就业创业政策落实和职业技能培训",
            "负责{scope}城乡居民基本养老保险经办",
            "负责{scope}劳动保障监察和欠薪治理",
        ),
        (
            Project(
                "职业技能提升培训",
                ("培训机构遴选", "开展技能培训", "职业技能鉴定", "补贴审核拨付"),
                (
                    ("数量指标", "开展职业技能培训人次", "≥{n}人次", 1000, 8000),
                    ("数量指标", "培训后取得职业资格证书人数", "≥{n}人", 500, 4000),
                    ("质量指标", "培训合格率", "≥{n}%", 85, 95),
                    ("时效指标", "培训补贴审核拨付时限", "≤{n}个工作日", 10, 30),
                    ("社会效益指标", "培训后就业率", "≥{n}%", 60, 85),
                    ("可持续影响指标", "定点培训机构个数", "{n}家", 5, 20),
                ),
                "参训学员",
                "建立覆盖城乡劳动者的终身职业技能培训制度，技能人才占就业人员比例逐年提高",
                "{y}年开展职业技能培训{n}人次，培训后就业率达到70%",
            ),
            Project(
                "根治欠薪专项整治",
                ("在建工程项目排查", "劳动保障监察执法", "欠薪案件查处", "工资保证金收缴和监管"),
                (
                    ("数量指标", "检查在建工程项目个数", "≥{n}个", 50, 300),
                    ("数量指标", "为劳动者追讨工资人数", "≥{n}人", 200, 2000),
                    ("质量指标", "欠薪案件结案率", "≥{n}%", 95, 99),
                    ("时效指标", "欠薪投诉受理时限", "≤{n}个工作日", 3, 7),
                    ("社会效益指标", "因欠薪引发群体性事件", "0起", 0, 0),
                    ("可持续影响指标", "在建项目实名制管理覆盖率", "≥{n}%", 90, 99),
                ),
                "务工人员",
                "全面建立工资支付保障长效机制，基本实现无拖欠",
                "{y}年检查在建工程项目{n}个，欠薪案件结案率不低于95%",
            ),
        ),
    ),
    Department(
        "应急管理局",
        "负责{scope}应急管理、安全生产监管、防灾减灾救灾和应急救援体系建设工作",
        (
            "组织编制{scope}应急预案并开展演练",
            "负责{scope}安全生产综合监督管理",
            "负责{scope}自然灾害救助和应急物资储备",
        ),
        (
            Project(
                "应急救灾物资储备",
                ("储备品种和数量论证", "物资政府采购", "物资入库和轮换", "储备库日常管理"),
                (
                    ("数量指标", "储备帐篷顶数", "≥{n}顶", 100, 600),
                    ("数量指标", "储备棉被床数", "≥{n}床", 500, 3000),
                    ("质量指标", "储备物资验收合格率", "100%", 0, 0),
                    ("时效指标", "灾后物资调拨到位时间", "≤{n}小时", 8, 24),
                    ("社会效益指标", "可保障紧急转移安置人数", "≥{n}人", 2000, 10000),
                    ("可持续影响指标", "物资轮换周期", "≤{n}年", 3, 5),
                ),
                "受灾群众",
                "建成{scope}应急物资储备体系，灾后12小时内受灾群众基本生活得到初步救助",
                "{y}年补充储备帐篷{n}顶，储备物资验收合格率100%",
            ),
            Project(
                "安全生产执法检查",
                ("制定年度执法计划", "重点行业领域执法检查", "隐患整改督办", "执法案卷评查"),
                (
                    ("数量指标", "执法检查企业家次", "≥{n}家次", 200, 1200),
                    ("数量指标", "督促整改隐患条数", "≥{n}条", 500, 3000),
                    ("质量指标", "重大隐患整改率", "100%", 0, 0),
                    ("时效指标", "一般隐患整改期限", "≤{n}天", 15, 30),
                    ("社会效益指标", "生产安全事故死亡人数下降率", "≥{n}%", 5, 20),
                    ("可持续影响指标", "企业安全生产标准化达标率", "≥{n}%", 60, 90),
                ),
                "企业",
                "安全生产形势持续稳定好转，坚决遏制重特大生产安全事故",
                "{y}年执法检查企业{n}家次，重大隐患整改率100%",
            ),
        ),
    ),
)

BASIS = (
    "《{city}{place}{y1}年国民经济和社会发展计划》",
    "{place}人民政府常务会议纪要{y1}年第{n}号",
    "《关于做好{y}年度{topic}工作的通知》（{short}政办发〔{y1}〕{n}号）",
    "《{city}{topic}实施方案》（{short}发〔{y2p}〕{n}号）",
)
SAFEGUARDS = (
    "成立项目工作专班，明确责任人，按《政府采购法》组织采购，每季度通报进度。",
    "建立项目资金专账管理制度，严格按进度拨付资金，接受财政和审计监督。",
    "制定项目实施方案和考核办法，实行月调度、季通报，年底开展绩效自评。",
    "落实单位主要负责人负总责、分管领导具体抓的责任机制，专款专用，专账核算。",
)
#: measures many forms add to their own (二级, 指标内容, value pattern, low, high)
GENERIC_INDICATORS = (
    ("质量指标", "资金使用合规率", "100%", 0, 0),
    ("质量指标", "政府采购执行率", "100%", 0, 0),
    ("时效指标", "资金拨付及时率", "≥{n}%", 95, 99),
    ("时效指标", "项目完成时间", "{y}年12月底前", 0, 0),
    ("社会效益指标", "政策知晓率", "≥{n}%", 80, 95),
    ("可持续影响指标", "项目档案资料完整率", "100%", 0, 0),
)
TASK_DETAILS = (
    "严格执行政府采购程序",
    "按季度向主管部门报送进度",
    "由项目实施单位具体组织",
    "完成后及时组织验收并建档",
    "实行周调度、月通报",
    "接受财政和审计部门监督",
)
LONG_TAILS = (
    "项目管理制度健全，资金使用规范，年度绩效自评结果为优",
    "形成可复制、可推广的经验做法，服务对象满意度保持在90%以上",
    "建立项目建设、管理、运行全过程绩效管理机制，确保财政资金使用效益",
)
UNMEASURABLE = ("提高办事效率", "效果明显", "进一步提升", "明显改善", "群众受益", "及时完成", "有效保障")
VAGUE_SATISFACTION = ("较满意", "基本满意", "满意", "群众满意度高")
LOW_SATISFACTION = ("≥80%", "75%以上", "不低于70%", "≥60%")
SATISFACTION_VALUES = ("≥90%", "90%以上", "≥85%", "不低于90%", "≥95%", "95%以上")
ATTR_SPECIAL = ("延续专项√□        新增专项□", "延续专项□        新增专项√□", "新增专项□  延续专项√□")
ATTR_PROJECT = ("新增项目□  延续项目√□", "新增项目√□  延续项目□", "延续项目√□        新增项目□")
ATTR_PROJECT_UTF8 = ("新增项目□  延续项目☑", "新增项目☑  延续项目□")

REVIEW_BLOCK = (
    "\t财政部门审核意见\n\t业务科室\n\t年   月   日 \n（盖章）{pad}\n\n"
    "\t\n\t{budget}\n\t{pad2}年   月   日\n\n（盖章）\n\n"
    "\t\n\t{perf}\n\t 年   月   日\n\n（盖章）\n\n\n"
)


def _money(rng: random.Random, low: float, high: float, places: int | None = None) -> Decimal:
    places = rng.choice((0, 0, 1, 1, 2)) if places is None else places
    value = Decimal(str(round(rng.uniform(low, high), places)))
    return value.quantize(Decimal(1).scaleb(-places)) if places else Decimal(int(value))


def _fmt(amount: Decimal) -> str:
    text = format(amount, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _fmt_opt(amount: Decimal | None) -> str:
    return "" if amount is None else _fmt(amount)


def _split(rng: random.Random, total: Decimal, parts: int) -> list[Decimal]:
    """``parts`` non-negative amounts adding up to ``total`` exactly (to 0.01)."""
    cents = int(total * 100)
    cuts = sorted(rng.randint(0, cents) for _ in range(parts - 1))
    bounds = [0, *cuts, cents]
    return [Decimal(bounds[i + 1] - bounds[i]) / 100 for i in range(parts)]


@dataclass
class Unit:
    city: str
    place: str  # 青溪区
    level: str  # 区 | 县
    dept: Department
    dept_name: str  # 青溪区农业农村局
    short: str  # 青

    @property
    def scope(self) -> str:
        return "全" + self.level

    @property
    def other_scope(self) -> str:
        return "全县" if self.level == "区" else "全区"


@dataclass
class FormPlan:
    form_type: str  # 专项资金 | 项目支出 | 部门整体支出
    defects: list[str] = field(default_factory=list)
    name: str = ""


def _person(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def _phone(rng: random.Random) -> str:
    return f"0{rng.choice((731, 734, 736, 737, 739, 743, 745))}-{rng.randint(2200, 8899)}{rng.randint(1000, 9999)}"


def _unit(rng: random.Random) -> Unit:
    first, second = rng.choice(PLACE_FIRST), rng.choice(PLACE_SECOND)
    if first == second:
        second = "阳"
    level = "区" if rng.random() < 0.45 else "县"
    dept = rng.choice(DEPARTMENTS)
    place = first + second + level
    return Unit(rng.choice(CITIES), place, level, dept, place + dept.suffix, first)


class _DateStyle:
    """One way of writing schedule dates, kept for a whole form."""

    def __init__(self, rng: random.Random) -> None:
        self.kind = rng.choice(("dot", "dot", "month", "iso", "day"))

    def start(self, y: int, m: int) -> str:
        return {"dot": f"{y}.{m}", "month": f"{y}年{m}月", "iso": f"{y}-{m:02d}-01", "day": f"{y}年{m}月1日"}[self.kind]

    def end(self, y: int, m: int) -> str:
        last = (31, 29 if y % 4 == 0 else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)[m - 1]
        return {
            "dot": f"{y}.{m}",
            "month": f"{y}年{m}月",
            "iso": f"{y}-{m:02d}-{last:02d}",
            "day": f"{y}年{m}月{last}日",
        }[self.kind]


def _fill(pattern: str, rng: random.Random, low: int, high: int, year: int) -> str:
    return pattern.format(n=rng.randint(low, high) if high else 0, y=year)


def _double_char(rng: random.Random, text: str) -> str | None:
    """``text`` with one character of a common word doubled (建设 → 建建设), or None."""
    for word in rng.sample(("建设", "管理", "服务", "提高", "保障", "实施", "推进", "完善"), 8):
        i = text.find(word)
        if i >= 0:
            return text[:i] + word[0] + text[i:]
    return None


class FormWriter:
    """Writes one form as tabbed Word-export text."""

    def __init__(self, rng: random.Random, unit: Unit, year: int, gbk: bool) -> None:
        self.rng = rng
        self.unit = unit
        self.year = year
        self.gbk = gbk
        self.preparer: tuple[str, str, str, bool] | None = None

    # -- pieces ----------------------------------------------------------------
    def _title(self, title: str) -> str:
        rng = self.rng
        indent = rng.choice(("", "", "            "))
        year = rng.choice((f"（  {self.year}年度）", f"（{self.year}年度）", f"({self.year}年度)"))
        head = f"{indent}{title}\n{indent}{year}\n"
        if rng.random() < 0.5:
            head += "填报单位（盖章）\n"
        else:
            head += f"填报单位（盖章）：{self.unit.dept_name}\n"
        return head

    def _review_head(self, filled: bool, opinion_year: int) -> str:
        if filled:
            m, d = self.rng.randint(10, 12), self.rng.randint(1, 28)
            return (
                f"\t主管部门审核意见\n\t{self.rng.choice(('同意申报。', '经审核，同意报送。'))}\n"
                f"{opinion_year}年{m}月{d}日\n（盖章）\n\n"
            )
        return "\t主管部门审核意见\n\t年   月   日 \n（盖章）  \n\n"

    def _reviews(self, plan: FormPlan, dup_label: bool) -> str:
        text = self._review_head(self.rng.random() < 0.55, self.year - 1)
        budget, perf = "预算科", "绩效评价科"
        if dup_label:
            if self.rng.random() < 0.5:
                budget = "预预算科"
            else:
                perf = "绩绩效评价科"
        pad, pad2 = " " * self.rng.choice((0, 55)), " " * self.rng.choice((12, 80))  # Word's right-aligned cells
        return text + REVIEW_BLOCK.format(budget=budget, perf=perf, pad=pad, pad2=pad2)

    def footer(self) -> str:
        """The preparer block; one person files the whole submission."""
        rng = self.rng
        if self.preparer is None:
            y, m = self.year - 1, rng.randint(9, 12)
            date = rng.choice(
                (f"{y}.{m}", f"{y}年{m}月{rng.randint(1, 28)}日", f"{y}-{m:02d}-{rng.randint(1, 28):02d}")
            )
            self.preparer = (_person(rng), _phone(rng), date, rng.random() < 0.5)
        name, phone, date, stacked = self.preparer
        if stacked:
            return f"填报人：{name}\n         联系电话：{phone}\n                         填报日期：{date}\n\n"
        return f"填报人：{name}                    联系电话：{phone}                     填报日期：{date}\n\n"

    def _basis(self) -> str:
        rng, u = self.rng, self.unit
        return rng.choice(BASIS).format(
            city=u.city,
            place=u.place,
            y=self.year,
            y1=self.year - 1,
            y2p=self.year - rng.randint(1, 3),
            n=rng.randint(2, 45),
            topic=u.dept.projects[0].name,
            short=u.short,
        )

    # -- 项目支出 / 专项资金 ---------------------------------------------------
    def project_form(self, plan: FormPlan, project: Project, total: Decimal) -> str:
        rng, u, y = self.rng, self.unit, self.year
        special = plan.form_type == "专项资金"
        word = "专项" if special else "项目"
        defects = set(plan.defects)
        scope = u.scope
        if "other-county" in defects:
            scope = u.other_scope
        name = plan.name
        out = [self._title("专项资金绩效目标申报表" if special else "项目支出绩效目标申报表")]
        out.append(f"\t{word}名称\n\t{name}　\n")
        if special:
            attr = rng.choice(ATTR_SPECIAL)
        else:
            attr = rng.choice(ATTR_PROJECT if self.gbk or rng.random() < 0.5 else ATTR_PROJECT_UTF8)
        out.append(f"\t{word}属性\n\t{attr}    \n\n")
        dept_label = "主管部门" if special and rng.random() < 0.5 else "部门名称"
        out.append(f"\t{dept_label}\n\t　{u.dept_name}　\n")
        out.append(f"\t资金总额（万元）\n\t　{_fmt(total)}\n\n")
        # a breakdown by source on some forms (always when the parts are to be wrong)
        if "budget-mismatch" in defects or rng.random() < 0.4:
            parts = _split(rng, total, 2)
            if "budget-mismatch" in defects:
                parts[1] += _money(rng, 1, max(2, float(total) / 5), 1)
            labels = ("其中：财政拨款", rng.choice(("自筹资金", "上级补助", "其他资金")))
            for label, amount in zip(labels, parts):
                out.append(f"\t{label}\n\t{_fmt(amount)}\n\n")
        functions = u.dept.functions.format(scope=scope)
        if rng.random() < 0.7:
            duties = "；".join(d.format(scope=scope) for d in u.dept.duties)
            functions += f"。主要职责：{duties}。"
        out.append(f"\t部门相应职能职责概述\n\t{functions}\n\n")
        out.append(f"\t{word}立项\n依据\n\t{self._basis()}\n\n")
        # schedule
        out.append(f"\t{word}实施进度计划\n\t{word}实施内容\n\t计划开始时间\n\t计划完成时间\n\n")
        style = _DateStyle(rng)
        tasks = list(project.tasks[: rng.randint(1, len(project.tasks))])
        bounds = sorted(rng.sample(range(2, 12), len(tasks) - 1)) if len(tasks) > 1 else []
        starts = [1, *[b + 1 for b in bounds]]
        ends = [*bounds, 12]
        if len(tasks) == 1:
            starts, ends = [rng.choice((1, 1, 2, 3))], [rng.choice((12, 12, 11, 10))]
        bad_row = rng.randrange(len(tasks)) if "date-out-of-year" in defects else -1
        for i, task in enumerate(tasks):
            if rng.random() < 0.5:
                task += "，" + rng.choice(TASK_DETAILS)
            sy, ey, em = y, y, ends[i]
            start, end = style.start(sy, starts[i]), style.end(ey, em)
            if i == bad_row:
                if rng.random() < 0.5:
                    end = style.end(y + 1, rng.randint(1, 6))
                else:
                    start = style.start(y - 1, rng.randint(9, 12))
            if len(tasks) == 1 and rng.random() < 0.5:
                out.append(f"\t\n\t{task}\n\t　{start}\n　\n\t{end}　\n　\n\n")
            else:
                out.append(f"\t\n\t{task}\n\t{start}\n\t{end}\n\n")
        n_goal = rng.randint(10, 500)
        long_goal = project.long_goal.format(
            scope=scope,
            lvl=u.level if "other-county" not in defects else ("县" if u.level == "区" else "区"),
            y2=y + rng.randint(2, 4),
            n=n_goal,
            y=y,
        )
        annual = project.annual_goal.format(y=y, n=n_goal)
        dup_in_label = False
        if "duplicated-char" in defects:
            doubled = None if rng.random() < 0.5 else _double_char(rng, annual)
            if doubled is not None:
                annual = doubled
            else:
                dup_in_label = True  # 预预算科, as the seed prints it
        if rng.random() < 0.6:
            long_goal += "；" + rng.choice(LONG_TAILS)
        out.append(f"\t{word}长期绩效目标\n\t{long_goal}\n\n")
        out.append(f"\t{word}年度绩效目标\n\t{annual}\n\n")
        out.append(self._indicator_table(plan, project, total, word, defects))
        out.append(f"\t{word}实施\n保障措施\n\t{''.join(rng.sample(SAFEGUARDS, rng.randint(1, 3)))}\n\n")
        out.append(self._reviews(plan, dup_in_label))
        return "".join(out)

    def _indicator_table(self, plan: FormPlan, project: Project, total: Decimal, word: str, defects: set[str]) -> str:
        rng, y = self.rng, self.year
        rows: list[tuple[str, str, str, str]] = []  # level2, content, value, note
        for level2, content, pattern, low, high in project.indicators:
            rows.append((level2, content, _fill(pattern, rng, low, high, y), ""))
        for level2, content, pattern, low, high in rng.sample(GENERIC_INDICATORS, rng.randint(1, 3)):
            if all(r[1] != content for r in rows):
                rows.append((level2, content, _fill(pattern, rng, low, high, y), ""))
        if not any(r[0] == "社会效益指标" for r in rows):
            rows.append(("社会效益指标", f"受益{project.subject}人数", f"≥{rng.randint(500, 20000)}人", ""))
        cost = _money(rng, float(total) * 0.6, float(total), rng.choice((0, 1)))
        rows.append(
            (
                "成本指标",
                "项目总成本" if word == "项目" else "专项资金支出总额",
                f"≤{_fmt(cost)}万元",
                rng.choice(("", "", "按预算控制")),
            )
        )
        order = [
            "数量指标",
            "质量指标",
            "时效指标",
            "成本指标",
            "经济效益指标",
            "社会效益指标",
            "生态效益指标",
            "可持续影响指标",
        ]
        present = {r[0] for r in rows}
        for cat in order[4:]:
            if cat not in present:
                rows.append(
                    (cat, "/", "/", rng.choice(("", "本项目不涉及", "项目不直接产生此类效益", "本专项不涉及此类效益")))
                )
        rows.sort(key=lambda r: order.index(r[0]))
        required = [i for i, r in enumerate(rows) if r[0] in ("数量指标", "质量指标", "时效指标")]
        measurable = [i for i in required if any(ch.isdigit() for ch in rows[i][2])]
        if "value-slash" in defects:
            i = rng.choice(required)
            rows[i] = (rows[i][0], rows[i][1], "/", rows[i][3])
            required.remove(i)
            measurable = [j for j in measurable if j != i]
        if "value-blank" in defects:
            i = rng.choice(required)
            rows[i] = (rows[i][0], rows[i][1], "", rows[i][3])
            required.remove(i)
            measurable = [j for j in measurable if j != i]
        if "unmeasurable" in defects:
            i = rng.choice(measurable or required)
            rows[i] = (rows[i][0], rows[i][1], rng.choice(UNMEASURABLE), rows[i][3])
        subject = project.subject
        sat_value = rng.choice(SATISFACTION_VALUES)
        if "satisfaction-vague" in defects:
            sat_value = rng.choice(VAGUE_SATISFACTION)
        elif "satisfaction-low" in defects:
            sat_value = rng.choice(LOW_SATISFACTION)
        three_level = word == "项目" and rng.random() < 0.4
        head = "三级指标" if three_level else "指标内容"
        out = [f"\t{word}年度绩效指标\n\t一级指标\n\t二级指标\n\t{head}\n\t指标值\n\t备注\n\n"]
        last1 = last2 = None
        for level2, content, value, note in rows:
            level1 = "产出指标" if level2 in ("数量指标", "质量指标", "时效指标", "成本指标") else "效益指标"
            c1 = level1 if level1 != last1 else ""
            c2 = level2 if (level2 != last2 or c1) else ""
            last1, last2 = level1, level2
            out.append(
                f"\t\n\t{c1}\n\t{c2}\n\t{content}\n\t{value}\n\t{note}\n\n"
                if c1
                else f"\t\n\t\n\t{c2}\n\t{content}\n\t{value}\n\t{note}\n\n"
            )
        if rng.random() < 0.5:
            out.append(f"\t\n\t\n\t社会公众或服务对象满意度指标\n\t{subject}满意度\n\t{sat_value}\n\t　\n\n")
        else:
            out.append(f"\t\n\t满意度指标\n\t服务对象满意度指标\n\t{subject}满意度\n\t{sat_value}\n\t抽样问卷调查\n\n")
        return "".join(out)

    # -- 部门整体支出 -------------------------------------------------------------
    def department_form(self, plan: FormPlan, projects_sum: Decimal) -> str:
        """The 部门整体支出 form; its 项目支出 covers the file's project forms (``projects_sum``)."""
        rng, u, y = self.rng, self.unit, self.year
        defects = set(plan.defects)
        scope = u.other_scope if "other-county" in defects else u.scope
        out = [self._title("部门整体支出绩效目标申报表"), "\n\n"]
        out.append(f"\t部门名称\n\t{u.dept_name}\n\n")
        project = projects_sum + _money(rng, 20, 900, 1)
        basic = _money(rng, 150, 3000, rng.choice((1, 2)))
        total = basic + project
        if rng.random() < 0.4:
            public, fund, nontax, other = _split(rng, total, 4)
        else:
            public, fund, nontax, other = total, None, None, None
        income_total, expenditure_total = total, total
        if "budget-mismatch" in defects:
            delta = _money(rng, 1, max(2, float(total) / 10), 1)
            which = rng.choice(("basic", "public", "expenditure_total"))
            if which == "basic":
                basic += delta
            elif which == "public":
                public += delta
            else:
                expenditure_total += delta
        blank_total = rng.random() < 0.05
        out.append("\t年度预算申请\n（万元）\n\t资金总额：" + ("" if blank_total else _fmt(total)) + "\n\n")
        out.append(f"\t\n\t按收入性质分：{_fmt(income_total)}\n\t按支出性质分：{_fmt(expenditure_total)}\n\n")
        out.append(f"\t\n\t其中：       公共财政拨款：{_fmt(public)}\n\t其中： 基本支出：{_fmt(basic)}\n\n")
        out.append(f"\t\n\t            政府性基金拨款：{_fmt_opt(fund)}\n\t       项目支出：{_fmt(project)}\n\n")
        out.append(f"\t\n\t纳入专户管理的非税收入拨款：{_fmt_opt(nontax)}\n\t       \n\n")
        out.append(f"\t\n\t                  其他资金：{_fmt_opt(other)}\n\t\n\n")
        duties = "；".join(f"{i}、{d.format(scope=scope)}" for i, d in enumerate(u.dept.duties, 1))
        out.append(f"\t部门职能职责概述\n\t{u.dept.functions.format(scope=scope)}。主要职责：{duties}。\n\n")
        goal = rng.choice(
            (
                "{y}年全面完成{n}项年度重点工作任务，部门整体支出预算执行率达到95%以上",
                "{y}年完成{n}项重点民生任务，部门预算执行率不低于95%，“三公”经费只减不增",
            )
        )
        out.append(f"\t整体绩效目标\n\t{goal.format(y=y, n=rng.randint(6, 20))}\n\n")
        # department-wide targets: the projects' measures with their own (random) levels
        rows: list[tuple[str, str, str, str]] = []
        for p in u.dept.projects:
            for level2, content, pattern, low, high in p.indicators:
                if high:
                    rows.append((level2, content, _fill(pattern, rng, low, high, y), ""))
        rows.append(("时效指标", "预算资金支付完成时间", f"{y}年12月31日前", ""))
        rows.append(("质量指标", "部门预算执行率", "≥95%", ""))
        rows.append(("成本指标", "“三公”经费支出", f"≤{rng.randint(5, 60)}万元", "控制在预算内"))
        order = [
            "数量指标",
            "质量指标",
            "时效指标",
            "成本指标",
            "经济效益指标",
            "社会效益指标",
            "生态效益指标",
            "可持续影响指标",
        ]
        rows.sort(key=lambda r: order.index(r[0]))
        if "value-slash" in defects or "value-blank" in defects or "unmeasurable" in defects:
            required = [i for i, r in enumerate(rows) if r[0] in ("数量指标", "质量指标")]
            picks = rng.sample(required, 3)
            if "value-slash" in defects:
                i = picks[0]
                rows[i] = (rows[i][0], rows[i][1], "/", "")
            if "value-blank" in defects:
                i = picks[1]
                rows[i] = (rows[i][0], rows[i][1], "", "")
            if "unmeasurable" in defects:
                i = picks[2]
                rows[i] = (rows[i][0], rows[i][1], rng.choice(UNMEASURABLE), "")
        sat = rng.choice(SATISFACTION_VALUES)
        if "satisfaction-vague" in defects:
            sat = rng.choice(VAGUE_SATISFACTION)
        elif "satisfaction-low" in defects:
            sat = rng.choice(LOW_SATISFACTION)
        out.append("\t部门整体支出\n年度绩效指标\n\t一级指标\n\t二级指标\n\t指标内容\n\t指标值\n\t备注\n\n")
        last1 = last2 = None
        for level2, content, value, note in rows:
            level1 = "产出指标" if level2 in ("数量指标", "质量指标", "时效指标", "成本指标") else "效益指标"
            c1 = level1 if level1 != last1 else ""
            c2 = level2 if (level2 != last2 or c1) else ""
            last1, last2 = level1, level2
            out.append(f"\t\n\t{c1}\n\t{c2}\n\t{content}\n\t{value}\n\t{note}\n\n")
        subject = rng.choice(("服务对象", "办事群众", "社会公众"))
        out.append(f"\t\n\t满意度指标\n\t服务对象满意度指标\n\t{subject}满意度\n\t{sat}\n\t　\n\n")
        out.append(self._reviews(plan, "duplicated-char" in defects))
        return "".join(out)


def plan_files(decls: int, seed: int) -> list[int]:
    """How many forms each file holds (1 to 3), adding up to ``decls``."""
    rng = random.Random(f"perflint-bench-plan:{seed}")
    counts: list[int] = []
    left = decls
    while left > 0:
        n = min(left, rng.choices((1, 2, 3), (15, 40, 45))[0])
        counts.append(n)
        left -= n
    return counts


def _defects(rng: random.Random) -> list[str]:
    return [kind for kind, (rate, _) in DEFECTS.items() if rng.random() < rate]


def build_file(seed: int, index: int, forms: int) -> tuple[str, str, str, list[dict]]:
    """The text of file ``index``: (text, encoding, newline, form records)."""
    rng = random.Random(f"perflint-bench:{seed}:{index}")
    gbk = rng.random() < GBK_SHARE
    unit = _unit(rng)
    year = rng.randint(2018, 2025)
    writer = FormWriter(rng, unit, year, gbk)
    # a department's submission: its 专项 or 项目 forms, often followed by its 部门整体 form
    with_department = forms >= 2 and rng.random() < 0.6 or forms == 1 and rng.random() < 0.2
    kind = "专项资金" if rng.random() < 0.6 else "项目支出"
    plans = [FormPlan(kind) for _ in range(forms - (1 if with_department else 0))]
    if with_department:
        plans.append(FormPlan("部门整体支出"))
    projects = list(unit.dept.projects)
    rng.shuffle(projects)
    chunks: list[str] = []
    records: list[dict] = []
    projects_sum = Decimal(0)
    for i, plan in enumerate(plans):
        plan.defects = _defects(rng)
        if plan.form_type == "部门整体支出":
            # a department form has no schedule: nothing to date outside the year
            plan.defects = [d for d in plan.defects if d != "date-out-of-year"]
            plan.name = unit.dept_name
            chunks.append(writer.department_form(plan, projects_sum))
            chunks.append(writer.footer())
        else:
            project = projects[i % len(projects)]
            prefix = rng.choice(("", "", f"{year}年", unit.place))
            plan.name = prefix + project.name
            total = _money(rng, 8, 900)
            projects_sum += total
            chunks.append(writer.project_form(plan, project, total))
            last_project = i == len(plans) - 1 or plans[i + 1].form_type == "部门整体支出"
            if last_project or rng.random() < 0.3:
                chunks.append(writer.footer())
        records.append({"form_type": plan.form_type, "name": plan.name, "defects": plan.defects})
    text = "".join(chunks)
    newline = "\r\n" if gbk else "\n"
    return text, "gbk" if gbk else "utf-8", newline, records


def _write_chunk(args: tuple[str, int, list[tuple[int, int]], bool, bool]) -> list[dict]:
    out, seed, items, with_json, json_source = args
    root = Path(out)
    done = []
    if with_json:
        sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
        from perflint.ingest.files import load_bytes
    for index, forms in items:
        text, encoding, newline, records = build_file(seed, index, forms)
        rel = f"text/d{index:05d}.txt"
        data = text.replace("\n", newline).encode(encoding)
        (root / rel).write_bytes(data)
        entry = {
            "text": rel,
            "encoding": encoding,
            "newline": "crlf" if newline == "\r\n" else "lf",
            "bytes": len(data),
            "forms": records,
        }
        if with_json:
            result = load_bytes(data, rel)
            docs = [d.to_dict(include_source=json_source) for d in result.declarations]
            jrel = f"json/d{index:05d}.json"
            # a JSON list, one declaration a line (the C encoder: indent= would be 4x slower)
            body = ",\n".join(json.dumps(doc, ensure_ascii=False) for doc in docs)
            (root / jrel).write_text(f"[\n{body}\n]\n", "utf-8")
            entry["json"] = jrel
            entry["extracted"] = len(docs)
            entry["problems"] = sorted({p.code for p in result.problems})
        done.append(entry)
    return done


def generate(
    out: str | Path,
    decls: int,
    seed: int = 1,
    *,
    with_json: bool = True,
    json_source: bool = True,
    jobs: int | None = None,
) -> dict:
    """Write ``decls`` declarations under ``out`` (emptied first); returns the manifest."""
    root = Path(out)
    for sub in ("text", "json"):
        if (root / sub).exists():
            shutil.rmtree(root / sub)
    (root / "text").mkdir(parents=True, exist_ok=True)
    if with_json:
        (root / "json").mkdir(parents=True, exist_ok=True)
    counts = plan_files(decls, seed)
    items = list(enumerate(counts))
    jobs = max(1, jobs or os.cpu_count() or 1)
    chunk = max(1, min(200, len(items) // (jobs * 4) or 1))
    tasks = [(str(root), seed, items[i : i + chunk], with_json, json_source) for i in range(0, len(items), chunk)]
    files: list[dict] = []
    if jobs == 1 or len(tasks) == 1:
        for t in tasks:
            files.extend(_write_chunk(t))
    else:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            for part in pool.map(_write_chunk, tasks):
                files.extend(part)
    defect_counts = {kind: 0 for kind in DEFECTS}
    form_counts: dict[str, int] = {}
    for f in files:
        for form in f["forms"]:
            form_counts[form["form_type"]] = form_counts.get(form["form_type"], 0) + 1
            for d in form["defects"]:
                defect_counts[d] += 1
    manifest = {
        "generator": GENERATOR_VERSION,
        "seed": seed,
        "decls": decls,
        "json": with_json,
        "json_source": json_source if with_json else None,
        "files": files,
        "form_counts": form_counts,
        "defect_counts": defect_counts,
        "defect_rules": {kind: list(rules) for kind, (_, rules) in DEFECTS.items()},
        "bytes": {"text": sum(f["bytes"] for f in files)},
        "encodings": {enc: sum(1 for f in files if f["encoding"] == enc) for enc in ("utf-8", "gbk")},
    }
    (root / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", "utf-8")
    return manifest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", help="output directory (its text/ and json/ folders are replaced)")
    parser.add_argument("--decls", type=int, default=10000, help="number of declarations (default 10000)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--no-json", action="store_true", help="write the text files only")
    parser.add_argument(
        "--no-json-source",
        action="store_true",
        help="leave the source map out of the JSON copies (findings then point into them)",
    )
    parser.add_argument("--jobs", type=int, default=None, help="worker processes (default: CPU count)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    manifest = generate(
        args.out, args.decls, args.seed, with_json=not args.no_json, json_source=not args.no_json_source, jobs=args.jobs
    )
    took = time.perf_counter() - started
    files = manifest["files"]
    print(
        f"{args.decls} declarations in {len(files)} files "
        f"({manifest['bytes']['text'] / 1e6:.1f} MB of text; {manifest['encodings']['gbk']} GBK) "
        f"in {took:.1f} s -> {args.out}"
    )
    print("forms:   " + ", ".join(f"{k} {v}" for k, v in sorted(manifest["form_counts"].items())))
    print("defects: " + ", ".join(f"{k} {v}" for k, v in manifest["defect_counts"].items()))
    bad = [f["text"] for f in files if f.get("problems")]
    if bad:
        print(f"warning: {len(bad)} files had input problems, e.g. {bad[:3]}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
