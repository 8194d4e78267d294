from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from porchlight.demo.loader import load_demo


class Command(BaseCommand):
    help = "Load four sample circles under a demo login (safe to run again)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Load the demo even when PORCHLIGHT_ENV=production.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if getattr(settings, "PRODUCTION", False) and not options["allow_production"]:
            raise CommandError(
                "This is a production server: the demo login has a published password. "
                "Pass --allow-production if you really want it."
            )
        login = load_demo()
        self.stdout.write(self.style.SUCCESS("Demo circles loaded: " + ", ".join(login.circles)))
        self.stdout.write(f"  Log in at /accounts/login/ as {login.email}")
        self.stdout.write(f"  Password: {login.password}")
