"""Merging a duplicate partner organisation into the one that is kept.

Everything that points at the duplicate moves to the kept organisation, in one transaction. The
list of what points at an organisation is read from the models (`references()`), so a foreign key
added later moves too without anyone remembering to list it here.

The duplicate is kept, marked `merged_into`, rather than deleted: every partnership's timeline
names partners by looking the organisation up, so past changes still read "Kent NHS Trust", its
own page (and any old link to it) says where it went, its history stays beside it, and an import
that still uses its name finds the kept organisation (`get_or_create_by_name`).
"""

import hashlib
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from simple_history.models import HistoricalChanges

from .choices import PartnerRole
from .models import Organisation, PartnershipMember

# Most responsible first: when both organisations are in one partnership, the combined place keeps the higher.
ROLE_ORDER = [role.value for role in PartnerRole]
MONEY_FIELDS = ("annual_contribution", "one_off_contribution", "in_kind_value")
FILLED_IF_BLANK = ("contact_name", "contact_email", "contact_phone", "signatory_name", "signatory_title")


def references():
    """[(model, field)] for every foreign key or one-to-one field that points at an organisation.

    Read from the models; history tables are left out, because they record what was.
    """
    found = []
    for relation in Organisation._meta.get_fields(include_hidden=True):
        if not (relation.auto_created and not relation.concrete and (relation.one_to_many or relation.one_to_one)):
            continue
        if issubclass(relation.related_model, HistoricalChanges):
            continue
        found.append((relation.related_model, relation.field))
    return found


@dataclass
class Combined:
    """Both organisations are partners in one partnership: one place remains, the two combined."""

    kept: PartnershipMember
    duplicate: PartnershipMember

    @property
    def partnership(self):
        return self.kept.partnership


@dataclass
class Plan:
    """What merging `duplicate` into `keep` will do, worked out before anything changes."""

    keep: Organisation
    duplicate: Organisation
    moves: list = field(default_factory=list)  # [(model, field, [objects])], memberships first
    combined: list = field(default_factory=list)  # [Combined]

    @property
    def memberships(self):
        return next((objects for model, _f, objects in self.moves if model is PartnershipMember), [])

    @property
    def other_moves(self):
        """[(label, count)] for the records other than partnerships that move."""
        return [
            (model._meta.verbose_name_plural if len(objects) != 1 else model._meta.verbose_name, len(objects))
            for model, _f, objects in self.moves
            if model is not PartnershipMember and objects
        ]

    @property
    def fingerprint(self):
        """Changes whenever what the merge would do changes: the confirmation page carries it."""
        parts = [f"{self.keep.pk}:{self.keep.name}", f"{self.duplicate.pk}:{self.duplicate.name}"]
        for model, f, objects in self.moves:
            parts.append(f"{model._meta.label}.{f.name}=" + ",".join(str(o.pk) for o in objects))
        return hashlib.sha256("|".join(parts).encode()).hexdigest()[:32]


def plan(keep, duplicate):
    """The Plan for merging `duplicate` into `keep`: a fixed number of queries (one per reference)."""
    moves = []
    for model, f in references():
        objects = model._base_manager.filter(**{f.name: duplicate}).order_by("pk")
        if model is PartnershipMember:
            objects = objects.select_related("partnership")
        moves.append((model, f, list(objects)))
    moves.sort(key=lambda move: move[0] is not PartnershipMember)
    result = Plan(keep, duplicate, moves)
    theirs = {member.partnership_id: member for member in result.memberships}
    if theirs:
        for member in keep.memberships.filter(partnership__in=theirs).select_related("partnership"):
            result.combined.append(Combined(member, theirs[member.partnership_id]))
    return result


def _add(a, b):
    return a if b is None else b if a is None else Decimal(a) + Decimal(b)


def _join(a, b, limit=None, sep="; "):
    if not b or b == a:
        return a
    text = f"{a}{sep}{b}" if a else b
    return text if limit is None or len(text) <= limit else text[: limit - 1] + "…"


def combine(kept, duplicate):
    """Fold the duplicate's place in a partnership into the kept one's: money added, text joined,
    blanks filled, the more responsible role kept."""
    for name in MONEY_FIELDS:
        setattr(kept, name, _add(getattr(kept, name), getattr(duplicate, name)))
    kept.in_kind_description = _join(kept.in_kind_description, duplicate.in_kind_description, limit=200)
    kept.responsibilities = _join(kept.responsibilities, duplicate.responsibilities, sep="\n\n")
    for name in FILLED_IF_BLANK:
        if not getattr(kept, name):
            setattr(kept, name, getattr(duplicate, name))
    kept.role = min(kept.role, duplicate.role, key=ROLE_ORDER.index)


class AlreadyMerged(Exception):
    pass


class Stale(Exception):
    """What the merge would do changed since the confirmation page was shown."""


def merge(keep, duplicate, by, fingerprint=None):
    """Merge `duplicate` into `keep` in one transaction and return the Plan that was carried out.

    Raises AlreadyMerged if the duplicate was merged already (a second click), Stale if
    `fingerprint` no longer matches what the merge would do, ValueError for an impossible merge.
    """
    with transaction.atomic():
        locked = {o.pk: o for o in Organisation.objects.select_for_update().filter(pk__in=[keep.pk, duplicate.pk])}
        keep, duplicate = locked[keep.pk], locked[duplicate.pk]
        if duplicate.merged_into_id == keep.pk:
            raise AlreadyMerged
        if keep.pk == duplicate.pk or keep.merged_into_id or duplicate.merged_into_id:
            raise ValueError("Only two different organisations that are in the directory can be merged.")
        carried_out = plan(keep, duplicate)
        if fingerprint is not None and fingerprint != carried_out.fingerprint:
            raise Stale
        reason = f"Merged {duplicate.name} into {keep.name}"
        gone = set()
        for pair in carried_out.combined:
            combine(pair.kept, pair.duplicate)
            _noted(pair.kept, reason, by).save()
            _noted(pair.duplicate, reason, by).delete()
            gone.add(pair.duplicate.pk)
        for model, f, objects in carried_out.moves:
            for obj in objects:
                if model is PartnershipMember and obj.pk in gone:
                    continue
                setattr(obj, f.name, keep)
                _noted(obj, reason, by).save(update_fields=[f.name])
        duplicate.merged_into = keep
        _noted(duplicate, reason, by).save()
        _noted(keep, f"Merged in {duplicate.name}", by).save()
        return carried_out


def _noted(obj, reason, by):
    """The object, with who and why for the history row its next save or delete writes."""
    obj._change_reason = reason
    obj._history_user = by
    return obj
