"""Write a partnership's agreement as a PDF, for scripting.

    python manage.py render_agreement NCC-0042 -o agreement.pdf
    python manage.py render_agreement NCC-0042 --version 2 -o v2.pdf

An approved version is written exactly as issued (the stored file); a draft is rendered now,
marked DRAFT.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from agreements.models import PartnershipAgreement
from agreements.pdf import render_agreement_pdf


class Command(BaseCommand):
    help = "Write a partnership agreement as a PDF (the latest version unless --version is given)."

    def create_parser(self, prog_name, subcommand, **kwargs):
        # Our --version is the agreement's version; it replaces Django's "print the Django version".
        return super().create_parser(prog_name, subcommand, conflict_handler="resolve", **kwargs)

    def add_arguments(self, parser):
        parser.add_argument("reference", help="The partnership's register reference, such as NCC-0042.")
        parser.add_argument("--version", dest="version_number", type=int, help="Version number (default: latest).")
        parser.add_argument("-o", "--output", required=True, type=Path, help="Where to write the PDF.")

    def handle(self, reference, version_number, output, **options):
        versions = PartnershipAgreement.objects.filter(partnership__reference=reference).select_related("partnership")
        if version_number is not None:
            versions = versions.filter(version_number=version_number)
        agreement = versions.order_by("-version_number").first()
        if agreement is None:
            which = f"version {version_number} of the agreement" if version_number else "agreement"
            raise CommandError(f"There is no {which} for partnership {reference}.")
        if agreement.is_issued and agreement.pdf:
            with agreement.pdf.open("rb") as handle:
                content = handle.read()
        else:
            content = render_agreement_pdf(agreement)
        output.write_bytes(content)
        state = "as issued" if agreement.is_issued else "marked DRAFT"
        self.stdout.write(f"Wrote {reference} agreement version {agreement.version_number} ({state}) to {output}")
