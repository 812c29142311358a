"""How the organizer window guides: its menus and help, what each step still needs, and
the ways out of a submission that cannot be assigned (to the roster, on the right cell)."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMessageBox

from expertscore import __version__
from ui.messages import error_text
from ui.organizer.models import R_CONFLICTS, R_ROLE
from ui.plaintext import shown

SOURCE, ROSTER = 0, 1


class WindowGuide(QObject):
    """The menu bar of the window ``w`` and the needs of its steps."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.w = window
        self._menus()

    def _menus(self) -> None:
        bar = self.w.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        for text, shortcut, slot in (
            (self.tr("&Open the authority's export…"), QKeySequence.StandardKey.Open, self._open),
            (self.tr("Add &key cards…"), None, self.w._choose_cards),
            (self.tr("Open &roster…"), None, self.w._choose_roster),
            (self.tr("&Save roster…"), QKeySequence.StandardKey.Save, self.w._save_roster),
            (self.tr("Sign and &export"), "Ctrl+E", lambda: self.w.export()),
        ):
            action = file_menu.addAction(text)
            action.triggered.connect(slot)
            if shortcut is not None:
                action.setShortcut(QKeySequence(shortcut))
        file_menu.addSeparator()
        quit_action = file_menu.addAction(self.tr("&Quit"))
        quit_action.setObjectName("quitAction")
        quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        quit_action.triggered.connect(self.w.close)
        help_menu = bar.addMenu(self.tr("&Help"))
        steps = help_menu.addAction(self.tr("The &steps of a round"))
        steps.setShortcut(QKeySequence.StandardKey.HelpContents)
        steps.triggered.connect(self._explain_steps)
        about = help_menu.addAction(self.tr("&About ExpertScore"))
        about.triggered.connect(self._about)

    def _open(self) -> None:
        self.w.tabs.setCurrentIndex(SOURCE)
        self.w.source_page.source.choose()

    def _explain_steps(self) -> None:
        QMessageBox.information(
            self.w,
            self.tr("The steps of a round"),
            self.tr(
                "1 Source: open the authority's package, or its Excel form with the evidence"
                " folder.\n2 Roster: add the experts' key cards; set roles and declared"
                " conflicts.\n3 Organizer-set values: the numbers the guide leaves open.\n"
                "4 Assignments: who scores what; a submission that cannot be assigned is"
                " listed with its ways out.\n5 Sign and export: confirm the organizer's name"
                " and the round's batch id, sign with an organizer key (never an expert's).\n"
                "Back and Next (Alt+B, Alt+N) go through the steps."
            ),
        )

    def _about(self) -> None:
        QMessageBox.about(
            self.w,
            self.tr("About ExpertScore"),
            self.tr(
                "ExpertScore {version}: offline expert scoring of industrial internet platforms."
            ).format(version=__version__),
        )

    def source_needs(self) -> str | None:
        return self.tr("open the authority's export") if self.w.draft is None else None

    def roster_needs(self) -> str | None:
        if self.w.draft is None or self.w.draft.roster.experts:
            return None
        return self.tr("add the experts' key cards")

    def values_needs(self) -> str | None:
        problem = self.w.values_model.refusal
        return error_text(problem) if problem else None

    def assignments_needs(self) -> str | None:
        preview = self.w.grid_model.preview
        if preview is None or self.w.draft is None:
            return None
        if preview.short:
            return self.tr("{count} submissions cannot be assigned: see the ways out").format(
                count=len({item.submission for item in preview.short})
            )
        return error_text(preview.problem) if preview.problem else None

    def export_needs(self) -> str | None:
        return self.w.export_problem() or self.w.export_step.signing_problem()

    # --- ways out of a shortfall ------------------------------------------------------

    def add_expert_for(self, role: str) -> None:
        """A way out: the roster step, where the key cards are chosen at once; the first
        expert added is then the current row, on the role to set (F2 edits it)."""
        self.w.tabs.setCurrentIndex(ROSTER)
        page = self.w.roster_page
        page.add_cards.setFocus()
        asked = (
            self.tr("Add an expert with role {role} from a key card, then set the role.").format(
                role=role
            )
            if role
            else self.tr("Add an expert from a key card.")
        )
        page.message.setText(asked)
        before = {e.id for e in self.w.roster_model.experts()}
        self.w._choose_cards()
        experts = [e.id for e in self.w.roster_model.experts()]
        added = [row for row, expert in enumerate(experts) if expert not in before]
        if added:
            page.table.setCurrentIndex(self.w.roster_model.index(added[0], R_ROLE))
            page.table.setFocus()
            if role and not page.message.text():
                page.message.setText(
                    self.tr("Set the role {role} of the expert added (F2).").format(role=role)
                )

    def review_conflict(self, expert: str, submission: str) -> None:
        """A way out: the roster step, on the expert's declared conflicts."""
        self.w.tabs.setCurrentIndex(ROSTER)
        experts = [e.id for e in self.w.roster_model.experts()]
        if expert not in experts:
            return
        table = self.w.roster_page.table
        index = self.w.roster_model.index(experts.index(expert), R_CONFLICTS)
        table.setCurrentIndex(index)
        table.setFocus()
        reason = (self.w.grid_model.preview.conflicts if self.w.grid_model.preview else {}).get(
            (expert, submission), ""
        )
        self.w.roster_page.message.setText(
            shown(
                self.tr("{expert} is kept apart from {submission}: {reason}.").format(
                    expert=expert, submission=submission, reason=reason
                )
            )
        )
