"""Sections of the partnership page contributed by other apps.

The register is the core and imports nothing from assessments, agreements or reviews. Those apps
add their part of the partnership page by registering a panel in their AppConfig.ready():

    from register.panels import Panel, register_panel
    register_panel(Panel(key="risks", title="Risks", template="register/panels/risks.html",
                         order=40, get_context=risk_context))

`get_context(partnership, user)` returns the template context for that panel; it should use a
fixed number of queries (no per-row queries). A panel that shows a record the partnership has at
most one of (a one-to-one, such as its assessment) names it in `select_related`: the page reads it
in the partnership's own query, and the panel finds it on the partnership (`related_or_none`).
"""

from collections.abc import Callable
from dataclasses import dataclass, field

_panels = {}


@dataclass(frozen=True)
class Panel:
    key: str
    title: str
    template: str
    order: int
    get_context: Callable = field(default=lambda partnership, user: {})
    select_related: tuple = ()  # one-to-one lookups from the partnership, read with it


def register_panel(panel):
    _panels[panel.key] = panel


def panels():
    return sorted(_panels.values(), key=lambda panel: panel.order)


def select_related():
    """Every panel's one-to-one lookups, for the partnership page's query."""
    return [lookup for panel in panels() for lookup in panel.select_related]


def related_or_none(partnership, name):
    """The partnership's one-to-one record `name` (read with it if a panel asked), or None."""
    return getattr(partnership, name, None)  # a missing one raises RelatedObjectDoesNotExist, an AttributeError


def render_context(partnership, user):
    """[(panel, context)] in page order, for the partnership page template."""
    return [(panel, panel.get_context(partnership, user)) for panel in panels()]
