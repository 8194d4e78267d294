import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from porchlight.accounts.models import User
from porchlight.circles.portability import import_circle


class Command(BaseCommand):
    help = "Create a circle from a Porchlight export (JSON), owned by the given account."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--owner", required=True, help="e-mail address of the new owner")

    def handle(self, *args: Any, **options: Any) -> None:
        owner = User.objects.filter(email__iexact=options["owner"]).first()
        if owner is None:
            raise CommandError(f"No account uses {options['owner']}.")
        try:
            document = json.loads(options["file"].read_text(encoding="utf-8"))
            circle = import_circle(document, owner=owner)
        except (OSError, ValueError, KeyError) as error:
            raise CommandError(f"Could not import {options['file']}: {error}") from error
        self.stdout.write(self.style.SUCCESS(f"Imported {circle.name}'s circle ({circle.id})."))
