import re

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse

from partnerships.history import HistoricalRecords

from ..choices import Sector


class Directorate(models.Model):
    name = models.CharField(max_length=120, unique=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class OrganisationQuerySet(models.QuerySet):
    def current(self):
        """Organisations in the directory: not merged into another."""
        return self.filter(merged_into__isnull=True)

    def get_or_create_by_name(self, name, **defaults):
        """Match a partner by name, ignoring case and surrounding spaces, so imports never duplicate.

        A name that was merged into another organisation finds that one, so an import that still
        spells the partner the old way does not bring the duplicate back.
        """
        name = " ".join(name.split())
        existing = self.select_related("merged_into").filter(name__iexact=name).first()
        if existing:
            return existing.merged_into or existing, False
        defaults.setdefault("sector", guess_sector(name))
        return self.create(name=name, **defaults), True


class Organisation(models.Model):
    """A partner body: another council, an NHS body, a charity, a company..."""

    name = models.CharField(max_length=200)
    sector = models.CharField(max_length=20, choices=Sector.choices, default=Sector.OTHER_PUBLIC)
    registration_number = models.CharField(
        max_length=40, blank=True, help_text="Companies House or Charity Commission number, if it has one."
    )
    # A duplicate merged into another organisation stays, marked, so its history and old links still
    # lead somewhere and every past change that named it still reads its name (register/merging.py).
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, editable=False, on_delete=models.PROTECT, related_name="merged_away"
    )

    objects = OrganisationQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(Lower("name"), name="organisation_name_unique_ci")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("register:organisation_detail", args=[self.pk])


_SECTOR_HINTS = [
    (r"\bnhs\b|health|hospital|integrated care|healthwatch", Sector.NHS),
    (r"constabulary|police|fire and rescue|probation|crime commissioner", Sector.POLICE_FIRE),
    (r"\bcouncils?\b|borough|district|parish|local councils", Sector.LOCAL_AUTHORITY),
    (r"university|college|school|educational", Sector.ACADEMIC),
    (r"\bltd\b|limited|\bplc\b|company|networks|openreach|catering|services ltd", Sector.PRIVATE),
    (
        r"trust|charity|voluntary|friends of|cic\b|foundation|legion|ssafa|citizens advice|age concern"
        r"|refuge|home-start|sustrans|change grow live|concern|hub",
        Sector.VCSE,
    ),
]


def guess_sector(name):
    """A first guess at a partner's sector from its name; officers can correct it."""
    lowered = name.lower()
    for pattern, sector in _SECTOR_HINTS:
        if re.search(pattern, lowered):
            return sector
    return Sector.OTHER_PUBLIC


class StaffProfile(models.Model):
    """What the register needs to know about a member of council staff."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_profile")
    directorate = models.ForeignKey(Directorate, null=True, blank=True, on_delete=models.SET_NULL)
    job_title = models.CharField(max_length=120, blank=True)

    history = HistoricalRecords()

    def __str__(self):
        return f"{self.user} ({self.directorate or 'no directorate'})"
