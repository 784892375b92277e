"""jeugdketen messages export|process|deliver: batch exchange of iJw files, for audits and outside
tools; and the outbox delivered by hand where no worker runs."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from jeugdketen.berichten.models import Message
from jeugdketen.berichten.services import process
from jeugdketen.ijw.xml import IjwXmlError, read_file


def write(message: Message, out: Path) -> str:
    out.mkdir(parents=True, exist_ok=True)
    (out / message.file_name).write_text(message.xml, encoding="utf-8")
    return message.file_name


class Command(BaseCommand):
    help = "Export every message sent or received, or process inbound iJw files and write the answers."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        export = sub.add_parser("export", help="write every message, one file each, in order")
        export.add_argument("--out", required=True, type=Path)
        export.add_argument("--party", help="CBS or AGB code: only this party's messages")
        run = sub.add_parser("process", help="process inbound files in the order given")
        run.add_argument("files", nargs="+", type=Path)
        run.add_argument("--out", required=True, type=Path)
        run.add_argument("--json", action="store_true", help="print one JSON record per input")
        sub.add_parser("deliver", help="deliver what waits in the outbox (what a worker does every minute)")

    def handle(self, *args, action, **options):
        if action == "export":
            return self.export(options["out"], options.get("party"))
        if action == "deliver":
            from jeugdketen.berichten.outbox import deliver_waiting

            self.stdout.write(json.dumps(deliver_waiting()))
            return None
        return self.process(options["files"], options["out"], options["json"])

    def export(self, out: Path, party: str | None):
        messages = Message.objects.order_by("pk")
        if party:
            messages = messages.filter(Q(sender=party) | Q(receiver=party))
        count = 0
        for message in messages.iterator():
            write(message, out)
            count += 1
        self.stdout.write(f"{count} berichten geschreven naar {out}")

    def process(self, files: list[Path], out: Path, as_json: bool):
        records, judged_wanting, unreadable = [], False, False
        for path in files:
            try:
                outcome = process(read_file(path))
            except (OSError, IjwXmlError) as error:
                unreadable = True
                records.append(
                    {"file": str(path), "message": None, "accepted": False,
                     "errors": [{"code": "XML", "return_code": "0001", "locations": [], "text": str(error)}],
                     "produced": []}
                )  # fmt: skip
                continue
            produced = [write(message, out) for message in outcome.produced]
            judged_wanting = judged_wanting or not outcome.accepted
            records.append(outcome.as_dict(str(path), produced))
        for record in records:
            if as_json:
                self.stdout.write(json.dumps(record, ensure_ascii=False))
            else:
                verdict = "geaccepteerd" if record["accepted"] else "afgekeurd"
                made = ", ".join(p["file"] for p in record["produced"]) or "-"
                self.stdout.write(f"{record['file']}: {record['message']} {verdict}; verstuurd: {made}")
                for error in record["errors"]:
                    self.stdout.write(f"  {error['code']} ({error['return_code']}): {error['text']}")
        if unreadable:
            sys.exit(2)
        if judged_wanting:
            sys.exit(1)


__all__ = ["Command", "CommandError"]
