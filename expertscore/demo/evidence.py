"""Which evidence files a submission attaches, the indicators each supports, and rendering.

Every submission has its summary sheet; one to four more files are drawn from the kinds
that have something to support in its category (an audit report needs financial figures,
a photo of connected equipment needs a device count, and so on).

Planning (``plan_evidence``) draws from the batch's random stream; rendering
(``render_evidence``) depends only on its ``EvidenceJob``, whose own seed was drawn while
planning, so jobs can be rendered in any process in any order with the same bytes.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

from expertscore.demo.cases import code_key
from expertscore.demo.evidence_pdf import audit_leaves, audit_pdf, summary_pdf
from expertscore.demo.evidence_pdf_more import case_pdf, ip_leaves, ip_pdf
from expertscore.demo.evidence_png import dashboard_png, photo_png
from expertscore.demo.evidence_xlsx import catalog_xlsx, list_leaves
from expertscore.demo.names import Namer
from expertscore.demo.profiles import Profile
from expertscore.demo.submissions import DemoSubmission
from expertscore.schemes.model import DataSource, Indicator

MIN_FILES, MAX_FILES = 2, 5
MONITORED_UNITS = ("台/套", "户", "次", "TB", "核")


@dataclass(frozen=True)
class EvidenceFile:
    filename: str
    title: str
    data: bytes
    indicators: list[str]


@dataclass(frozen=True)
class Draw:
    """What a renderer gets: the batch's randomness and names, the submission, its leaves."""

    rng: random.Random
    namer: Namer
    sub: DemoSubmission
    basis: str  # the scheme's title and version, printed on the summary sheet
    leaves: list[Indicator]


@dataclass(frozen=True)
class Kind:
    title: str
    extension: str
    supports: Callable[[DemoSubmission], list[Indicator]]
    render: Callable[[Draw], bytes]


def _unit(leaf: Indicator) -> str:
    return leaf.reported.unit if leaf.reported else "text"


def reported_figures(sub: DemoSubmission) -> list[Indicator]:
    figures = [leaf for leaf in sub.leaves if _unit(leaf) != "text"]
    return figures or sub.leaves


def monitored(sub: DemoSubmission) -> list[Indicator]:
    """Figures read from the monitoring interface, else the ones a dashboard would show."""
    port = [
        leaf
        for leaf in sub.leaves
        if leaf.reported and leaf.reported.source == DataSource.PORT and _unit(leaf) != "text"
    ]
    if port:
        return port
    return [
        leaf
        for leaf in sub.leaves
        if _unit(leaf) in MONITORED_UNITS or (_unit(leaf) == "个" and "APP" in leaf.name)
    ]


def devices(sub: DemoSubmission) -> list[Indicator]:
    return [
        leaf
        for leaf in sub.leaves
        if ("设备" in leaf.name and _unit(leaf) == "台/套") or "边缘" in leaf.name
    ]


def case_leaves(sub: DemoSubmission) -> list[Indicator]:
    codes = {code for case in sub.cases for code in case.indicators}
    return [leaf for leaf in sub.leaves if leaf.code in codes]


SUMMARY = Kind("申报材料汇总表", "pdf", reported_figures, lambda d: summary_pdf(d.sub, d.basis))
OPTIONAL = (
    Kind("审计报告（摘要）", "pdf", audit_leaves, lambda d: audit_pdf(d.rng, d.namer, d.sub)),
    Kind("典型应用案例", "pdf", case_leaves, lambda d: case_pdf(d.rng, d.sub)),
    Kind("知识产权清单", "pdf", ip_leaves, lambda d: ip_pdf(d.rng, d.sub)),
    Kind("平台运行监测大屏截图", "png", monitored, lambda d: dashboard_png(d.rng, d.sub, d.leaves)),
    Kind("设备接入现场照片", "png", devices, lambda d: photo_png(d.rng, d.sub)),
    Kind(
        "工业APP及模型清单",
        "xlsx",
        lambda sub: list_leaves(sub.leaves),
        lambda d: catalog_xlsx(d.rng, d.sub, d.leaves),
    ),
)


KINDS = (SUMMARY, *OPTIONAL)


@dataclass(frozen=True)
class EvidenceJob:
    """Everything needed to render one submission's evidence files."""

    sub: DemoSubmission
    profile: Profile
    basis: str
    kinds: tuple[int, ...]  # indexes into KINDS, the summary sheet first
    seed: int


def plan_evidence(rng: random.Random, sub: DemoSubmission) -> tuple[int, ...]:
    """Two to five kinds: the summary sheet and some of the kinds that fit the submission."""
    available = [index for index, kind in enumerate(KINDS) if index and kind.supports(sub)]
    wanted = rng.randint(MIN_FILES, MAX_FILES) - 1
    chosen = sorted(rng.sample(available, min(wanted, len(available))))
    return (0, *chosen)


def render_evidence(job: EvidenceJob) -> list[EvidenceFile]:
    rng = random.Random(job.seed)
    namer = Namer(rng, job.profile)
    files = []
    for index in job.kinds:
        kind = KINDS[index]
        leaves = kind.supports(job.sub)
        data = kind.render(Draw(rng, namer, job.sub, job.basis, leaves))
        files.append(
            EvidenceFile(
                filename=f"{kind.title}.{kind.extension}",
                title=kind.title,
                data=data,
                indicators=sorted((leaf.code for leaf in leaves), key=code_key),
            )
        )
    return files
