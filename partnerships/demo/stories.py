"""The 40 curated partnerships of Northmoor County Council (NCC-0001 to NCC-0040), in reference order.

Each one is there to show something on the register or the dashboard: a statutory board, a pooled
budget, a shared service with the districts, a partnership past its end date, an overdue review, a
live partnership with no agreement... The comments beside each entry say which.
"""

from .stories_community import CHIEF_EXECUTIVE, COMMUNITY
from .stories_people import ADULTS, CHILDREN
from .stories_place import CORPORATE, GROWTH

SPECS = sorted([*ADULTS, *CHILDREN, *GROWTH, *CORPORATE, *COMMUNITY, *CHIEF_EXECUTIVE], key=lambda spec: spec.number)
