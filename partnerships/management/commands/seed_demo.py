"""`python manage.py seed_demo [--scale N]`: demo data for Northmoor County Council.

Safe to run again: it only adds what is missing.
"""

import time

from django.core.management.base import BaseCommand, CommandError

from partnerships.demo.assurance import seed_assurance
from partnerships.demo.bulk import generate_up_to
from partnerships.demo.scenario import Scenario
from partnerships.demo.users import PASSWORD, USERS
from register import opendata
from register.models import Partnership


class Command(BaseCommand):
    help = (
        "Load the Northmoor County Council demo: 40 curated partnerships across every type and lifecycle "
        "stage, and a demo login for every role. With --scale N, add generated partnerships up to N in total."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            type=int,
            metavar="N",
            help="Add generated partnerships (with partners, risks, objectives, reviews...) until there are N.",
        )

    def handle(self, *args, scale=None, **options):
        if scale is not None and scale < 0:
            raise CommandError("--scale must be a positive number of partnerships.")
        started = time.perf_counter()
        created = Scenario().run()
        if created:  # open data: the demo publishes its live, in-scope partnerships
            opendata.set_publishable(Partnership.objects.live().in_scope(), True)
        self.stdout.write(
            f"Curated partnerships: {created} created" if created else "Curated partnerships: already loaded"
        )
        rounds = seed_assurance()
        self.stdout.write(f"Assurance rounds: {rounds} created" if rounds else "Assurance rounds: already loaded")
        if scale is not None:
            generated = generate_up_to(scale)
            self.stdout.write(f"Generated partnerships: {generated} added (target {scale:,})")
        self.stdout.write(self.style.SUCCESS(f"Demo data ready in {time.perf_counter() - started:.1f} s."))
        self.stdout.write(f"\nDemo logins (password for all: {PASSWORD}):")
        for user in USERS:
            self.stdout.write(
                f"  {user.username:<14} {user.role:<24} {user.first_name} {user.last_name}, {user.job_title}"
            )
