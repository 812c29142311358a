"""Small, real batch packages for tests, built with the same builder the program uses."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

from expertscore.batch.builder import PackageBuilder
from expertscore.batch.manifest import (
    Assignment,
    BatchInfo,
    Case,
    Conflict,
    Expert,
    ReportedValue,
    Submission,
)

FIXTURES = Path(__file__).resolve().parent / "fixtures"
EXAMPLE_SCHEME = FIXTURES / "example-scheme.yaml"
CST = timezone(timedelta(hours=8))

# Tiny but real: a PDF header and a PNG signature are enough for media types and hashes.
PDF_BYTES = b"%PDF-1.4\n% test evidence\n" + b"0" * 2000 + b"\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 500


def example_builder(submissions: int = 2, experts: int = 2) -> PackageBuilder:
    builder = PackageBuilder(
        scheme_text=EXAMPLE_SCHEME.read_text(encoding="utf-8"),
        batch=BatchInfo(
            id="TEST-1",
            title="测试批次",
            organizer="测试组织方",
            created=datetime(2025, 6, 1, 9, 0, tzinfo=CST),
        ),
    )
    for index in range(1, experts + 1):
        builder.roster.append(
            Expert(id=f"E{index:02d}", name=f"专家{index}", organization="某大学", role="技术")
        )
    for index in range(1, submissions + 1):
        sid = f"S{index:03d}"
        builder.submissions.append(
            Submission(
                id=sid,
                platform=f"测试平台{index}",
                operator=f"测试科技有限公司{index}",
                region="沈阳市",
                category="industry",
                industry_tags=["1"],
                domain_tags=["1"],
                values={
                    "1.1": ReportedValue(value=f"{40 + index}.5", unit="%"),
                    "1.2": ReportedValue(value="yes", unit="yes/no"),
                    "2.1": ReportedValue(value=str(1200 * index), unit="台/套"),
                    "2.2": ReportedValue(value="面向装备制造的预测性维护方案", unit="text"),
                    "9.1": ReportedValue(value="国家级试点示范", unit="text"),
                },
                cases=[Case(title="案例", text="某企业设备联网", indicators=["2.2"])],
            )
        )
        builder.add_evidence_bytes(sid, PDF_BYTES + sid.encode(), "audit.pdf", "审计报告", ["1.1"])
        builder.add_evidence_bytes(sid, PNG_BYTES, "screen.png", "平台截图", ["2.1", "2.2"])
        for expert in builder.roster:
            builder.assignments.append(Assignment(expert=expert.id, submission=sid))
    builder.conflicts.append(Conflict(expert="E02", submission="S001", reason="曾任该公司顾问"))
    return builder


def write_example_package(path: Path, **kwargs) -> Path:
    example_builder(**kwargs).write(path)
    return path


Transform = Callable[[list[tuple[zipfile.ZipInfo, bytes]]], list[tuple[zipfile.ZipInfo, bytes]]]


def rewrite_package(source: Path, target: Path, transform: Transform) -> Path:
    """Copy a package entry by entry through ``transform`` (to make broken ones)."""
    with zipfile.ZipFile(source) as archive:
        entries = [(info, archive.read(info)) for info in archive.infolist()]
    with zipfile.ZipFile(target, "w") as archive:
        for info, data in transform(entries):
            archive.writestr(info, data)
    return target


def edit_manifest(source: Path, target: Path, edit: Callable[[dict], None]) -> Path:
    def transform(entries):
        result = []
        for info, data in entries:
            if info.filename == "manifest.json":
                manifest = json.loads(data)
                edit(manifest)
                data = json.dumps(manifest, ensure_ascii=False).encode("utf-8")
            result.append((info, data))
        return result

    return rewrite_package(source, target, transform)
