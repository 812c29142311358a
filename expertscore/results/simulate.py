"""``expertscore simulate``: K experts with their own keys score a batch and submit.

Everything goes through the same core code as a real expert: ``create_session``, the
``ScoringService`` setters (so entries are checked by the scoring modes and logged in the hash
chain), and ``submit``. The output folder gets, per expert, the session
(``<id>.esession``), the signed result (``<id>.esresult``) and the key card
(``<id>.eskeycard``) the chair pins in the roster.

Deterministic by seed: keys are derived from the seed and the expert's id, random choices
come from generators seeded by the seed, and time stamps from a simulated clock that starts
the day after the batch was created, so the same seed gives byte-identical result files.
The session files differ only in when they were imported.
"""

from __future__ import annotations

import hashlib
import json
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import event, select

from expertscore.batch.manifest import Expert
from expertscore.batch.package import OpenedPackage, open_package
from expertscore.errors import ExpertScoreError
from expertscore.identity.keycard import CARD_SUFFIX, make_card, write_card
from expertscore.identity.keys import ExpertKey
from expertscore.results.envelope import RESULT_SUFFIX
from expertscore.results.simulated_expert import (
    RECUSAL_REASONS,
    SUBMISSION_COMMENTS,
    ExpertProfile,
    SharedTruth,
    comment_for,
    fraction_for,
    judge,
    make_profile,
)
from expertscore.results.submit import submit
from expertscore.scoring.familiarity import LEVELS as FAMILIARITY_LEVELS
from expertscore.scoring.familiarity import set_familiarity
from expertscore.scoring.modes import ScoreRejected
from expertscore.scoring.service import RECUSED, Entry, Note, Pin, ScoringService
from expertscore.scoring.totals import grade_for
from expertscore.storage import models as m
from expertscore.storage.cipher import SessionKey
from expertscore.storage.importer import create_session
from expertscore.storage.session import SessionFile

SESSION_SUFFIX = ".esession"
ProgressCallback = Callable[[int, int], None]  # (experts done, experts in all)


class SimulationError(ExpertScoreError):
    """The simulation cannot run as asked."""


@dataclass(frozen=True)
class SimulatedExpert:
    expert_id: str
    name: str
    fingerprint: str
    session: Path
    result: Path
    keycard: Path
    scored: int
    recused: int


class SimClock:
    """Seeded simulated time: a second or so per call, and a pause to think per edit."""

    def __init__(self, start: datetime, rng: random.Random) -> None:
        self.now = start
        self.rng = rng

    def __call__(self) -> str:
        self.now += timedelta(seconds=self.rng.randint(0, 1))
        return self.now.isoformat(timespec="seconds")

    def think(self) -> None:
        self.now += timedelta(seconds=self.rng.randint(8, 150))


def simulated_key(seed: int, expert: Expert, created: str) -> ExpertKey:
    secret = hashlib.sha256(f"expertscore-simulate/{seed}/{expert.id}".encode()).digest()
    return ExpertKey.from_private_key(
        Ed25519PrivateKey.from_private_bytes(secret),
        expert.id,
        expert.name,
        expert.organization,
        created,
    )


def _panel(opened: OpenedPackage, count: int) -> list[Expert]:
    assigned = {a.expert for a in opened.manifest.assignments}
    candidates = [e for e in opened.manifest.roster if e.id in assigned]
    if not 1 <= count <= len(candidates):
        raise SimulationError(
            f"asked for {count} experts; the batch has {len(candidates)} experts with assignments"
        ).saying("too_many", count=count, available=len(candidates))
    return candidates[:count]


def _far_off(
    opened: OpenedPackage, panel: list[Expert], rng: random.Random
) -> tuple[str, str] | None:
    """One (expert, submission) where the expert misjudges the whole submission."""
    if len(panel) < 3:
        return None
    expert = rng.choice(panel)
    conflicts = {(c.expert, c.submission) for c in opened.manifest.conflicts}
    subs = [
        a.submission
        for a in opened.manifest.assignments
        if a.expert == expert.id and (expert.id, a.submission) not in conflicts
    ]
    return (expert.id, rng.choice(subs)) if subs else None


def simulate(
    package: Path,
    experts: int,
    seed: int,
    out: Path,
    progress: ProgressCallback | None = None,
    *,
    session_passphrase: str | None = None,
    recipients: Sequence[str] = (),
) -> list[SimulatedExpert]:
    """Play ``experts`` experts of ``package``'s roster; write their files into ``out``.

    With ``session_passphrase`` every session is encrypted with it (each with its own salt);
    with ``recipients`` (the chair's) every result file is encrypted to them."""
    opened = open_package(package)
    panel = _panel(opened, experts)
    out.mkdir(parents=True, exist_ok=True)
    for expert in panel:
        for suffix in (SESSION_SUFFIX, RESULT_SUFFIX):
            if (out / f"{expert.id}{suffix}").exists():
                raise SimulationError(
                    f"{out / (expert.id + suffix)}: exists; use an empty folder"
                ).saying("exists", path=out / (expert.id + suffix))
    rng = random.Random(f"expertscore-simulate/{seed}")
    truth = SharedTruth(
        seed=seed,
        quality={s.id: min(0.95, rng.betavariate(5, 3)) for s in opened.manifest.submissions},
    )
    far_off = _far_off(opened, panel, rng)
    recused_by_others: set[str] = set()
    done: list[SimulatedExpert] = []
    start = opened.manifest.batch.created + timedelta(days=1)
    for index, expert in enumerate(panel):
        player_rng = random.Random(f"expertscore-simulate/{seed}/{expert.id}")
        clock = SimClock(start + timedelta(hours=index), player_rng)
        key = simulated_key(seed, expert, clock())
        if expert.public_key and expert.public_key != key.info.public_key:
            raise SimulationError(
                f"the roster pins another key for {expert.id}; simulate with the seed whose"
                " key cards were pinned"
            ).saying("pinned", expert=expert.id)
        session_key = SessionKey.new(session_passphrase) if session_passphrase else None
        session_path = create_session(
            package, expert.id, out / f"{expert.id}{SESSION_SUFFIX}", key=session_key
        )
        with SessionFile(session_path) as session:
            _without_fsync(session)
            player = _Player(
                ScoringService(session, clock),
                clock,
                truth,
                make_profile(player_rng),
                player_rng,
                far_off,
            )
            scored, recused = player.play(expert.id, recused_by_others)
            clock.think()
            result = submit(session, key, out / f"{expert.id}{RESULT_SUFFIX}", clock, recipients)
        card = write_card(make_card(key, key.info.created), out / f"{expert.id}{CARD_SUFFIX}")
        done.append(
            SimulatedExpert(
                expert.id,
                expert.name,
                key.info.fingerprint,
                session_path,
                result.path,
                card,
                scored,
                recused,
            )
        )
        if progress:
            progress(index + 1, len(panel))
    return done


def _no_sync(dbapi_connection, _record: object) -> None:
    dbapi_connection.execute("PRAGMA synchronous=OFF")


def _without_fsync(session: SessionFile) -> None:
    """Skip the per-edit fsync: a simulated session is made in bulk and made again on a crash.

    An expert's session syncs every edit (``synchronous=FULL``); that is most of the time a
    simulated edit takes. The pooled connection is dropped so that new ones get the pragma.
    """
    event.listen(session.engine, "connect", _no_sync)
    session.engine.dispose()


class _Player:
    """One expert working through a session, in batch order."""

    def __init__(
        self,
        scoring: ScoringService,
        clock: SimClock,
        truth: SharedTruth,
        profile: ExpertProfile,
        rng: random.Random,
        far_off: tuple[str, str] | None,
    ) -> None:
        self.scoring = scoring
        self.clock = clock
        self.truth = truth
        self.profile = profile
        self.rng = rng
        self.far_off = far_off
        with scoring.session.orm() as orm:
            self.submissions = {s.id: s for s in orm.scalars(select(m.Submission))}
            self.evidence = [
                (e.id, e.submission_id, e.media_type, set(json.loads(e.indicators)))
                for e in orm.scalars(select(m.Evidence).order_by(m.Evidence.position))
            ]

    def play(self, expert_id: str, recused_by_others: set[str]) -> tuple[int, int]:
        scored = recused = 0
        for row in self.scoring.submissions():
            if row.state == RECUSED:
                recused += 1
                continue
            if row.id not in recused_by_others and self.rng.random() < 0.03:
                self.clock.think()
                self.scoring.recuse(row.id, self.rng.choice(RECUSAL_REASONS))
                recused_by_others.add(row.id)
                recused += 1
                continue
            shift = 0.0
            if self.far_off == (expert_id, row.id):
                shift = -0.6 if self.truth.quality[row.id] >= 0.5 else 0.6
            self._score_submission(row.id, shift)
            scored += 1
        return scored, recused

    def _score_submission(self, sid: str, shift: float) -> None:
        scoring = self.scoring
        reported = scoring.reported_values(sid)
        for leaf in scoring.assigned_leaves(sid):
            value = reported[leaf.code].value if leaf.code in reported else None
            fraction = fraction_for(self.truth, self.profile, leaf, sid, self.rng, shift)
            judgement = judge(scoring.scheme, leaf, fraction, value, self.rng)
            if self.rng.random() < 0.05:  # a first entry, corrected a moment later
                first = judge(scoring.scheme, leaf, 1 - fraction, value, self.rng)
                self._enter(sid, leaf.code, first.entry)
            self._enter(sid, leaf.code, judgement.entry)
            if judgement.verified_value is not None:
                self.clock.think()
                scoring.set_verified_value(sid, leaf.code, judgement.verified_value)
            comment = comment_for(judgement, self.profile, self.rng)
            if comment:
                self.clock.think()
                scoring.set_comment(sid, leaf.code, comment)
            pins = [e for e in self.evidence if e[1] == sid and leaf.code in e[3]]
            if pins and self.rng.random() < 0.3:
                evidence_id, _sid, media_type, _codes = pins[0]
                page = self.rng.randint(1, 6) if media_type == "application/pdf" else None
                self.clock.think()
                scoring.set_pins(sid, leaf.code, [Pin(evidence_id, page)])
        self._classify(sid)
        self._mark_familiarity(sid)

    def _mark_familiarity(self, sid: str) -> None:
        """Most experts mark how familiar they are (熟悉程度). By a generator of its own and
        at the clock's current time (the clock draws from the scores' generator), so every
        score and time is the same as without the marks."""
        scoring = self.scoring
        rng = random.Random(
            f"expertscore-simulate/familiarity/{scoring.session.info.expert_id}/{sid}"
        )
        if rng.random() >= 0.8:
            return
        clock = scoring.clock
        scoring.clock = lambda: self.clock.now.isoformat(timespec="seconds")
        try:
            set_familiarity(scoring, sid, rng.choice(FAMILIARITY_LEVELS))
        finally:
            scoring.clock = clock

    def _enter(self, sid: str, code: str, entry: Entry) -> None:
        self.clock.think()
        try:
            self.scoring.set_entry(sid, code, entry)
        except ScoreRejected:
            # An override off the band's step: the expert takes the suggestion instead.
            if entry.points is None:
                raise
            self.scoring.set_entry(sid, code, Entry(choice="suggested"))

    def _classify(self, sid: str) -> None:
        sub = self.submissions[sid]
        scheme = self.scoring.scheme
        totals = self.scoring.rollup(sid)
        grade = grade_for(scheme, sub.category, totals.percent)
        self.clock.think()
        self.scoring.set_note(
            sid,
            Note(
                comment=self.rng.choice(SUBMISSION_COMMENTS[self.truth.level(sid)]),
                category=sub.category,
                industry_tags=json.loads(sub.industry_tags),
                domain_tags=json.loads(sub.domain_tags),
                level=grade.code if grade else None,
            ),
        )
