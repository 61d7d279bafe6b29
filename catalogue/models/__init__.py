"""The catalogue's domain model (SQLModel): the single source of truth of the site."""

from catalogue.models.accounts import AuditEntry, OutboxEntry, User
from catalogue.models.curation import ImportRun, LoginAttempt
from catalogue.models.entries import (
    Belt,
    BeltBase,
    Factory,
    FactoryBase,
    Product,
    ProductBase,
)
from catalogue.models.geo import Category, Prefecture
from catalogue.models.inquiries import Inquiry
from catalogue.models.matches import ImportMatchDecision, MatchVerdict
from catalogue.models.media import FactoryImage, Image, ProductImage
from catalogue.models.merges import FactoryMerge
from catalogue.models.tokens import ApiToken
from catalogue.models.types import ClusterType, LocalizedText, Role, Status, Verification

__all__ = [
    "ApiToken", "AuditEntry", "Belt", "BeltBase", "Category", "ClusterType", "Factory", "FactoryBase",
    "FactoryImage", "FactoryMerge", "Image", "ImportMatchDecision", "ImportRun", "Inquiry", "LocalizedText", "LoginAttempt", "MatchVerdict", "OutboxEntry", "Prefecture", "Product",
    "ProductBase", "ProductImage", "Role", "Status", "User", "Verification",
]
