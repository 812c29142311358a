"""The drill-down under the matrix: one indicator of one submission, every expert's word.

Shows the indicator and its reported value, the panel score (computed, or agreed with the
panel's reason), the flags explained, a second-round request, and per expert the score,
the round, the value they verified and their comment; the expert of the selected cell is
highlighted. Plain HTML in a ``QTextBrowser``; every text from files goes through
``ui.plaintext.markup`` (escaped, controls made visible).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QTextBrowser, QWidget

from expertscore.chair.aggregate import IndicatorResult
from expertscore.chair.flag_states import VERIFIED_VALUE, FlagState, distinct_values, statuses
from ui.chair.matrix import plain_number
from ui.chair.state import ChairState
from ui.chair.texts import cause_text, flag_explanation, flag_label
from ui.plaintext import markup

HIGHLIGHT = "#fef9c3"
DETAIL_LIMIT = 20_000  # characters of one comment or reason: the whole of any real one


def escape(text: object) -> str:
    return markup(text, DETAIL_LIMIT)


def _expert_rows(
    state: ChairState, sid: str, result: IndicatorResult, selected: str | None
) -> list[str]:
    rows = []
    for expert in state.experts_of(sid):
        item = state.score_item(expert, sid, result.code)
        points = result.scores.get(expert)
        recused = state.recusal(expert, sid)
        if recused is not None:
            score = escape(
                QCoreApplication.translate("ChairDetail", "recused: {reason}").format(
                    reason=recused
                )
            )
        elif not state.has_result(expert):
            score = escape(QCoreApplication.translate("ChairDetail", "no result yet"))
        elif points is None:
            score = "—"
        else:
            score = escape(plain_number(points))
            if expert not in result.kept:
                trimmed = escape(QCoreApplication.translate("ChairDetail", "trimmed"))
                score = f"<span style='color:#6b7280'>{score} ({trimmed})</span>"
        round_text = str(item.round) if item is not None else ""
        verified = escape(item.verified_value or "") if item is not None else ""
        comment = escape(item.comment) if item is not None else ""
        shade = f" style='background:{HIGHLIGHT}'" if expert == selected else ""
        rows.append(
            f"<tr{shade}><td>{escape(state.expert_label(expert))}</td>"
            f"<td align='right'>{score}</td><td align='center'>{round_text}</td>"
            f"<td>{verified}</td><td>{comment}</td></tr>"
        )
    return rows


def detail_html(
    state: ChairState, sid: str, result: IndicatorResult, selected: str | None = None
) -> str:
    head = f"<h3>{escape(result.code)} {escape(state.node_name(result.code))}</h3>"
    facts = [
        QCoreApplication.translate("ChairDetail", "Maximum: {maximum}").format(
            maximum=plain_number(result.maximum)
        ),
    ]
    reported = state.reported(sid, result.code)
    if reported:
        facts.append(
            QCoreApplication.translate("ChairDetail", "Reported value: {value}").format(
                value=reported
            )
        )
    if result.override is not None:
        facts.append(
            QCoreApplication.translate(
                "ChairDetail",
                "Agreed panel score {points} (computed {exact}), cause: {cause}; reason: {reason}",
            ).format(
                points=plain_number(result.override.points),
                exact=state.number(result.exact) if result.exact is not None else "—",
                cause=cause_text(result.override.cause),
                reason=result.override.reason,
            )
        )
    else:
        facts.append(
            QCoreApplication.translate(
                "ChairDetail", "Panel score: {points}, from {experts}"
            ).format(
                points=state.number(result.panel) or "—", experts=", ".join(result.kept) or "—"
            )
        )
    facts.append(
        QCoreApplication.translate("ChairDetail", "Spread: {spread}").format(
            spread=plain_number(result.spread)
        )
    )
    for status in statuses(result):
        if status.state is FlagState.OPEN:
            state_text = QCoreApplication.translate("ChairDetail", "open")
        elif status.resolved_by == VERIFIED_VALUE:
            state_text = QCoreApplication.translate("ChairDetail", "resolved by the verified value")
        else:
            state_text = QCoreApplication.translate("ChairDetail", "resolved by the agreed score")
        flag = status.flag
        facts.append(f"⚑ {flag_label(flag)} ({state_text}): {flag_explanation(flag)}")
        if flag == "reverify":
            sheets = [s for s in state.inp.sheets if s.submission == sid]
            values = "; ".join(
                f"{value} ({', '.join(experts)})"
                for value, experts in distinct_values(sheets, result)
            )
            facts.append(
                QCoreApplication.translate("ChairDetail", "Values given: {values}").format(
                    values=values
                )
            )
    agreed = result.agreed_value
    if agreed is not None:
        facts.append(
            QCoreApplication.translate(
                "ChairDetail", "The panel's verified value: {value} (recorded by {by}: {reason})"
            ).format(value=agreed.value, by=agreed.decided_by, reason=agreed.reason)
        )
    request = state.decisions.rounds.get((sid, result.code))
    if request is not None:
        facts.append(
            QCoreApplication.translate(
                "ChairDetail", "Second round requested from {experts}: {reason}"
            ).format(experts=", ".join(request.experts), reason=request.reason)
        )
    header = "".join(
        f"<th align='left'>{escape(text)}</th>"
        for text in (
            QCoreApplication.translate("ChairDetail", "Expert"),
            QCoreApplication.translate("ChairDetail", "Score"),
            QCoreApplication.translate("ChairDetail", "Round"),
            QCoreApplication.translate("ChairDetail", "Verified value"),
            QCoreApplication.translate("ChairDetail", "Comment"),
        )
    )
    table = (
        "<table cellspacing='0' cellpadding='4' width='100%' border='0'>"
        f"<tr style='background:#f3f4f6'>{header}</tr>"
        + "".join(_expert_rows(state, sid, result, selected))
        + "</table>"
    )
    return head + "".join(f"<p style='margin:2px'>{escape(f)}</p>" for f in facts) + table


class DetailView(QTextBrowser):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chairDetail")
        self.setOpenLinks(False)
        self.show_nothing()

    def show_nothing(self) -> None:
        self.setHtml(
            "<p style='color:#6b7280'>"
            + escape(
                QCoreApplication.translate(
                    "ChairDetail", "Choose an indicator to see every expert's score and comment."
                )
            )
            + "</p>"
        )

    def show_indicator(
        self, state: ChairState, sid: str, result: IndicatorResult, selected: str | None
    ) -> None:
        self.setHtml(detail_html(state, sid, result, selected))
