"""Records of other apps, nested in the API's partnership resource.

The register imports nothing from assessments, agreements or reviews (see register/panels.py for
the same idea on the partnership page). Those apps add their records to the partnership resource
from their AppConfig.ready():

    from register.api.sections import Section, register_section
    register_section(Section(name="objectives", order=30, prefetch=("objectives",),
                             field=lambda: ObjectiveSerializer(many=True, read_only=True)))

`field` makes a fresh serializer field for each serializer; `prefetch` names what the partnership
queryset must prefetch so the field costs no query per partnership: lookups, or a function of the
request that returns them (for records only some people may read: decide that in the prefetch's
query, not per record while serializing).
"""

from collections.abc import Callable
from dataclasses import dataclass

_sections = {}


@dataclass(frozen=True)
class Section:
    name: str
    order: int
    field: Callable
    prefetch: tuple | Callable = ()

    def prefetches(self, request):
        return self.prefetch(request) if callable(self.prefetch) else self.prefetch


def register_section(section):
    _sections[section.name] = section


def sections():
    return sorted(_sections.values(), key=lambda section: section.order)


def prefetches(request):
    return [lookup for section in sections() for lookup in section.prefetches(request)]
