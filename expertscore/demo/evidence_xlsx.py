"""XLSX evidence: the list of industrial apps and models a platform reports.

One write-only sheet (openpyxl's fast mode) lists some of the items behind each figure.

openpyxl stamps the workbook and its zip entries with the current time; both are fixed
here (the modified time and every entry's date are rewritten) so the bytes repeat.
"""

from __future__ import annotations

import io
import random
import re
import zipfile
from datetime import datetime

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill

from expertscore.demo.submissions import DemoSubmission
from expertscore.schemes.model import Indicator

LIST_WORDS = ("APP", "模型", "微服务", "解决方案")
PER_LEAF = 12
APP_TOPICS = (
    "设备远程运维",
    "能耗在线监测",
    "设备点检",
    "质量追溯",
    "生产报工",
    "仓储管理",
    "安全巡检",
    "工艺参数优化",
    "订单排产",
    "备件管理",
)
MODEL_TOPICS = (
    "轴承故障诊断",
    "刀具寿命预测",
    "炉温控制",
    "能耗基准",
    "工艺质量预测",
    "设备健康度评估",
    "排产优化",
    "视觉缺陷识别",
)
APP_KINDS = ("研发设计类", "生产制造类", "运营管理类", "运维服务类")
MODEL_KINDS = ("行业机理模型", "数据算法模型", "业务流程模型", "研发仿真模型")
MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")
HEADER_FILL = PatternFill("solid", fgColor="DCE6F1")


def list_leaves(leaves: list[Indicator]) -> list[Indicator]:
    return [
        leaf
        for leaf in leaves
        if leaf.reported
        and leaf.reported.unit == "个"
        and any(word in leaf.name for word in LIST_WORDS)
    ]


def fixed_zip(data: bytes, moment: datetime) -> bytes:
    """The same zip with every entry dated ``moment`` and the workbook modified then.

    openpyxl sets the modified time to now when it saves, whatever the properties say.
    """
    stamp = moment.timetuple()[:6]
    modified = f"{moment.isoformat(timespec='seconds')}Z".encode()
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            body = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = MODIFIED.sub(rb"\g<1>" + modified + rb"\g<2>", body)
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, body)
    return out.getvalue()


def _header(sheet: object, labels: list[str]) -> list[WriteOnlyCell]:
    cells = []
    for label in labels:
        cell = WriteOnlyCell(sheet, value=label)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(horizontal="center")
        cells.append(cell)
    return cells


def catalog_xlsx(rng: random.Random, sub: DemoSubmission, leaves: list[Indicator]) -> bytes:
    """工业APP及模型清单: rows for each listed indicator, up to ``PER_LEAF`` of each."""
    book = Workbook(write_only=True)
    moment = datetime(sub.report_date.year, sub.report_date.month, sub.report_date.day, 9, 30)
    book.properties.creator = sub.operator
    book.properties.title = f"{sub.platform}工业APP及模型清单"
    book.properties.created = moment
    book.properties.modified = moment
    book.properties.lastModifiedBy = sub.operator
    sheet = book.create_sheet("清单")
    for column, width in zip("ABCDEFGH", (6, 30, 34, 14, 14, 10, 12, 10), strict=True):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A3"
    sheet.append([f"{sub.platform}工业APP及模型清单（{sub.operator}）"])
    labels = ["序号", "对应指标", "名称", "类型", "适用行业", "上线时间", "订阅/调用次数", "来源"]
    sheet.append(_header(sheet, labels))
    number = 0
    notes = []
    for leaf in leaves:
        reported = int(float(sub.values[leaf.code].value))
        is_model = "模型" in leaf.name
        topics = MODEL_TOPICS if is_model else APP_TOPICS
        kinds = MODEL_KINDS if is_model else APP_KINDS
        noun = "模型" if is_model else "APP"
        shown = min(reported, PER_LEAF)
        for _ in range(shown):
            number += 1
            year = rng.randint(max(sub.founded, sub.report_date.year - 6), sub.report_date.year)
            sheet.append(
                [
                    number,
                    f"{leaf.code} {leaf.name}",
                    f"{sub.brand}{rng.choice(topics)}{noun}-{rng.randint(1, 99):02d}",
                    rng.choice(kinds),
                    sub.industry,
                    f"{year}-{rng.randint(1, 12):02d}",
                    rng.randint(3, 900),
                    rng.choice(("自研", "自研", "合作开发", "第三方入驻")),
                ]
            )
        notes.append(f"{leaf.code} {leaf.name}：填报{reported}个，本表列示{shown}个")
    sheet.append([])
    for note in notes:
        sheet.append(["注", note])
    buffer = io.BytesIO()
    book.save(buffer)
    return fixed_zip(buffer.getvalue(), moment)
