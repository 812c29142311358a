"""PNG evidence: a monitoring dashboard screenshot and a photo of connected equipment.

Drawn with Pillow and the bundled CJK font. Images are reduced to a small palette before
saving, which keeps them small; PNGs carry no time stamp, so the bytes are reproducible.
"""

from __future__ import annotations

import io
import random
from functools import cache

from PIL import Image, ImageDraw, ImageFont

from expertscore.demo.pdf_common import count
from expertscore.demo.submissions import DemoSubmission
from expertscore.paths import cjk_font_path
from expertscore.schemes.model import Indicator

BACKGROUND = (14, 24, 43)
PANEL = (24, 39, 66)
TEXT = (222, 232, 247)
MUTED = (138, 160, 190)
ALERTS = (  # level (0 提示, 1 一般, 2 严重) and event
    (0, "心跳恢复"),
    (0, "固件升级完成"),
    (1, "数据上报延迟"),
    (1, "协议解析失败"),
    (2, "温度超限"),
    (2, "振动异常"),
    (2, "设备离线"),
)
ACCENTS = ((64, 156, 255), (46, 204, 160), (255, 176, 59), (240, 98, 120))


@cache
def font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(cjk_font_path()), size, index=0)


def to_png(image: Image.Image, colors: int = 96) -> bytes:
    """A palette PNG: an octree palette is quick and fine for flat drawings."""
    palette = image.quantize(
        colors=colors, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE
    )
    buffer = io.BytesIO()
    palette.save(buffer, "PNG")
    return buffer.getvalue()


def _fit(text: str, size: int, width: int) -> str:
    """``text`` shortened with … to fit ``width`` pixels."""
    if font(size).getlength(text) <= width:
        return text
    while text and font(size).getlength(text + "…") > width:
        text = text[:-1]
    return text + "…"


def _panel(draw: ImageDraw.ImageDraw, box: tuple[int, int, int, int], title: str) -> None:
    draw.rounded_rectangle(box, radius=8, fill=PANEL)
    draw.text((box[0] + 16, box[1] + 12), title, font=font(17), fill=TEXT)


def _bars(
    draw: ImageDraw.ImageDraw, rng: random.Random, box: tuple[int, int, int, int], base: float
) -> None:
    left, top, right, bottom = box
    values = [base * rng.uniform(0.55, 1.0) * (1 + month / 18) for month in range(12)]
    peak = max(values)
    step = (right - left) / 12
    for month, value in enumerate(values):
        height = (bottom - top - 30) * value / peak
        x0 = left + month * step + step * 0.2
        draw.rectangle((x0, bottom - 20 - height, x0 + step * 0.6, bottom - 20), fill=ACCENTS[0])
        draw.text((x0, bottom - 16), f"{month + 1}月", font=font(12), fill=MUTED)


def _line(draw: ImageDraw.ImageDraw, rng: random.Random, box: tuple[int, int, int, int]) -> None:
    left, top, right, bottom = box
    for row in range(4):
        y = top + row * (bottom - top) / 3
        draw.line((left, y, right, y), fill=(40, 58, 90), width=1)
    level, points = 0.5, []
    for index in range(30):
        level = min(0.95, max(0.1, level + rng.uniform(-0.12, 0.14)))
        points.append((left + index * (right - left) / 29, bottom - level * (bottom - top)))
    draw.line(points, fill=ACCENTS[1], width=3)


def _donut(
    draw: ImageDraw.ImageDraw, rng: random.Random, box: tuple[int, int, int, int], labels: list[str]
) -> None:
    left, top, right, bottom = box
    size = min(right - left, bottom - top) - 10
    shares = [rng.uniform(1, 4) for _ in labels]
    total = sum(shares)
    start = -90.0
    ring = (left, top, left + size, top + size)
    for index, share in enumerate(shares):
        end = start + 360 * share / total
        draw.pieslice(ring, start, end, fill=ACCENTS[index % len(ACCENTS)])
        start = end
    inset = size * 0.28
    draw.ellipse((left + inset, top + inset, left + size - inset, top + size - inset), fill=PANEL)
    for index, (label, share) in enumerate(zip(labels, shares, strict=True)):
        y = top + 8 + index * 28
        draw.rectangle((left + size + 18, y + 4, left + size + 30, y + 16), fill=ACCENTS[index % 4])
        text = f"{label} {100 * share / total:.0f}%"
        draw.text((left + size + 38, y), text, font=font(14), fill=TEXT)


def _card_of(sub: DemoSubmission, leaf: Indicator) -> tuple[str, str, str]:
    """A KPI card of a reported figure: label, value as shown, unit."""
    reported = sub.values[leaf.code]
    if reported.unit == "yes/no":
        return leaf.name, "是" if reported.value == "yes" else "否", ""
    return leaf.name, count(reported.value), reported.unit


def _live_cards(rng: random.Random, sub: DemoSubmission) -> list[tuple[str, str, str]]:
    """Live figures a dashboard shows besides the reported ones."""
    calls = max(sub.size, 0.1) * rng.uniform(5, 20)
    return [
        ("设备在线率", f"{rng.uniform(86, 99.5):.1f}", "%"),
        ("今日接口调用", f"{calls:,.1f}", "万次"),
        ("本月活跃企业", f"{round(max(sub.size, 0.1) * rng.uniform(60, 200)):,}", "家"),
        ("平台可用率", f"99.9{rng.randint(1, 9)}", "%"),
    ]


def dashboard_png(rng: random.Random, sub: DemoSubmission, kpis: list[Indicator]) -> bytes:
    """平台运行监测大屏: KPI cards of reported values, monthly bars, a trend, a donut."""
    width, height = 1280, 760
    image = Image.new("RGB", (width, height), BACKGROUND)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, width, 64), fill=(10, 18, 33))
    draw.text((28, 16), _fit(f"{sub.platform} · 运行监测大屏", 26, 900), font=font(26), fill=TEXT)
    stamp = (
        f"数据截至 {sub.report_date.isoformat()} {rng.randint(8, 18):02d}:{rng.randint(0, 59):02d}"
    )
    draw.text((width - 28, 24), stamp, font=font(15), fill=MUTED, anchor="ra")
    cards = [_card_of(sub, leaf) for leaf in kpis[:4]]
    cards += _live_cards(rng, sub)[: 4 - len(cards)]
    card_width = (width - 28 * 2 - 20 * 3) // 4
    for index, (label, shown, unit) in enumerate(cards):
        x = 28 + index * (card_width + 20)
        box = (x, 84, x + card_width, 204)
        draw.rounded_rectangle(box, radius=8, fill=PANEL)
        draw.rectangle((x, 84, x + 5, 204), fill=ACCENTS[index % 4])
        draw.text((x + 20, 98), _fit(label, 16, card_width - 36), font=font(16), fill=MUTED)
        draw.text((x + 20, 128), shown, font=font(36), fill=TEXT)
        value_width = int(font(36).getlength(shown))
        draw.text((x + 28 + value_width, 146), unit, font=font(16), fill=MUTED)
    _panel(draw, (28, 224, 760, 480), "近12个月新增接入设备（台/套）")
    _bars(draw, rng, (48, 270, 740, 470), base=max(sub.size, 0.2) * 400)
    _panel(draw, (780, 224, 1252, 480), "服务行业分布")
    others = [name for name in ("装备制造", "电子信息", "汽车零部件") if name != sub.industry]
    _donut(draw, rng, (800, 270, 1240, 470), [sub.industry, *others[:2], "其他"])
    _panel(draw, (28, 500, 760, 736), "近30日平台活跃度")
    _line(draw, rng, (48, 550, 740, 720))
    _panel(draw, (780, 500, 1252, 736), "实时告警")
    levels = (("提示", ACCENTS[1]), ("一般", ACCENTS[2]), ("严重", ACCENTS[3]))
    for row in range(5):
        severity, event = rng.choice(ALERTS)
        level, color = levels[severity]
        y = 546 + row * 36
        draw.ellipse((800, y + 5, 812, y + 17), fill=color)
        message = f"{level} · {sub.brand}网关GW-{rng.randint(100, 999)} {event}"
        draw.text((822, y), _fit(message, 15, 410), font=font(15), fill=TEXT)
    return to_png(image)


def _machine(draw: ImageDraw.ImageDraw, x: int, top: int, bottom: int, label: str) -> None:
    """A machine tool: housing, window, control panel with screen and lights, a name plate."""
    draw.ellipse((x - 10, bottom - 12, x + 270, bottom + 16), fill=(70, 80, 64))
    draw.rounded_rectangle(
        (x, top, x + 260, bottom), radius=10, fill=(232, 236, 240), outline=(90, 96, 104), width=3
    )
    draw.rectangle((x, bottom - 30, x + 260, bottom), fill=(250, 190, 40))
    draw.rectangle((x + 20, top + 30, x + 170, top + 140), fill=(60, 80, 96))
    draw.line((x + 40, top + 130, x + 150, top + 50), fill=(120, 140, 156), width=4)
    draw.rectangle((x + 190, top + 30, x + 240, top + 80), fill=(20, 30, 40))
    draw.rectangle((x + 194, top + 34, x + 236, top + 60), fill=(60, 170, 230))
    for led in range(3):
        box = (x + 194 + led * 15, top + 90, x + 204 + led * 15, top + 100)
        draw.ellipse(box, fill=ACCENTS[led])
    draw.rectangle((x + 18, top + 150, x + 200, top + 176), fill=(250, 250, 250))
    draw.text((x + 24, top + 152), label, font=font(16), fill=(40, 40, 40))


def photo_png(rng: random.Random, sub: DemoSubmission) -> bytes:
    """设备接入现场照片: a workshop with machines, a cabinet with the edge gateway, a caption."""
    width, height = 1024, 683
    image = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(image)
    horizon = int(height * 0.58)
    for y in range(height):
        if y < horizon:
            shade = int(150 + 60 * y / horizon)
            color = (shade - 20, shade - 10, shade)
        else:
            shade = int(120 - 50 * (y - horizon) / (height - horizon))
            color = (shade + 20, shade + 30, shade + 10)
        draw.line((0, y, width, y), fill=color)
    for x in range(60, width, 180):
        window = (x, 40, x + 120, 150)
        draw.rectangle(window, fill=(200, 220, 235), outline=(120, 130, 140), width=4)
    floor = ((0, height), (width * 0.35, horizon), (width * 0.65, horizon), (width, height))
    draw.polygon(floor, outline=(235, 200, 40), width=6)
    cabinet = (720, horizon - 250, 960, horizon + 60)
    tray = horizon - 225
    draw.rectangle((60, tray, cabinet[0], tray + 10), fill=(110, 116, 124))
    for index in range(2):
        x = 40 + index * 330 + rng.randint(0, 30)
        top = horizon - rng.randint(170, 210)
        draw.line((x + 215, tray + 10, x + 215, top), fill=(30, 30, 30), width=4)
        _machine(draw, x, top, horizon + 40, f"设备编号 {sub.brand[0]}-{rng.randint(1000, 9999)}")
    draw.rectangle(cabinet, fill=(196, 200, 206), outline=(80, 86, 94), width=3)
    draw.line((840, cabinet[1] + 10, 840, cabinet[3] - 10), fill=(150, 156, 164), width=2)
    gateway = (cabinet[0] + 20, cabinet[1] + 30, cabinet[2] - 20, cabinet[1] + 150)
    draw.rectangle(gateway, fill=(46, 52, 60), outline=(20, 20, 20), width=3)
    for led in range(4):
        x = gateway[0] + 18 + led * 22
        draw.ellipse((x, gateway[1] + 16, x + 12, gateway[1] + 28), fill=(40, 220, 90))
    draw.text((gateway[0] + 14, gateway[1] + 42), f"{sub.brand}边缘网关", font=font(18), fill=TEXT)
    serial = f"GW-{rng.randint(100, 999)} 在线"
    draw.text((gateway[0] + 14, gateway[1] + 72), serial, font=font(14), fill=MUTED)
    warning = (cabinet[0] + 70, cabinet[1] + 190, cabinet[0] + 170, cabinet[1] + 276)
    draw.polygon(
        ((warning[0] + 50, warning[1]), (warning[2], warning[3]), (warning[0], warning[3])),
        fill=(250, 200, 30),
        outline=(30, 30, 30),
    )
    draw.text((warning[0] + 43, warning[1] + 34), "!", font=font(34), fill=(30, 30, 30))
    clock = f"{rng.randint(8, 17):02d}:{rng.randint(0, 59):02d}"
    caption = f"{sub.report_date.isoformat()} {clock}  {sub.region.name}"
    draw.rectangle((0, height - 44, width, height), fill=(0, 0, 0))
    draw.text((16, height - 34), caption, font=font(18), fill=(255, 255, 255))
    draw.text(
        (width - 16, height - 34), "现场拍摄", font=font(18), fill=(255, 210, 80), anchor="ra"
    )
    return to_png(image, colors=128)
