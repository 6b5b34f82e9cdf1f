"""One importer per toolkit sheet. Order matters: risks, reviews and health checks refer to the register."""

from .health_check import HealthCheckSheet
from .register import RegisterSheet
from .reviews import ReviewsSheet
from .risks import RisksSheet

SHEETS = {sheet.key: sheet for sheet in (RegisterSheet, RisksSheet, ReviewsSheet, HealthCheckSheet)}
ORDER = ["register", "risks", "reviews", "health_check"]

__all__ = ["ORDER", "SHEETS", "HealthCheckSheet", "RegisterSheet", "ReviewsSheet", "RisksSheet"]
