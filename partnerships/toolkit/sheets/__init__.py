"""One importer per toolkit sheet. Order matters: every sheet after the Register refers to its partnerships."""

from .due_diligence import DueDiligenceSheet
from .health_check import HealthCheckSheet
from .partners import PartnersSheet
from .register import RegisterSheet
from .reviews import ReviewsSheet
from .risks import RisksSheet
from .scope_screening import ScopeScreeningSheet

SHEETS = {
    sheet.key: sheet
    for sheet in (
        RegisterSheet,
        PartnersSheet,
        ScopeScreeningSheet,
        DueDiligenceSheet,
        RisksSheet,
        ReviewsSheet,
        HealthCheckSheet,
    )
}
ORDER = list(SHEETS)

__all__ = [
    "ORDER",
    "SHEETS",
    "DueDiligenceSheet",
    "HealthCheckSheet",
    "PartnersSheet",
    "RegisterSheet",
    "ReviewsSheet",
    "RisksSheet",
    "ScopeScreeningSheet",
]
