"""The vocabulary of geokg (pydantic models, taxonomy) and the event graph. Imports nothing from extract/export."""
from .eventgraph import EventGraph, Transfers
from .merge import merge_events
from .models import Actor, Article, Evidence, TransferEvent, Weapon, event_id, event_schema
from .taxonomy import ActorKind, Category, DatePrecision, DateSource, Status

__all__ = [
    "Actor", "ActorKind", "Article", "Category", "DatePrecision", "DateSource", "EventGraph", "Evidence",
    "Status", "TransferEvent", "Transfers", "Weapon", "event_id", "event_schema", "merge_events",
]
