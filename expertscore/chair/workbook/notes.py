"""The results workbook's 分歧, 审计 and 说明 sheets (see ``workbook.py``)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation

from openpyxl.worksheet.worksheet import Worksheet

from expertscore import __version__
from expertscore.chair.cells import BOLD, SheetWriter
from expertscore.chair.override_causes import OverrideCause, cause_zh
from expertscore.chair.workbook.common import (
    AUDIT,
    DIVERGENCE,
    FLAG_LABELS,
    METHOD_LABELS,
    NOTES,
    ROUNDING_LABELS,
    BookData,
    experts_text,
)
from expertscore.schemes.model import Amount, Category, GradeScale, Scheme
from expertscore.schemes.policies import policy_of
from expertscore.schemes.rules import fmt
from expertscore.schemes.table import amount_text
from expertscore.wording import ZH

DIVERGENCE_HEADERS = [
    "类型",
    "编号",
    "平台名称",
    "指标",
    "指标名称",
    "专家",
    "数值",
    "说明",
    "理由",
]
AUDIT_FIELDS = {  # field -> column header
    "kind": "类别",
    "at": "时间",
    "action": "操作",
    "outcome": "结果",
    "who": "专家 / 设定人",
    "submission": "申报编号",
    "indicator": "指标",
    "value": "数值",
    "target": "对象",
    "digest": "文件 SHA-256",
    "key": "载荷 SHA-256 / 密钥指纹",
    "reason": "理由 / 说明",
    "other": "其他",
}
ACTION_LABELS = {
    "merge": "合并结果文件",
    "confirm-key": "确认密钥",
    "override": "组长认定得分",
    "override-cleared": "撤销组长认定",
    "round-2": "第二轮评分",
    "transcription-allowed": "允许录入结果替代本人结果",
    "verified-value": "专家组议定核实值",
}
OUTCOME_LABELS = {"accepted": "接收", "replaced": "替换", "unchanged": "未变", "refused": "拒收"}
AUDIT_KEYS = {  # audit-log key -> field
    "at": "at",
    "outcome": "outcome",
    "expert": "who",
    "experts": "who",
    "submission": "submission",
    "indicator": "indicator",
    "points": "value",
    "value": "value",
    "decided_by": "who",
    "sequence": "value",
    "file": "target",
    "digest": "digest",
    "fingerprint": "key",
    "reason": "reason",
}


# -- 分歧 ----------------------------------------------------------------------------------


def _flag_reason(data: BookData, sid: str, code: str, flag: str) -> str:
    item = data.result.submissions[sid].indicators[code]
    policy = data.scheme.aggregation
    leaf = data.scheme.find(code)
    if flag == "spread":
        limit = (leaf.spread_threshold if leaf else None) or policy.spread_threshold
        return f"极差 {fmt(item.spread)} 超过满分 {fmt(item.maximum)} 的 {fmt(limit)}%"
    if flag == "reverify":
        verified = {s.expert: s.verified[code] for s in data.sheets_of(sid) if code in s.verified}
        shown = "，".join(f"{e} {v}" for e, v in verified.items())
        return "客观指标，专家评分或核实值不一致" + (f"（核实值：{shown}）" if shown else "")
    if flag == "too_few_experts":
        return f"{len(item.scores)} 位专家评分，少于 {policy.min_experts} 位"
    if flag == "no scores":
        return "没有专家为该指标评分"
    return flag


def _divergence_rows(data: BookData, sid: str) -> Iterator[list[object]]:
    res = data.result.submissions[sid]
    platform = data.platform(sid)
    for code, item in res.indicators.items():
        name = data.indicator_name(code)
        for flag in item.flags:
            label = FLAG_LABELS.get(flag, flag)
            value = item.spread if flag == "spread" else None
            reason = _flag_reason(data, sid, code, flag)
            yield [label, sid, platform, code, name, experts_text(item.scores), value, reason, ""]
    if res.expert_totals:
        mean = sum(res.expert_totals.values(), Decimal(0)) / len(res.expert_totals)
        limit = data.scheme.aggregation.deviation_limit
        for expert, deviation in res.explanations_needed.items():
            total = res.expert_totals[expert]
            reason = (
                f"总分 {fmt(total)} 偏离专家平均总分 {fmt(mean.quantize(Decimal('0.01')))}"
                f" {fmt(deviation)}%，超过 {fmt(limit)}%，请该专家说明"
            )
            text = data.notes.explanations.get((sid, expert))
            answer = f"书面说明：{text}" if text is not None else "未收到书面说明"
            if text is not None and (sid, expert) in data.notes.stale_explanations:
                answer += "（针对其他评审结果，已过期）"
            yield ["需说明", sid, platform, "", "", expert, deviation, reason, answer]
    for (osid, code), override in sorted(data.decisions.overrides.items()):
        if osid != sid:
            continue
        corrected = res.indicators.get(code)
        computed = (
            data.shown_score(corrected.exact)
            if corrected is not None and corrected.exact is not None
            else None
        )
        before = f"修正前 {fmt(computed)}" if computed is not None else "修正前：无计算值"
        reason = f"修正原因：{cause_zh(override.cause)}；{before}"
        experts = experts_text(corrected.scores) if corrected is not None else ""
        name = data.indicator_name(code)
        yield [
            "结果修正",
            sid,
            platform,
            code,
            name,
            experts,
            override.points,
            reason,
            override.reason,
        ]
    for (vsid, code), agreed in sorted(data.decisions.verified_values.items()):
        if vsid == sid:
            verified = res.indicators.get(code)
            experts = experts_text(verified.scores) if verified is not None else ""
            said = f"专家组议定核实值：{agreed.value}（记录人 {agreed.decided_by}）"
            said += "，需复核提示已解决"
            name = data.indicator_name(code)
            yield ["核实值议定", sid, platform, code, name, experts, None, said, agreed.reason]
    for (rsid, code), request in sorted(data.decisions.rounds.items()):
        if rsid == sid:
            experts = "，".join(request.experts)
            name = data.indicator_name(code)
            yield ["第二轮评分", sid, platform, code, name, experts, None, "", request.reason]
    for line in res.fragile:
        yield ["稳健性", sid, platform, "", "", "", None, data.fragile_text(res, line), ""]


def divergence_sheet(sheet: Worksheet, data: BookData) -> None:
    sheet.title = DIVERGENCE
    writer = SheetWriter(sheet)
    writer.header(DIVERGENCE_HEADERS)
    for sid in data.batch_order():
        for values in _divergence_rows(data, sid):
            row = writer.append(values)
            value = values[6]  # the spread, deviation or agreed points: a number or nothing
            if isinstance(value, Decimal | int):
                writer.number(row, 7, value, data.decimals)
    for gap in data.gaps:
        platform = data.platform(gap.submission) if gap.submission else ""
        writer.append(
            ["缺评", gap.submission or "", platform, "", "", gap.expert, None, gap.detail]
        )
    writer.fit_columns({1: 10})
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:I{max(writer.row, 1)}"


# -- 审计 ----------------------------------------------------------------------------------


def organizer_amounts(scheme: Scheme) -> Iterator[tuple[str, str, Amount, bool]]:
    """Every number the scheme leaves to the organizer: (target, what, amount, is percent)."""
    for node in scheme.walk():
        label = f"{node.code} {node.name}"
        for kind, amount, percent in (
            ("weight", node.weight, True),
            ("points", node.points, False),
            ("cap", node.cap, False),
        ):
            if amount is not None and amount.organizer_set:
                yield f"{kind}:{node.code}", label, amount, percent
        scoring = node.scoring
        for number, band in enumerate(getattr(scoring, "bands", None) or [], start=1):
            if band.points.organizer_set:
                yield f"band:{node.code}:{number}", f"{label} 第{number}档", band.points, False
        for grade in getattr(scoring, "grades", None) or []:
            if grade.fraction.organizer_set:
                target = f"fraction:{node.code}:{grade.label}"
                yield target, f"{label} {grade.label}", grade.fraction, False
    for code, name, scale in _scales(scheme):
        for level in scale.levels:
            if level.min.organizer_set:
                yield f"grade:{code}:{level.code}", f"{name} {level.name}门槛", level.min, True


def _scales(scheme: Scheme) -> Iterator[tuple[str, str, GradeScale]]:
    if scheme.grades is not None:
        yield "*", "等级", scheme.grades

    def visit(categories: list[Category]) -> Iterator[tuple[str, str, GradeScale]]:
        for category in categories:
            if category.grades is not None:
                yield category.code, category.name, category.grades
            yield from visit(category.kinds)

    yield from visit(scheme.categories)


def _line(**fields: object) -> list[object]:
    return [fields.get(name) for name in AUDIT_FIELDS]


def _audit_row(entry: dict) -> list[object]:
    action = str(entry.get("action", ""))
    fields: dict[str, object] = {"kind": "审计日志", "action": ACTION_LABELS.get(action, action)}
    rest = {}
    for key, value in entry.items():
        field = AUDIT_KEYS.get(key)
        if key == "action" or value is None:
            continue
        if field is None:
            rest[key] = value
        elif key == "outcome":
            fields[field] = OUTCOME_LABELS.get(str(value), str(value))
        elif isinstance(value, list):
            fields[field] = "，".join(str(v) for v in value)
        else:
            fields[field] = _number_or_text(value) if field == "value" else str(value)
    if rest:
        fields["other"] = json.dumps(rest, ensure_ascii=False, sort_keys=True)
    return _line(**fields)


def _number_or_text(value: object) -> object:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    return number if number.is_finite() else str(value)


def _input_rows(data: BookData) -> Iterator[list[object]]:
    manifest = data.package.manifest
    yield _line(
        kind="批次",
        action="批次包",
        who=manifest.batch.organizer,
        target=f"{manifest.batch.id} {manifest.batch.title}",
        digest=data.package.manifest_sha256,
    )
    yield _line(
        kind="批次",
        action="评估方案",
        target=f"{manifest.scheme.id} {manifest.scheme.version}",
        digest=manifest.scheme.sha256,
    )
    for item in data.inputs:
        notes = [f"代录人 {item.transcribed_by}" if item.transcribed_by else "", item.identity]
        yield _line(
            kind="输入文件",
            at=item.submitted_at,
            action="结果文件",
            outcome="已接收",
            who=f"{item.expert} {item.name}" if item.name else item.expert,
            value=item.sequence,
            target=f"{item.expert}.esresult",
            digest=item.file_sha256,
            key="；".join(filter(None, [item.payload_sha256, item.key])),
            reason="；".join(filter(None, notes)),
        )


def audit_sheet(sheet: Worksheet, data: BookData) -> None:
    sheet.title = AUDIT
    writer = SheetWriter(sheet, wide=40)
    writer.header(AUDIT_FIELDS.values())
    for values in _input_rows(data):
        writer.append(values)
    value_column = list(AUDIT_FIELDS).index("value") + 1
    set_values = {value.target: value for value in data.package.manifest.organizer_values}
    for target, what, amount, percent in organizer_amounts(data.scheme):
        chosen = set_values.pop(target, None)
        row = writer.append(
            _line(
                kind="组织方设定值",
                action="设定" if chosen else "默认值",
                who=chosen.set_by if chosen else "（未设定，用方案默认值）",
                target=f"{target}（{what}）",
                reason=chosen.note if chosen else amount.note,
            )
        )
        writer.text(row, value_column, amount_text(amount, percent))
    for value in set_values.values():  # a target the scheme does not have, kept for the record
        row = writer.append(
            _line(
                kind="组织方设定值",
                action="设定",
                who=value.set_by,
                target=value.target,
                reason=value.note,
            )
        )
        writer.text(row, value_column, value.value)
    for entry in data.audit:
        writer.append(_audit_row(entry))
    writer.fit_columns({1: 12})
    sheet.freeze_panes = "C2"
    sheet.auto_filter.ref = f"A1:M{max(writer.row, 1)}"


# -- 说明 ----------------------------------------------------------------------------------


def _policy_rows(data: BookData) -> list[tuple[str, str]]:
    scheme = data.scheme
    policy = scheme.aggregation
    method = METHOD_LABELS.get(policy.method.value, policy.method.value)
    rows = [("汇总方法", method), *policy_of(policy).details(ZH)]
    rounding = ROUNDING_LABELS.get(policy.rounding.value, policy.rounding.value)
    rows += [
        ("最少评分专家", f"{policy.min_experts} 位；少于此数的指标提示“评分专家不足”"),
        ("小数位数", f"{policy.decimals} 位"),
        (
            "舍入",
            f"{rounding}。每项指标的专家组得分舍入一次；小计、基础分、加分和总分都是"
            "舍入后得分之和，表内各数相加一致",
        ),
        (
            "分歧阈值",
            f"同一指标专家评分的极差超过该指标满分的 {fmt(policy.spread_threshold)}% "
            "时提示“分歧大”（个别指标另有阈值）",
        ),
        ("偏离阈值", f"专家总分偏离专家平均总分超过 {fmt(policy.deviation_limit)}% 时请该专家说明"),
        (
            "得分率",
            f"总分 ÷ 可得基础分 × 100；显示时截取到 {policy.decimals} 位小数（不四舍五入），"
            "等级按未截取的得分率判定",
        ),
    ]
    for code, name, scale in _scales(scheme):
        levels = "；".join(
            f"{lv.name}（{lv.code}）≥ {amount_text(lv.min, True)}" for lv in scale.levels
        )
        rows.append((f"等级门槛（{name if code != '*' else '全部'}）", levels))
    rows += [
        ("标记", "* 表示指南未公布、由组织方设定的数值（设定人见“审计”表）"),
        ("提示", "；".join(f"{label}" for label in FLAG_LABELS.values())),
        (
            "结果修正",
            "经专家组讨论，组长记录的指标得分、修正原因与理由，替代计算得分；专家原始评分保留可查。"
            "修正原因限于财政部令第87号第六十四条："
            + "；".join(cause.zh for cause in OverrideCause),
        ),
    ]
    return rows


def notes_sheet(sheet: Worksheet, data: BookData) -> None:
    sheet.title = NOTES
    writer = SheetWriter(sheet, wide=90)
    writer.header(["项目", "内容"])
    manifest = data.package.manifest
    scheme = data.scheme
    weighting = "按权重（百分比）" if scheme.weighting == "percent" else "按分值"
    rows = [
        ("批次编号", manifest.batch.id),
        ("批次名称", manifest.batch.title),
        ("组织方", manifest.batch.organizer),
        ("批次哈希（SHA-256）", data.package.manifest_sha256),
        ("评估方案", f"{scheme.title}（{scheme.id} {scheme.version}）"),
        ("计分方式", f"{weighting}，满分 {fmt(scheme.total_points)}"),
        *_policy_rows(data),
        ("尚缺", f"{len(data.gaps)} 项（见“分歧”表“缺评”）" if data.gaps else "无"),
        ("生成", f"{data.generated}，ExpertScore {__version__}"),
    ]
    for label, text in rows:
        writer.append([label, text])
    for row in range(2, writer.row + 1):
        sheet.cell(row=row, column=1).font = BOLD
    writer.fit_columns()
    sheet.freeze_panes = "A2"
