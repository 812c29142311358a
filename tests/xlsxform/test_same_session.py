"""The Excel form and the package of the same submissions give the same session content."""

from __future__ import annotations

import zipfile
from pathlib import Path

from openpyxl import load_workbook

from expertscore.batch.package import open_package
from expertscore.demo.batch import make_demo_batch
from expertscore.storage.importer import create_session
from expertscore.storage.session import SessionFile
from expertscore.xlsxform import workbook_to_package
from expertscore.xlsxform.template import write_template

SCHEME = "liaoning-2025-grading"


def form_from_package(package: Path, folder: Path) -> tuple[Path, Path]:
    """Fill the government form and an evidence folder with what the package holds."""
    opened = open_package(package)
    manifest = opened.manifest
    form = folder / "form.xlsx"
    write_template(SCHEME, form)
    book = load_workbook(form)
    sheet = book["申报信息"]
    headers = [cell.value for cell in sheet[1]]
    leaf_column = {str(h).split()[0]: i for i, h in enumerate(headers) if h and str(h)[0].isdigit()}
    fields = {"编号": "id", "平台名称": "platform", "运营单位": "operator", "所在地区": "region"}
    for row_number, sub in enumerate(manifest.submissions, start=2):
        for index, header in enumerate(headers, start=1):
            if header in fields:
                sheet.cell(row_number, index, getattr(sub, fields[header]))
            elif header == "行业标签":
                sheet.cell(row_number, index, "、".join(sub.industry_tags))
            elif header == "领域标签":
                sheet.cell(row_number, index, "、".join(sub.domain_tags))
        for code, reported in sub.values.items():
            value = {"yes": "是", "no": "否"}.get(reported.value, reported.value)
            sheet.cell(row_number, leaf_column[code] + 1, value)
    evidence_dir = folder / "evidence"
    files = book["证明材料"]
    with zipfile.ZipFile(package) as archive:
        for row_number, item in enumerate(manifest.evidence, start=2):
            relative = f"{item.submission}/{item.filename}"
            target = evidence_dir / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(archive.read(f"evidence/{item.sha256}"))
            for column, value in enumerate(
                [item.submission, relative, item.title, "、".join(item.indicators)], start=1
            ):
                files.cell(row_number, column, value)
    experts = book["专家"]
    for row_number, expert in enumerate(manifest.roster, start=2):
        for column, value in enumerate(
            [expert.id, expert.name, expert.organization, expert.role], 1
        ):
            experts.cell(row_number, column, value)
    book.save(form)
    return form, evidence_dir


def test_form_and_package_import_into_the_same_session_content(tmp_path):
    package = tmp_path / "authority.esbatch"
    make_demo_batch(SCHEME, submissions=3, experts=3, seed=21, out=package)
    form, evidence = form_from_package(package, tmp_path)
    manifest = open_package(package).manifest
    from_form = tmp_path / "from-form.esbatch"
    workbook_to_package(
        form,
        evidence,
        SCHEME,
        from_form,
        batch_id=manifest.batch.id,
        title=manifest.batch.title,
        organizer=manifest.batch.organizer,
        created=manifest.batch.created,
    )
    with SessionFile(create_session(package, "E01", tmp_path / "a.esession")) as first:
        expected = first.content_snapshot()
    with SessionFile(create_session(from_form, "E01", tmp_path / "b.esession")) as second:
        actual = second.content_snapshot()
    assert len(expected["values"]) > 100
    assert len(expected["evidence"]) >= 6
    assert actual == expected
