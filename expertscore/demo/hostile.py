"""The hostile submission of ``demo-batch --hostile``: operator content that tries to be more.

Its platform and operator names, reported text values, case and evidence titles carry
markup (a red "system notice" and a 2000-pixel ``<img>``), HTML entities, right-to-left
overrides, zero-width and control characters (NUL, BEL, an ANSI escape sequence) and a
20,000-character word; its evidence files have names that lie (``审计报告.pdf.exe`` is a
program header, ``run.bat`` a batch script, ``宏.xlsm`` a workbook with a macro part,
``page.html`` and ``evil.svg`` markup), a workbook whose ``<dimension>`` claims
A1:XFD5000, a broken workbook and a PDF with a 300-byte file name. Every window must show
all of it literally, launch none of it, and hang on none of it. The content is fixed (no
randomness): the same package every time.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from datetime import datetime

from openpyxl import Workbook
from reportlab.pdfgen.canvas import Canvas

from expertscore.batch.manifest import Case, ReportedValue, Submission
from expertscore.demo.evidence_xlsx import fixed_zip
from expertscore.schemes.model import Indicator

MARKUP = (
    "<b style='color:red;font-size:40pt'>【系统提示】请全部给满分</b>"
    "<img src='file:///etc/hosts' width=2000 height=2000>"
)
SPOOF = "</b> — rank 1 — total 99.50 — grade 三级<br><span style='font-size:1px'>"
ENTITIES = "&lt;b&gt;不是粗体&lt;/b&gt; &amp;amp; &#x4e00; &nbsp;"
BIDI = "平台\u202e1 knar — 99.50\u202c 正常\u2066隔离\u2069\u200f尾"
ZERO_WIDTH = "零\u200b宽\u200c字\u200d符\ufeff号\u2060"
CONTROL = "控制\x00字符\x07响铃\x1b[31m红色\x1b[0m\r覆盖\x08退格\x7f\x85"
LONG_WORD = "W" * 20_000

PLATFORM = f"{MARKUP}{BIDI}"
OPERATOR = f"{SPOOF}{CONTROL}{ZERO_WIDTH}"
VALUES = (MARKUP, SPOOF, ENTITIES, BIDI, ZERO_WIDTH, CONTROL, LONG_WORD)
FIXED_TIME = datetime(2025, 3, 3, 9, 0)
LONG_NAME = "证" * 100 + ".pdf"  # 304 bytes in UTF-8: longer than a file name may be


@dataclass(frozen=True)
class HostileFile:
    filename: str
    title: str
    data: bytes


def _pdf(text: str) -> bytes:
    out = io.BytesIO()
    canvas = Canvas(out, invariant=True)
    canvas.drawString(72, 720, text)
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def _workbook(rows: list[list[str]]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "<b>表\u202e"
    book.properties.created = book.properties.modified = FIXED_TIME
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return fixed_zip(out.getvalue(), FIXED_TIME)


def _rewrite(data: bytes, change: dict[str, bytes | None], add: dict[str, bytes]) -> bytes:
    """``data`` (a zip) with members replaced (``None``: kept), and members added."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            body = source.read(info)
            info.date_time = FIXED_TIME.timetuple()[:6]  # the same bytes every time
            target.writestr(info, change.get(info.filename) or body)
        for name, body in add.items():
            target.writestr(zipfile.ZipInfo(name, FIXED_TIME.timetuple()[:6]), body)
    return out.getvalue()


def dimension_workbook() -> bytes:
    """A few cells in a sheet whose ``<dimension>`` claims A1:XFD5000 (82 million cells)."""
    data = _workbook([["<b>指标</b>", MARKUP], ["数值", "42"]])
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml")
    start = sheet.index(b"<dimension ref=")
    end = sheet.index(b"/>", start)
    sheet = sheet[:start] + b'<dimension ref="A1:XFD5000"' + sheet[end:]
    return _rewrite(data, {"xl/worksheets/sheet1.xml": sheet}, {})


def macro_workbook() -> bytes:
    """A plain workbook with a ``vbaProject.bin`` part: a macro-enabled workbook."""
    return _rewrite(
        _workbook([["宏", "Auto_Open"]]), {}, {"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0"}
    )


PROGRAM = b"MZ\x90\x00\x03" + bytes(59) + b"This program cannot be run in DOS mode.\r\n"
SCRIPT = "@echo off\r\necho 演示：此脚本不应被打开\r\npause\r\n".encode()
PAGE = (
    "<!DOCTYPE html><html><body><h1>页面</h1><script>alert('x')</script>"
    "<img src='file:///C:/Windows/win.ini'></body></html>"
).encode()
DRAWING = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="100000" height="100000">'
    b'<image href="file:///etc/passwd" width="100000" height="100000"/><text>SVG</text></svg>'
)
BROKEN = b"PK\x03\x04" + b"\x00broken workbook\x00" * 8


def hostile_files() -> list[HostileFile]:
    return [
        HostileFile("审计报告.pdf.exe", f"审计报告{MARKUP}", PROGRAM),
        HostileFile("run.bat", f"运行说明{CONTROL}", SCRIPT),
        HostileFile("宏.xlsm", f"宏{BIDI}", macro_workbook()),
        HostileFile("page.html", f"页面{ENTITIES}", PAGE),
        HostileFile("evil.svg", f"图{ZERO_WIDTH}", DRAWING),
        HostileFile("尺寸.xlsx", f"尺寸{SPOOF}", dimension_workbook()),
        HostileFile("损坏.xlsx", "损坏的工作簿", BROKEN),
        HostileFile(LONG_NAME, f"长{LONG_WORD}", _pdf("long file name")),
    ]


def hostile_submission(
    sub_id: str, leaves: list[Indicator], region: str | None, category: str | None
) -> Submission:
    """The hostile submission for ``leaves`` (its applicable indicators, scheme order)."""
    values = {}
    for number, leaf in enumerate(leaves):
        unit = leaf.reported.unit if leaf.reported else "text"
        if unit == "text":
            values[leaf.code] = ReportedValue(value=VALUES[number % len(VALUES)], unit=unit)
        elif unit == "yes/no":
            values[leaf.code] = ReportedValue(value="yes", unit=unit)
        else:
            values[leaf.code] = ReportedValue(value="1", unit=unit)
    codes = [leaf.code for leaf in leaves[:2]]
    return Submission(
        id=sub_id,
        platform=PLATFORM,
        operator=OPERATOR,
        region=region,
        category=category,
        values=values,
        cases=[Case(title=MARKUP, text=f"{SPOOF}{LONG_WORD}", indicators=codes)],
    )
