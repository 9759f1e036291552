"""Events as JSON Lines, one event per line in the contract's shape."""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from geokg.graph import TransferEvent

from .atomic import atomic_write


def event_json(event: TransferEvent) -> str:
    """One event as a JSON line's content: the contract's shape, empty fields left out."""
    return event.model_dump_json(exclude_none=True, exclude_defaults=False,
                                 exclude={"sources"} if not event.sources else None)


def write_jsonl(events: Iterable[TransferEvent], path: str | Path) -> Path:
    return atomic_write(path, "".join(event_json(e) + "\n" for e in events))
