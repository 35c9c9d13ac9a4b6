"""What the pack page says of the documents asked of this counter's printers
(``documents_watch``): where they printed, in the banner of the order's completion;
that they did not print, or that whether they printed cannot be read, as a red
banner with its sound and a strip that stays until they print; printed after all;
printed here for an order another person asked for (a short shipment whose box
waits here); and, after the watch gives up, that the print queue has them."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLabel

from app.models import JobProblem, JobStatus
from app.packing import Verdict
from app.printing.order_documents import DocumentJob, OrderPrinting, Printing
from ui.pack.documents_watch import asks_for_documents
from ui.pack.verdict_banner import Meaning, VerdictBanner
from ui.pack.verdict_look import Look
from ui.printer_status import problem_words
from ui.words import document_words, filled

# a carrier's problems: a number to wait for, not a printer to check
_CARRIER = {
    JobProblem.CARRIER_UNAVAILABLE,
    JobProblem.CARRIER_REFUSED,
    JobProblem.NO_TRACKING_NUMBERS,
}


def _may_not_leave(job: DocumentJob) -> bool:
    """A waybill the waybill rule refused, or one not sent (withheld by the spool, or
    cancelled by a hold, reopen or cancel) because its order may not leave: it never
    prints by itself."""
    if job.problem is JobProblem.WAYBILL_REFUSED:
        return True
    return job.problem is JobProblem.LABEL_WITHHELD and job.refused_status is not None


class PrintNews(QObject):
    """Every message here is kept as what it means (a function that says it in the
    screen's language), so ``said_again`` says the strip in a new language, and the
    banner and the scan history say theirs again themselves."""

    def __init__(
        self,
        say: Callable[[Meaning], None],  # the banner, its sound and voice
        banner: VerdictBanner,
        note: Callable[[Callable[[], str]], None],  # a line in the scan history
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._say, self._banner, self._note = say, banner, note
        # an order asked here whose documents did not print: said until they do
        self.notice = QLabel()
        self.notice.setObjectName("printNotice")
        self.notice.setWordWrap(True)
        self.notice.hide()
        # order number: what did not print (said in the screen's language)
        self._not_printed: dict[str, Callable[[], str]] = {}
        self._completed: str | None = None  # the order whose completion the banner shows
        self._failure_shown: str | None = None  # the order whose NO LABEL the banner shows

    def answered(self, v: Verdict) -> None:
        """The banner now shows this verdict."""
        self._completed = v.order if asks_for_documents(v) else None
        self._failure_shown = None

    def show(self, number: str, printing: OrderPrinting) -> None:
        """How the documents of order ``number`` asked here are doing."""
        if printing.state in (Printing.NOT_PRINTED, Printing.UNREAD):
            self._failed(number, printing)
        elif printing.state is Printing.GAVE_UP:
            self._given_up(number)
        else:
            self._printed(number, printing)

    def said_again(self) -> None:
        """The language changed: the strip in the new one."""
        self._show_notice()

    def _what_failed(self, printing: OrderPrinting) -> str:
        if printing.state is Printing.UNREAD:
            return filled(self.tr("not known whether printed (%1)"), printing.problem or "")
        return "; ".join(
            filled(
                self.tr("%1 not printed on %2 (%3)"),
                document_words(job.document),
                job.printer,
                self._why(job),
            )
            for job in printing.missing
        )

    def _failed(self, number: str, printing: OrderPrinting) -> None:
        """Not printed, or not known: a red banner and its sound, whatever the banner
        showed, and the strip."""
        self._not_printed[number] = lambda: self._what_failed(printing)
        self._show_notice()
        self._failure_shown = number
        self._say(lambda: self._failure(number, printing))

    def _failure(self, number: str, printing: OrderPrinting) -> tuple[Look, str]:
        if printing.state is Printing.UNREAD:
            headline = self.tr("LABEL NOT KNOWN  order %1")
        elif any(job.document == "waybill" for job in printing.missing):
            headline = self.tr("NO LABEL  order %1")
        else:
            headline = self.tr("NOT PRINTED  order %1")
        problems = {job.problem for job in printing.missing}
        if any(_may_not_leave(job) for job in printing.missing):  # (held, reopened...)
            todo = self.tr(
                "%1. Keep the box here and ask a lead: its order may not leave now "
                "(the print queue says why)."
            )
        elif JobProblem.LABEL_WITHHELD in problems:  # (its number was voided)
            todo = self.tr(
                "%1. Keep the box here and ask a lead: this waybill will never print; "
                "a fresh waybill is printed for it from the board."
            )
        elif problems & _CARRIER:
            todo = self.tr(
                "%1. Ask a lead: once the carrier gives a number, retry it in the print "
                "queue. Keep the box here until it has its label."
            )
        else:
            todo = self.tr(
                "%1. Check the printer: it prints by itself once it answers. "
                "Keep the box here until it has its label."
            )
        return (
            Look("error", "▤", "wrong_item", filled(headline, number)),
            filled(todo, self._what_failed(printing)),
        )

    def _given_up(self, number: str) -> None:
        """No longer followed here: the strip no longer claims to follow it."""
        if self._not_printed.pop(number, None) is not None:
            self._show_notice()

        def words() -> str:
            return filled(
                self.tr("Order %1: not printed after 30 minutes; see the print queue."), number
            )

        self._note(lambda: f"▤ {words()}")
        if self._failure_shown == number:
            self._failure_shown = None
            self._banner.set_detail(words)

    def _printed(self, number: str, printing: OrderPrinting) -> None:
        def where() -> str:
            return ", ".join(
                filled(self.tr("%1 on %2"), document_words(job.document), job.printer)
                for job in printing.jobs
            )

        def news() -> Look:
            headline = filled(self.tr("Printed now: order %1"), number)
            return Look("done", "▤", "complete", headline)

        if self._not_printed.pop(number, None) is not None:  # printed after all
            self._show_notice()
            if self._failure_shown == number:  # the banner still shows it not printed
                self._failure_shown = None
                self._say(
                    lambda: (
                        news(),
                        filled(self.tr("%1. Put the label on the box; it may leave."), where()),
                    )
                )
            else:  # the packer is at another order: its banner stays, the list says it
                self._note(lambda: f"{news().icon} {news().headline}")
        elif self._completed == number:  # the banner still shows its completion
            printed = printing.state is Printing.PRINTED
            self._banner.set_detail(
                lambda: (
                    filled(self.tr("Printed: %1. Close the box; scan the next order."), where())
                    if printed
                    else self.tr("Nothing printed: printing is off at this counter.")
                )
            )
        elif printing.state is Printing.PRINTED:  # asked by someone else (a short shipment)
            self._note(lambda: filled(self.tr("▤ Printed here: order %1: %2"), number, where()))

    def _why(self, job: DocumentJob) -> str:
        """Why a document did not print, in the packer's words."""
        if job.problem is JobProblem.CARRIER_UNAVAILABLE:
            return self.tr("the carrier's system gives no answer")
        if job.problem is JobProblem.CARRIER_REFUSED:
            return self.tr("the carrier refused it; the print queue says why")
        if job.problem is JobProblem.NO_TRACKING_NUMBERS:
            return self.tr("no tracking numbers left for its carrier")
        if job.problem is JobProblem.WAYBILL_REFUSED:
            return self.tr("its order may not leave: cancelled, or not packed now")
        if job.problem is JobProblem.LABEL_WITHHELD and job.refused_status is not None:
            return self.tr("not sent: its order was held, reopened or cancelled since")
        if job.problem is JobProblem.LABEL_WITHHELD:
            return self.tr("not sent: its tracking number was voided")
        if job.last_error:
            return problem_words(job.last_error)
        if job.status is JobStatus.CANCELLED:
            return self.tr("cancelled")
        if job.status is JobStatus.INTERRUPTED:
            return self.tr("interrupted: see the print queue")
        return self.tr("no answer yet")

    def _show_notice(self) -> None:
        lines = [
            filled(self.tr("⚠ Order %1: %2"), number, what())
            for number, what in self._not_printed.items()
        ]
        self.notice.setText("\n".join(lines))
        self.notice.setVisible(bool(lines))
