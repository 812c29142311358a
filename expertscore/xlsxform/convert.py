"""The Excel form becomes a batch package: ``workbook_to_package``.

Everything is read and checked first (workbook, evidence paths, roster); only then are the
evidence files hashed and the package written, through ``PackageBuilder.write``, which
writes a temporary file and renames it. Any error leaves no output file behind.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from pydantic import ValidationError

from expertscore.batch.builder import PackageBuilder
from expertscore.batch.crosscheck import crosscheck
from expertscore.batch.manifest import (
    ID_PATTERN,
    Assignment,
    BatchInfo,
    Expert,
    FormImport,
    FormRemoval,
    Manifest,
)
from expertscore.schemes.model import Scheme
from expertscore.schemes.registry import resolve_scheme
from expertscore.xlsxform.errors import FormRule, XlsxFormError
from expertscore.xlsxform.evidence import (
    EvidenceRow,
    find_evidence_sheet,
    read_evidence,
    unlisted_files,
)
from expertscore.xlsxform.roster import merge_roster, read_roster
from expertscore.xlsxform.submissions import SubmissionReader, SubmissionRow
from expertscore.xlsxform.text import nfkc, shown
from expertscore.xlsxform.workbook import EVIDENCE_SHEET, ROSTER_SHEET, Findings, open_workbook

DEFAULT_ORGANIZER = "未注明"


def parse_created(text: str) -> datetime:
    """``--created 2025-06-01T09:00:00+08:00``; the UTC offset is required."""
    try:
        value = datetime.fromisoformat(text.strip())
    except ValueError:
        raise XlsxFormError(
            "--created", f"'{text}' is not a date and time like 2025-06-01T09:00:00+08:00"
        ).saying("not_a_time", text=text) from None
    if value.tzinfo is None:
        raise XlsxFormError(
            "--created", f"'{text}' must include a UTC offset, e.g. 2025-06-01T09:00:00+08:00"
        ).saying("no_offset", text=text)
    return value


def default_batch_id(workbook: Path, scheme_id: str, created: datetime) -> str:
    """The workbook's name when it is a valid id, else ``<scheme id>-<yyyymmdd>``."""
    stem = nfkc(workbook.stem).strip()
    if re.fullmatch(ID_PATTERN, stem):
        return stem
    return f"{scheme_id}-{created:%Y%m%d}"


def _check_paths(workbook: Path, evidence_dir: Path | None, out: Path) -> None:
    if evidence_dir is not None:
        if not evidence_dir.exists():
            raise XlsxFormError(str(evidence_dir), "evidence folder: no such folder").saying(
                "no_evidence_folder"
            )
        if not evidence_dir.is_dir():
            raise XlsxFormError(
                str(evidence_dir), "evidence folder: is a file, not a folder"
            ).saying("evidence_folder_file")
    if out.is_dir():
        raise XlsxFormError(str(out), "is a folder; give the package's file name").saying(
            "package_folder"
        )
    if out.exists() and workbook.exists() and out.resolve() == workbook.resolve():
        raise XlsxFormError(str(out), "is the workbook itself; choose another output file").saying(
            "package_is_workbook"
        )


def _evidence_problem(exc: ValidationError) -> tuple[str, dict[str, str]]:
    """The English line and the facts (field, value, why) of the rule the file breaks."""
    error = exc.errors(include_url=False)[0]
    field = str(error["loc"][0]) if error["loc"] else "evidence"
    value = shown(str(error.get("input")), 80)
    facts = {"field": field, "value": value, "why": error["msg"]}
    if field == "id":  # '<submission id>-E001' outgrows the id rule
        return (
            f"evidence id '{value}' is not valid ({error['msg']}); use a shorter submission id",
            facts,
        )
    return f"the file's {field} '{value}' cannot be recorded ({error['msg']})", facts


@dataclass(frozen=True)
class ReadForm:
    """Everything read from the workbook, before anything is written."""

    reader: SubmissionReader
    rows: list[SubmissionRow]
    evidence: list[EvidenceRow]
    evidence_title: str
    experts: list[Expert]
    findings: Findings


def read_form(workbook: Path, evidence_dir: Path | None, scheme: Scheme) -> ReadForm:
    """Read and check the three sheets; the workbook is closed on return."""
    with open_workbook(workbook) as book:
        main = book.main_sheet()
        reader = SubmissionReader(main, scheme)
        rows = reader.read()
        ids = {item.submission.id for item in rows}
        evidence_sheet = find_evidence_sheet(book, main)
        if evidence_sheet is None and evidence_dir is not None:
            raise XlsxFormError(
                workbook.name,
                f"--evidence {evidence_dir} was given, but the workbook has no sheet"
                f" '{EVIDENCE_SHEET}' (nor a sheet whose row 1 has the columns '编号' and"
                " '文件') listing the files",
                rule=FormRule.NO_EVIDENCE_SHEET,
                facts={"folder": str(evidence_dir)},
            )
        evidence = (
            read_evidence(evidence_sheet, scheme, ids, evidence_dir) if evidence_sheet else []
        )
        roster_sheet = book.sheet(ROSTER_SHEET)
        return ReadForm(
            reader=reader,
            rows=rows,
            evidence=evidence,
            evidence_title=evidence_sheet.title if evidence_sheet else EVIDENCE_SHEET,
            experts=read_roster(roster_sheet) if roster_sheet else [],
            findings=book.findings,
        )


def _batch_info(
    workbook: Path,
    scheme_id: str,
    created: datetime,
    batch_id: str | None,
    title: str | None,
    organizer: str | None,
) -> BatchInfo:
    try:
        return BatchInfo(
            id=batch_id or default_batch_id(workbook, scheme_id, created),
            title=title or workbook.stem,
            organizer=organizer or DEFAULT_ORGANIZER,
            created=created,
        )
    except ValidationError as exc:
        error = exc.errors(include_url=False)[0]
        option = {"id": "--batch-id", "title": "--title", "organizer": "--organizer"}
        field = str(error["loc"][0]) if error["loc"] else ""
        raise XlsxFormError(option.get(field, "batch"), error["msg"]).saying(
            "batch_value", why=error["msg"]
        ) from None


def _add_evidence(builder: PackageBuilder, workbook: Path, form: ReadForm) -> None:
    """Hash each listed file into the package; a file that cannot be read names its cell."""
    for item in form.evidence:
        try:
            builder.add_evidence_path(
                item.submission, item.path, item.title, item.indicators, filename=item.filename
            )
        except OSError as exc:
            raise XlsxFormError(
                workbook.name,
                f"cannot read '{item.filename}': {exc.strerror or exc}",
                sheet=form.evidence_title,
                cell=item.ref,
            ).saying("evidence_unreadable", file=item.filename, why=exc.strerror or exc) from None
        except ValidationError as exc:  # what the builder derives breaks a manifest rule
            problem, facts = _evidence_problem(exc)
            raise XlsxFormError(
                workbook.name, problem, sheet=form.evidence_title, cell=item.ref
            ).saying(
                "evidence_id" if facts["field"] == "id" else "evidence_field", **facts
            ) from None


def form_import(workbook: Path, form: ReadForm, evidence_dir: Path | None) -> FormImport:
    """The import summary the package carries and the command prints."""
    table = form.reader.table
    submissions = [item.submission for item in form.rows]
    listed = {item.path for item in form.evidence}
    return FormImport(
        workbook=workbook.name,
        sheet=form.reader.sheet.title,
        rows=table.rows if table else 0,
        number_only_rows=table.number_only if table else 0,
        submissions=len(submissions),
        values=sum(len(item.values) for item in submissions),
        evidence_files=len(form.evidence),
        unlisted_evidence=unlisted_files(evidence_dir, listed) if evidence_dir else [],
        merges=form.findings.merges,
        removed=[
            FormRemoval(sheet=sheet, cell=cell, characters=characters)
            for (sheet, cell), characters in form.findings.removed.items()
        ],
    )


def workbook_to_package(
    workbook: Path,
    evidence_dir: Path | None,
    scheme_id: str,
    out: Path,
    *,
    batch_id: str | None = None,
    title: str | None = None,
    organizer: str | None = None,
    created: datetime | None = None,
    experts: Sequence[str] = (),
) -> Manifest:
    """Read the Excel form ``workbook`` and write the batch package ``out``.

    ``experts`` are ``ID:NAME`` texts added after the workbook's sheet ``专家``. Every
    expert is assigned every submission. Raises ``XlsxFormError`` (or ``SchemeNotFound``)
    with one line saying what and where; nothing is written then.
    """
    bundled = resolve_scheme(scheme_id)
    scheme = bundled.scheme
    # The exact bytes of the file, so the package's scheme hash is the file's.
    scheme_text = bundled.path.read_bytes().decode("utf-8")
    created = created or datetime.now().astimezone()
    if created.tzinfo is None:
        raise XlsxFormError("--created", "must include a UTC offset, e.g. +08:00").saying(
            "no_offset_given"
        )
    _check_paths(workbook, evidence_dir, out)

    form = read_form(workbook, evidence_dir, scheme)
    roster = merge_roster(form.experts, experts)
    if not roster:
        raise XlsxFormError(
            workbook.name,
            f"no experts: fill the sheet '{ROSTER_SHEET}' (编号, 姓名, 单位, 角色)"
            " or give --expert ID:NAME",
        ).saying("no_experts", name=ROSTER_SHEET)

    batch = _batch_info(workbook, scheme.id, created, batch_id, title, organizer)
    builder = PackageBuilder(scheme_text, batch)
    rows = form.rows
    builder.form_import = form_import(workbook, form, evidence_dir)
    builder.submissions.extend(item.submission for item in rows)
    builder.roster.extend(roster)
    builder.assignments.extend(
        Assignment(expert=expert.id, submission=item.submission.id)
        for expert in roster
        for item in rows
    )
    _add_evidence(builder, workbook, form)
    problem = crosscheck(builder.manifest(), scheme)
    if problem:  # the readers should have refused it already
        raise XlsxFormError(workbook.name, f"the package would be invalid: {problem}").saying(
            "package_invalid", why=problem
        )
    try:
        return builder.write(out)
    except OSError as exc:
        raise XlsxFormError(str(out), f"cannot write the package: {exc.strerror or exc}").saying(
            "package_not_written", why=exc.strerror or exc
        ) from None
