"""`porchlight directory`: check the where-to-get-help content.

- `porchlight directory --stale` lists entries and legal pages due for re-checking.
- `porchlight directory --reports` lists entries people reported as wrong;
  `--resolve ID` marks one as checked once the entry is fixed or confirmed.
- `porchlight directory --validate FILE...` checks local files (an organisation's own
  services) in the same format before they are copied into content/directory/.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from porchlight.directory.catalogue import DirectoryError, load_directory, load_file, load_legal
from porchlight.directory.models import EntryReport
from porchlight.directory.services import resolve_report


class Command(BaseCommand):
    help = "List directory entries to re-check (--stale) or validate directory files (--validate)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--stale", action="store_true", help="list what is due for re-checking")
        parser.add_argument(
            "--validate", nargs="+", metavar="FILE", help="check directory files in this format"
        )
        parser.add_argument("--reports", action="store_true", help="list unchecked reports")
        parser.add_argument(
            "--resolve", type=int, metavar="REPORT", help="mark a report as checked"
        )
        parser.add_argument(
            "--today", type=dt.date.fromisoformat, default=None, help=argparse_hidden()
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["reports"]:
            self._reports()
        elif options["resolve"] is not None:
            self._resolve(options["resolve"])
        elif options["validate"]:
            self._validate([Path(name) for name in options["validate"]])
        elif options["stale"]:
            self._stale(options["today"] or dt.date.today())
        else:
            raise CommandError("Give --stale, --reports, --resolve ID or --validate FILE.")

    def _reports(self) -> None:
        reports = EntryReport.objects.filter(resolved_at__isnull=True)
        for report in reports:
            self.stdout.write(
                f"{report.id}\t{report.entry_id}\t{report.reason}\t{report.created_at:%Y-%m-%d}"
            )
        if not reports:
            self.stdout.write("No reports waiting.")

    def _resolve(self, report_id: int) -> None:
        report = EntryReport.objects.filter(id=report_id, resolved_at__isnull=True).first()
        if report is None:
            raise CommandError(f"No open report {report_id}.")
        resolve_report(report=report)
        self.stdout.write(f"Report {report_id} on {report.entry_id} marked as checked.")

    def _validate(self, paths: list[Path]) -> None:
        failed = False
        for path in paths:
            try:
                entries = load_file(path)
            except DirectoryError as error:
                failed = True
                self.stderr.write(f"FAIL {error}")
            else:
                self.stdout.write(f"ok   {path.name}: {len(entries)} entries")
        if failed:
            raise CommandError("Some directory files are broken; see above.")

    def _stale(self, today: dt.date) -> None:
        entries = [e for e in load_directory().entries if e.needs_recheck(today)]
        pages = [p for p in load_legal().values() if p.needs_recheck(today)]
        for entry in entries:
            self.stdout.write(
                f"{entry.file}\t{entry.id}\tchecked {entry.checked}\t{entry.source_url}"
            )
        for page in pages:
            self.stdout.write(f"legal/{page.file}\t{page.id}\treview by {page.review_by}")
        if not entries and not pages:
            self.stdout.write("Nothing is due for re-checking.")


def argparse_hidden() -> str:

    return argparse.SUPPRESS
