"""PDF evidence: the case study of a submission's cases and its intellectual property list."""

from __future__ import annotations

import random
from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from expertscore.demo.pdf_common import build_pdf, grid, para
from expertscore.demo.submissions import DemoSubmission
from expertscore.schemes.model import Indicator

PAINS = {
    "设备预测性维护": "关键设备依赖人工巡检和事后维修，非计划停机频繁，备件库存居高不下",
    "能耗管理与碳排放核算": "水电气计量分散、能耗数据靠人工抄表，无法支撑节能改造和碳排放核算",
    "AI视觉质量检测": "外观缺陷依赖人工目检，漏检率高、标准不一，质量问题难以追溯",
    "高级计划排产": "订单品种多、批量小，排产依赖经验，插单频繁导致交期延误",
    "供应链协同": "上下游信息不透明，采购计划与生产计划脱节，库存积压和缺料并存",
    "数字孪生产线": "产线换型调试周期长，新品导入依赖现场试错，工艺知识难以沉淀",
    "安全生产监测预警": "危险源点多面广，监测手段落后，隐患发现和处置不及时",
}

PATENT_TOPICS = (
    ("边缘计算", "设备数据采集方法"),
    ("知识图谱", "设备故障诊断方法"),
    ("深度学习", "产品表面缺陷检测方法"),
    ("数字孪生", "产线虚拟调试系统"),
    ("时序数据库", "工业数据压缩存储方法"),
    ("强化学习", "生产排程优化方法"),
    ("联邦学习", "多工厂质量预测方法"),
    ("多源异构数据", "设备协议自适应解析装置"),
)
SOFTWARE_TOPICS = (
    "设备远程运维",
    "能耗在线监测",
    "生产执行管理",
    "质量追溯",
    "供应链协同",
    "工业数据中台",
    "低代码应用开发",
    "安全态势感知",
)
IP_WORDS = ("专利", "著作权", "软著", "知识成果", "大模型")
MAX_ROWS = 18


def case_pdf(rng: random.Random, sub: DemoSubmission) -> bytes:
    """典型应用案例: background, solution, results with a before/after table, for each case."""
    story: list[Flowable] = [
        para("典型应用案例", "title"),
        para(f"{sub.platform}　{sub.operator}", "subtitle"),
    ]
    for number, case in enumerate(sub.cases, start=1):
        scenario = case.scenario
        workers = rng.randint(3, 40) * 100
        lines = rng.randint(3, 24)
        results = [["指标", "实施前", "实施后"], *[list(row) for row in case.metrics]]
        block: list[Flowable] = [
            para(f"案例{number}：{case.title}", "heading"),
            para("（一）项目背景"),
            para(
                f"{case.customer}是{sub.industry}行业骨干企业，拥有生产线{lines}条、员工约"
                f"{workers}人。企业{PAINS.get(scenario.name, '数字化基础薄弱')}，"
                "亟需借助工业互联网平台提升生产运营水平。",
                "indent",
            ),
            para("（二）解决方案"),
            para(
                f"依托{sub.platform}，{sub.operator}为企业建设{scenario.name}应用。方案通过边缘网关"
                "采集设备和产线数据，在平台上构建分析模型和工业APP，并与企业现有ERP、MES系统集成，"
                "实现数据实时汇聚、分析预警和闭环优化。",
                "indent",
            ),
            para("（三）实施成效"),
            para(f"项目上线运行后，{case.effect}。", "indent"),
            Spacer(1, 2 * mm),
            grid(results, (80, 45, 45), align_right=(1, 2), wrap=(0,)),
            Spacer(1, 2 * mm),
            para("（四）推广价值"),
            para(
                f"该方案已形成标准化产品包，可在{sub.industry}行业同类企业快速复制推广，"
                "平均部署周期约3个月。",
                "indent",
            ),
        ]
        story.append(KeepTogether(block[:6]))
        story.extend(block[6:])
    return build_pdf(story, f"{sub.platform}典型应用案例", f"{sub.id} · {sub.operator}")


def ip_leaves(sub: DemoSubmission) -> list[Indicator]:
    return [
        leaf
        for leaf in sub.leaves
        if leaf.reported
        and leaf.reported.unit == "件"
        and any(word in leaf.name for word in IP_WORDS)
    ]


def _ip_row(rng: random.Random, sub: DemoSubmission, patent: bool) -> list[str]:
    first = date(sub.founded + 1, 1, 1).toordinal()
    day = date.fromordinal(
        rng.randint(min(first, sub.report_date.toordinal()), sub.report_date.toordinal())
    )
    if patent:
        tech, thing = rng.choice(PATENT_TOPICS)
        filed = day.year - rng.randint(1, 2)
        number = f"ZL{filed}1{rng.randint(0, 9_999_999):07d}.{rng.randint(0, 9)}"
        return [f"一种基于{tech}的{thing}", "发明专利", number, day.isoformat()]
    version = f"V{rng.randint(1, 5)}.{rng.randint(0, 9)}"
    number = f"{day.year}SR{rng.randint(0, 9_999_999):07d}"
    name = f"{sub.brand}{rng.choice(SOFTWARE_TOPICS)}系统{version}"
    return [name, "软件著作权", number, day.isoformat()]


def ip_pdf(rng: random.Random, sub: DemoSubmission) -> bytes:
    """知识产权清单: an extract of the patents and software copyrights reported."""
    leaves = ip_leaves(sub)
    totals = [(leaf, int(float(sub.values[leaf.code].value))) for leaf in leaves]
    patents = sum(n for leaf, n in totals if "专利" in leaf.name and "软著" not in leaf.name)
    total = max(sum(n for _, n in totals), 1)
    shown = min(total, MAX_ROWS)
    share = patents / total
    rows = [["序号", "名称", "类别", "专利号/登记号", "授权/登记日期"]]
    drawn = sorted(
        (_ip_row(rng, sub, rng.random() < max(share, 0.25)) for _ in range(shown)),
        key=lambda row: row[3],  # by date
    )
    rows.extend([str(index), *row] for index, row in enumerate(drawn, start=1))
    reported = "；".join(f"{leaf.name}{n}件" for leaf, n in totals)
    story = [
        para("知识产权清单", "title"),
        para(f"权利人：{sub.operator}", "subtitle"),
        para(f"填报情况：{reported}。下表列示其中{shown}项，完整证书扫描件见申报系统。"),
        Spacer(1, 3 * mm),
        grid(rows, (12, 70, 22, 38, 28), wrap=(1,)),
        Spacer(1, 3 * mm),
        para(
            "注：专利信息可在国家知识产权局网站查询，软件著作权可在中国版权保护中心查询。", "note"
        ),
    ]
    return build_pdf(story, f"{sub.operator}知识产权清单", f"{sub.id} · {sub.operator}")
