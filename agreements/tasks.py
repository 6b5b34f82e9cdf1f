"""The agreement's background work: drawing its issued PDF and its signed copy (about a second each),
so approving or signing never waits for WeasyPrint, and the files go to the shared storage any server
can read."""

from django.db.models import Q
from django.dispatch import receiver
from django_tasks import task

from partnerships.jobs.enqueue import enqueue

from .models import ISSUED, PartnershipAgreement, pdf_due
from .pdf import issue_pdfs


@task()
def issue_agreement_pdf(agreement_id):
    """Issue one version's PDF (and signed copy) if it is waiting for them; nothing if already stored."""
    agreement = PartnershipAgreement.objects.select_related("partnership").filter(pk=agreement_id).first()
    return issue_pdfs(agreement) if agreement else 0


@task()
def issue_missing_agreement_pdfs():
    """Issue every approved or signed version recorded without its PDF (brought in from elsewhere, demo
    data, or a queued issue lost with its worker), so nobody waits for it when they first download it."""
    waiting = PartnershipAgreement.objects.filter(
        Q(pdf="") | Q(signed_on__isnull=False, signed_pdf=""), status__in=ISSUED
    ).select_related("partnership")
    return sum(issue_pdfs(agreement) for agreement in waiting.iterator())


@receiver(pdf_due, dispatch_uid="agreements.queue_pdf_issue")
def queue_pdf_issue(sender, agreement, **kwargs):
    enqueue(issue_agreement_pdf, agreement.pk)
