"""django-simple-history, with the history manager's class made once per model rather than on every read.

simple-history's descriptor builds `HistoryManager.from_queryset(HistoricalQuerySet)` each time
`Model.history` is read: a new class, its methods copied over with `inspect.getmembers`. A partnership's
page reads the history of nine kinds of record two or three times each (register/changes.py), and
building those classes was a tenth of the page's time. The class does not change, so it is made once;
each read still gets its own manager (for its instance).

Every model with a history uses `HistoricalRecords` from here.
"""

import functools

from simple_history import manager, models


class HistoryManager(manager.HistoryManager):
    @classmethod
    @functools.cache
    def from_queryset(cls, queryset_class, class_name=None):
        return super().from_queryset(queryset_class, class_name)


class HistoricalRecords(models.HistoricalRecords):
    def __init__(self, *args, history_manager=HistoryManager, **kwargs):
        super().__init__(*args, history_manager=history_manager, **kwargs)
