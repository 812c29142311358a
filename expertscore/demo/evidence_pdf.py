"""PDF evidence: the submission's summary sheet and an audit report extract."""

from __future__ import annotations

import random
from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, PageBreak, Spacer, Table

from expertscore.demo.names import Namer
from expertscore.demo.pdf_common import Seal, build_pdf, count, grid, money, para
from expertscore.demo.submissions import DemoSubmission
from expertscore.demo.value_forms import written_figures
from expertscore.schemes.model import Indicator

TEXT_LIMIT = 42  # characters of a text answer shown in the summary table
FINANCE_WORDS = ("收入", "营收", "利润", "盈利")
RATIO_WORDS = ("负债率", "研发投入")


def shown_value(leaf: Indicator, value: str) -> str:
    unit = leaf.reported.unit if leaf.reported else "text"
    if unit == "yes/no":
        return "是" if value == "yes" else "否"
    if unit == "text":
        return value if len(value) <= TEXT_LIMIT else value[: TEXT_LIMIT - 1] + "…"
    if unit == "万元":
        return money(value)
    if unit == "%":
        return value
    return count(value)


def _date_text(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _sign_block(lines: list[str], seal_name: str) -> KeepTogether:
    """Right-aligned lines (who signs, where, when) beside a seal."""
    block = Table(
        [
            [para(line, "right"), Seal(seal_name) if index == 0 else ""]
            for index, line in enumerate(lines)
        ],
        colWidths=[120 * mm, 40 * mm],
    )
    block.setStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("SPAN", (1, 0), (1, len(lines) - 1))])
    return KeepTogether([Spacer(1, 6 * mm), block])


def summary_pdf(sub: DemoSubmission, basis: str) -> bytes:
    """申报材料汇总表: who applies and every value reported, with the operator's seal."""
    category = sub.category.name if sub.category else "—"
    info = [
        ["项目", "内容", "项目", "内容"],
        ["申报单位", sub.operator, "统一社会信用代码", sub.credit_code],
        ["所在地区", sub.region.name, "平台类别", category],
        ["主要服务行业", sub.industry, "成立年份", f"{sub.founded}年"],
        ["联系人", f"{sub.contact}（{sub.phone}）", "填报日期", _date_text(sub.report_date)],
    ]
    rows = [["编号", "指标名称", "填报值", "单位", "数据来源"]]
    for leaf in sub.leaves:
        reported = sub.values[leaf.code]
        unit = reported.unit if reported.unit not in ("text", "yes/no") else "—"
        source = leaf.reported.source.value if leaf.reported else ""
        rows.append([leaf.code, leaf.name, shown_value(leaf, reported.value), unit, source])
    story = [
        para(sub.platform, "title"),
        para("工业互联网平台申报材料汇总表", "subtitle"),
        grid(info, (26, 59, 30, 55), wrap=(1, 3)),
        para("一、填报指标汇总", "heading"),
        para(
            f"评估依据：{basis}。数值型指标为申报单位填报值，"
            "文字型指标仅列示摘要，全文见申报系统。",
            "note",
        ),
        Spacer(1, 2 * mm),
        grid(rows, (15, 46, 73, 15, 21), align_right=(2,), wrap=(1, 2)),
        para("二、申报单位承诺", "heading"),
        para(
            "本单位承诺所填报数据和提交的证明材料真实、准确、完整，平台监测数据接口持续可用；"
            "如有虚假，愿承担由此产生的一切责任。",
            "indent",
        ),
        _sign_block(
            [f"申报单位（盖章）：{sub.operator}", _date_text(sub.report_date)], sub.operator
        ),
    ]
    return build_pdf(story, f"{sub.platform}申报材料汇总表", f"{sub.id} · {sub.operator}")


def audit_leaves(sub: DemoSubmission) -> list[Indicator]:
    """The reported figures an audit report supports."""
    found = []
    for leaf in sub.leaves:
        unit = leaf.reported.unit if leaf.reported else ""
        if (unit == "万元" and any(w in leaf.name for w in FINANCE_WORDS)) or (
            unit == "%" and any(w in leaf.name for w in RATIO_WORDS)
        ):
            found.append(leaf)
    return found


def _history(rng: random.Random, leaf: Indicator, value: str) -> list[str]:
    """The figure for the two years before, ending with the reported value."""
    current = float(value)
    if leaf.reported and leaf.reported.unit == "%":
        older = [min(95.0, max(0.5, current * rng.uniform(0.85, 1.15))) for _ in range(2)]
        return [f"{v:.2f}" for v in older] + [value]
    growth = rng.uniform(1.05, 1.35)
    return [money(f"{current / growth**2:.2f}"), money(f"{current / growth:.2f}"), money(value)]


def audit_pdf(rng: random.Random, namer: Namer, sub: DemoSubmission) -> bytes:
    """审计报告（摘要）by an invented accounting firm, with a table of key figures."""
    # the last audited year: an annual audit is signed in March
    issued = sub.report_date.year if sub.report_date.month >= 4 else sub.report_date.year - 1
    year = issued - 1
    signed = date(issued, 3, rng.randint(10, 28))
    firm = f"{sub.region.prefix}{namer.brand()}会计师事务所（特殊普通合伙）"
    firm_short = firm[len(sub.region.prefix) : len(sub.region.prefix) + 2]
    number = rng.randint(12, 980)
    rows = [["项目", f"{year - 2}年度", f"{year - 1}年度", f"{year}年度"]]
    for leaf in audit_leaves(sub):
        unit = leaf.reported.unit if leaf.reported else ""
        label = f"{leaf.name}（{unit}）"
        rows.append([label, *_history(rng, leaf, sub.values[leaf.code].value)])
    accountants = [namer.person(), namer.person()]
    story = [
        para("审计报告（摘要）", "title"),
        para(f"{firm_short}审字〔{issued}〕第{number:04d}号", "subtitle"),
        para(f"{sub.operator}全体股东："),
        para("一、审计意见", "heading"),
        para(
            f"我们审计了{sub.operator}（以下简称“贵公司”）财务报表，包括{year}年12月31日的"
            f"资产负债表，{year}年度的利润表、现金流量表、所有者权益变动表以及相关财务报表附注。",
            "indent",
        ),
        para(
            "我们认为，后附的财务报表在所有重大方面按照企业会计准则的规定编制，公允反映了贵公司"
            f"{year}年12月31日的财务状况以及{year}年度的经营成果和现金流量。",
            "indent",
        ),
        para("二、形成审计意见的基础", "heading"),
        para(
            "我们按照中国注册会计师审计准则的规定执行了审计工作。按照中国注册会计师职业道德守则，"
            "我们独立于贵公司，并履行了职业道德方面的其他责任。我们相信，我们获取的审计证据是"
            "充分、适当的，为发表审计意见提供了基础。",
            "indent",
        ),
        para("三、主要财务数据", "heading"),
        grid(rows, (62, 36, 36, 36), align_right=(1, 2, 3), wrap=(0,)),
        Spacer(1, 2 * mm),
        para("注：金额单位为万元；平台业务数据依据申报单位提供的合同、发票等资料核对。", "note"),
        Spacer(1, 4 * mm),
        _sign_block(
            [
                firm,
                f"中国注册会计师：{accountants[0]}",
                f"中国注册会计师：{accountants[1]}",
                f"中国·{sub.region.prefix}　{_date_text(signed)}",
            ],
            firm,
        ),
        PageBreak(),
        *_checked_figures(sub),
    ]
    return build_pdf(story, f"{sub.operator}审计报告（摘要）", f"{sub.id} · {firm}")


def _checked_figures(sub: DemoSubmission) -> list:
    """Page 2: every reported figure, written as the operator's own records write it."""
    values = {code: reported.value for code, reported in sub.values.items()}
    lines = [f"{leaf.name}：{form}；" for leaf, form in written_figures(sub.leaves, values)]
    return [
        para("附：申报数据核对情况", "heading"),
        para(
            "我们对申报单位填报的下列数据与其提供的账簿、合同、平台运营台账等原始资料进行了"
            "核对，未发现重大不一致：",
            "indent",
        ),
        *(para(line, "indent") for line in lines),
    ]
