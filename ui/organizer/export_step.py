"""The organizer window's last step: confirm who prepares the round, sign it, write it.

The organizer's name and the round's batch id are fields the organizer sees and confirms
(filled with the authority's name and a new id); the signing key is one of this
computer's organizer keys, opened with its passphrase on the worker thread. The core
refuses a key on the roster (``SignerOnRoster``); the window says so in its own words.

The organizer also chooses the round's signature algorithm (Ed25519, or SM2 for 国密):
only organizer keys of that algorithm are offered, a new one is made with it, and a roster
key of the other algorithm keeps the round from being exported, naming the expert.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QObject

from expertscore.batch.manifest import ID_PATTERN
from expertscore.batch.sealed_package import package_recipients
from expertscore.crypto.dsse import SM2
from expertscore.errors import WrongAlgorithm
from expertscore.identity.keycard import read_card
from expertscore.identity.keys import ORGANIZER, ExpertKey, WrongPassphrase, open_key
from expertscore.organizer.prepare import SignerOnRoster
from ui.chair.texts import failure_text
from ui.messages import error_text
from ui.new_key import NewRoleKeyDialog
from ui.organizer.draft import Exported, export_round
from ui.tasks import BackgroundOp


class ExportStep(QObject):
    """The export page's checks and actions, for the window ``w``."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.w = window
        window.export_page.algorithm.currentIndexChanged.connect(self._algorithm_chosen)

    def algorithm_name(self, algorithm: str) -> str:
        return self.tr("SM2") if algorithm == SM2 else self.tr("Ed25519")

    def _algorithm_chosen(self, _index: int) -> None:
        if self.w.draft is None:
            return
        self.w.draft.algorithm = self.w.export_page.algorithm.currentData()
        self._refresh_keys()
        self.w._update_export()

    def export_problem(self) -> str | None:
        """Why the package cannot be exported now, or ``None``."""
        if self.w.draft is None:
            return self.tr("Open the authority's export first.")
        if self.w.values_model.refusal:
            return error_text(self.w.values_model.refusal)
        preview = self.w.grid_model.preview
        if preview is None or preview.problem:
            return error_text(preview.problem) if preview and preview.problem else ""
        if preview.short:
            return self.tr("{count} submissions cannot be assigned yet (step 4).").format(
                count=len({item.submission for item in preview.short})
            )
        page = self.w.export_page
        other = self.w.draft.other_algorithm_keys()
        if other:
            expert, found = other[0]
            return self.tr(
                "The key of {expert} is {found}, but this round is signed with {expected}: ask"
                " for a key card of {expected}, or choose {found}."
            ).format(
                expert=expert,
                found=self.algorithm_name(found),
                expected=self.algorithm_name(self.w.draft.algorithm),
            )
        if not page.organizer.text().strip():
            return self.tr("Give the organizer's name.")
        if not re.match(ID_PATTERN, page.batch_id.text().strip()):
            return self.tr(
                "The batch id needs 1–64 of A–Z a–z 0–9 . _ -, starting with a letter or digit."
            )
        return None

    def signing_problem(self) -> str | None:
        """What the sign step still needs before it can sign, or ``None``."""
        signing = self.w.export_page.signing
        if signing.key_id() is None:
            return self.tr("Make an organizer key to sign with.")
        if not signing.passphrase.text():
            return self.tr("Type the passphrase of the organizer key.")
        return None

    def _refresh_keys(self, preferred: str | None = None) -> None:
        if self.w.draft is not None:
            self.w.export_page.signing.set_keys(self.w.draft.signing_keys(), preferred)

    def _make_organizer_key(self) -> None:
        page = self.w.export_page
        dialog = NewRoleKeyDialog(
            ORGANIZER, page.organizer.text().strip(), self.w, page.algorithm.currentData()
        )
        dialog.made.connect(lambda made: self._refresh_keys(made.key.info.expert_id))
        dialog.made.connect(lambda _key: self.w.export_page.signing.passphrase.setFocus())
        self.w.dialog = dialog
        dialog.open()

    def export(
        self, out: Path | None = None, key: ExpertKey | None = None, unsigned: bool = False
    ) -> None:
        """Sign and write the package (and blank sheets) with the key chosen on the page."""
        problem = self.export_problem()
        if problem is None and key is None and not unsigned:
            problem = self.signing_problem()
        if problem is not None:
            self.w.export_page.result.setText(problem)
            self.w._fail(problem)
            return
        target = out or self.w.export_page.out.path()
        if target is None:
            self.w._fail(self.tr("Choose where the package goes."))
            return
        if key is not None or unsigned:
            self._write(target, key)
            return
        signing = self.w.export_page.signing
        key_id, passphrase = signing.key_id(), signing.passphrase.text()

        def unlock(_report) -> ExpertKey:
            return open_key(key_id, passphrase)

        self.w.export_page.export.setEnabled(False)
        BackgroundOp(self.w, unlock).success(lambda opened: self._write(target, opened)).failure(
            self._export_failed
        ).run()

    def _export_failed(self, error: BaseException) -> None:
        self.w._update_export()
        if isinstance(error, WrongPassphrase):
            message = self.tr("Wrong passphrase for the organizer key.")
            self.w.export_page.signing.passphrase.selectAll()
            self.w.export_page.signing.passphrase.setFocus()
        elif isinstance(error, SignerOnRoster):
            message = self.tr(
                "The key {fingerprint} belongs to {expert}, who is on the roster: a panel"
                " member can never sign the batch."
            ).format(fingerprint=error.fingerprint, expert=error.expert)
        elif isinstance(error, WrongAlgorithm):
            message = self.tr(
                "{where}: the key is {found}, but this round is signed with {expected}."
            ).format(
                where=error.source,
                found=self.algorithm_name(error.found),
                expected=self.algorithm_name(error.expected),
            )
        else:
            message = failure_text(error)
        self.w.export_page.result.setText(message)
        self.w._fail(message)

    def _write(self, out: Path, key: ExpertKey | None) -> None:
        draft = self.w.draft
        assert draft is not None
        page = self.w.export_page
        options = draft.options(
            page.batch_id.text().strip(), page.title.text(), page.organizer.text().strip()
        )
        options = replace(options, index=page.index.isChecked())  # batch prepare --index
        sheets = out.with_name(f"{out.stem}-blank-sheets.pdf") if page.sheets.isChecked() else None
        source, roster = draft.source.path, draft.roster
        encrypt, chair_card = page.encrypt.isChecked(), page.chair_card.path()

        def write(_report) -> Exported:
            recipients = None
            if encrypt:
                cards = [read_card(chair_card)] if chair_card is not None else []
                recipients = package_recipients(roster, cards, key)
            return export_round(source, roster, options, out, key, sheets, recipients)

        BackgroundOp(self.w, write).with_progress(self.tr("Writing the round's package…")).success(
            self._written
        ).failure(self._export_failed).run()

    def _written(self, done: Exported) -> None:
        self.w._update_export()
        self.w.export_page.signing.passphrase.clear()
        signed = (
            self.tr("signed by {signer}").format(signer=done.signer)
            if done.signer
            else self.tr("not signed")
        )
        if done.recipients:
            signed += self.tr(", encrypted to {count} keys").format(count=done.recipients)
        batch = done.manifest.batch
        lines = [
            self.tr(
                "Package written: {path} ({signed}); batch {batch}, organizer {organizer};"
                " {experts} experts, {assignments} assignments."
            ).format(
                path=done.package,
                signed=signed,
                batch=batch.id,
                organizer=batch.organizer,
                experts=len(done.manifest.roster),
                assignments=len(done.manifest.assignments),
            )
        ]
        if done.sheets is not None:
            lines.append(self.tr("Blank sheets: {path}").format(path=done.sheets))
        self.w.export_page.result.setText("\n".join(lines))
        self.w._say(lines[0])
        self.w.exported.emit(done)
