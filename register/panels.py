"""Sections of the partnership page contributed by other apps.

The register is the core and imports nothing from assessments, agreements or reviews. Those apps
add their part of the partnership page by registering a panel in their AppConfig.ready():

    from register.panels import Panel, register_panel
    register_panel(Panel(key="risks", title="Risks", template="register/panels/risks.html",
                         order=40, get_context=risk_context))

`get_context(partnership, user)` returns the template context for that panel; it should use a
fixed number of queries (no per-row queries).
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


def register_panel(panel):
    _panels[panel.key] = panel


def panels():
    return sorted(_panels.values(), key=lambda panel: panel.order)


def render_context(partnership, user):
    """[(panel, context)] in page order, for the partnership page template."""
    return [(panel, panel.get_context(partnership, user)) for panel in panels()]
