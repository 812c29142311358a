"""Second scoring rounds: the chair's request file, and taking it into an expert's session.

The chair sends flagged indicators back (``chair round2``); ``write_round_request`` puts
every open request of the merge folder in one small file (``expertscore-round/1``, see
docs/formats.md) that travels to the experts like a batch package. ``apply_round_request``
records the requests addressed to the session's expert, reopens a submitted session with
the request as the reason, and from then on the expert may enter round-2 scores for those
indicators; round-1 scores stay as they were. The expert's next result file carries both
rounds, and the chair's merge uses the latest round.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from sqlalchemy import select

from expertscore.batch.package import OpenedPackage
from expertscore.chair.decisions import Decisions
from expertscore.errors import ExpertScoreError
from expertscore.scoring.service import ScoringService, now_text
from expertscore.storage import models as m
from expertscore.storage.session import SessionFile
from expertscore.vocabulary import EditKind

ROUND_FORMAT = "expertscore-round/1"


class RoundRequestError(ExpertScoreError):
    """A round request file that cannot be read or is not for this session."""


class RoundItem(BaseModel):
    model_config = ConfigDict(extra="forbid")

    submission: str
    indicator: str
    experts: list[str] = Field(min_length=1)
    reason: str


class RoundRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    format: str = Field(pattern=r"^expertscore-round/1$")
    batch_id: str
    batch_sha256: str
    round: int = Field(ge=2)
    requested_by: str
    items: list[RoundItem] = Field(min_length=1)


def write_round_request(
    package: OpenedPackage, decisions: Decisions, requested_by: str, out: Path
) -> Path:
    if not decisions.rounds:
        raise RoundRequestError("no indicator has been sent to a second round").saying(
            "nothing_sent"
        )
    request = RoundRequest(
        format=ROUND_FORMAT,
        batch_id=package.manifest.batch.id,
        batch_sha256=package.manifest_sha256,
        round=2,
        requested_by=requested_by,
        items=[
            RoundItem(
                submission=r.submission,
                indicator=r.indicator,
                experts=list(r.experts),
                reason=r.reason,
            )
            for r in decisions.rounds.values()
        ],
    )
    out.write_text(
        json.dumps(request.model_dump(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    return out


def read_round_request(path: Path) -> RoundRequest:
    try:
        return RoundRequest.model_validate_json(path.read_bytes())
    except FileNotFoundError:
        raise RoundRequestError(f"{path}: no such file").saying("no_file", path=path) from None
    except (ValidationError, ValueError) as exc:
        first = exc.errors(include_url=False)[0]["msg"] if isinstance(exc, ValidationError) else exc
        raise RoundRequestError(f"{path}: not a round request ({first})").saying(
            "not_a_request", path=path, why=first
        ) from None


def apply_round_request(session: SessionFile, path: Path) -> list[RoundItem]:
    """Record the requests for this session's expert; reopen the session if submitted."""
    request = read_round_request(path)
    info = session.info
    if (request.batch_id, request.batch_sha256) != (info.batch_id, info.manifest_sha256):
        raise RoundRequestError(
            f"{path}: the request is for batch {request.batch_id}, not this one"
        ).saying("other_batch", path=path, batch=request.batch_id)
    mine = [item for item in request.items if info.expert_id in item.experts]
    if not mine:
        return []
    scoring = ScoringService(session)
    for item in mine:
        if item.indicator not in {leaf.code for leaf in scoring.assigned_leaves(item.submission)}:
            raise RoundRequestError(
                f"{path}: {item.submission} {item.indicator} is not assigned to {info.expert_id}"
            ).saying(
                "not_assigned",
                path=path,
                submission=item.submission,
                indicator=item.indicator,
                expert=info.expert_id,
            )
    if scoring.locked_by() is not None:
        scoring.unlock(f"第{request.round}轮评分（{request.requested_by}）")
    with session.writing() as orm:
        known = {
            (r.submission_id, r.indicator, r.round) for r in orm.scalars(select(m.RescoreRequest))
        }
        for item in mine:
            if (item.submission, item.indicator, request.round) in known:
                continue
            orm.add(
                m.RescoreRequest(
                    submission_id=item.submission,
                    indicator=item.indicator,
                    round=request.round,
                    reason=item.reason,
                    requested_by=request.requested_by,
                    received_at=now_text(),
                )
            )
        scoring.append_log(
            orm,
            EditKind.ROUND_REQUEST,
            {"round": request.round, "items": [[i.submission, i.indicator] for i in mine]},
        )
    return mine
