"""The "changed since you opened it" page: what the other person saved beside what you tried to save.

Optimistic locking (`Versioned.save_checked`) refuses a stale save; this page then shows both
versions, field by field, so nobody's work is silently lost and the user can redo their change.
"""

import datetime

from django import forms
from django.shortcuts import render
from django.utils import formats, timezone

NOT_SET = "Not set"


def display(field, value):
    """A form field's value as a person reads it."""
    if value is None or value == "" or value == []:
        return NOT_SET
    if isinstance(field, forms.ModelMultipleChoiceField) or hasattr(value, "all"):
        items = value.all() if hasattr(value, "all") else value
        return ", ".join(sorted(str(item) for item in items)) or NOT_SET
    if isinstance(field, forms.ModelChoiceField):
        if not hasattr(value, "pk"):
            value = field.queryset.filter(pk=value).first() or value
        return str(value)
    if isinstance(field, forms.BooleanField) or isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(field, forms.ChoiceField):
        labels = {}
        for key, label in field.choices:
            if isinstance(label, (list, tuple)):
                labels.update({str(k): v for k, v in label})
            else:
                labels[str(key)] = label
        if isinstance(value, (list, tuple)):
            return ", ".join(str(labels.get(str(v), v)) for v in value)
        return str(labels.get(str(value), value))
    if isinstance(value, datetime.datetime):
        return formats.date_format(timezone.localtime(value), "j F Y H:i")
    if isinstance(value, datetime.date):
        return formats.date_format(value, "j F Y")
    return str(value)


def conflict_rows(form):
    """[(label, yours, theirs)] for every field where the stale form and the saved record differ."""
    instance = form.instance
    if instance.pk is None or not hasattr(form, "cleaned_data"):
        return []
    current = type(instance)._base_manager.get(pk=instance.pk)
    rows = []
    for name, field in form.fields.items():
        if name == "lock_version" or name not in form.cleaned_data or not hasattr(current, name):
            continue
        yours = display(field, form.cleaned_data[name])
        theirs = display(field, getattr(current, name))
        if yours != theirs:
            rows.append((field.label or name.replace("_", " ").capitalize(), yours, theirs))
    return rows


def last_change(instance):
    """(who, when) of the latest saved change, from the record's history, or (None, None)."""
    history = getattr(type(instance), "history", None)
    if instance.pk is None or history is None:
        return None, None
    record = history.filter(**{type(instance)._meta.pk.attname: instance.pk}).select_related("history_user")
    record = record.order_by("-history_date", "-history_id").first()
    if record is None:
        return None, None
    return record.history_user, record.history_date


def render_conflict(request, what, back_url, form=None):
    """The 409 page: both versions side by side when a form is given."""
    rows = conflict_rows(form) if form is not None else []
    changed_by, changed_at = last_change(form.instance) if form is not None else (None, None)
    context = {"what": what, "back_url": back_url, "rows": rows, "changed_by": changed_by, "changed_at": changed_at}
    return render(request, "includes/conflict.html", context, status=409)
