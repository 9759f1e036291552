"""The event contract: pydantic models every part of geokg reads and writes.

The JSON output, the JSON Schema (`geokg schema`) and the RDF export all derive from these classes.

>>> a = Actor(id="PRK", name="North Korea", kind="state", wikidata="Q423")
>>> a.model_dump(mode="json", exclude_none=True)["kind"]
'state'
"""
from __future__ import annotations

import hashlib
import re
from datetime import date as Date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from .taxonomy import ActorKind, Category, DatePrecision, DateSource, Status

_PARTIAL_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


_set = object.__setattr__


def _restore(cls: type[BaseModel], values: dict, fields_set: set) -> BaseModel:
    """A pickled model back, as pydantic's own __setstate__ and __copy__ make one: its values were validated."""
    model = cls.__new__(cls)
    _set(model, "__dict__", values)
    _set(model, "__pydantic_fields_set__", fields_set)
    _set(model, "__pydantic_extra__", None)
    _set(model, "__pydantic_private__", None)
    return model


class _Model(BaseModel):
    model_config = ConfigDict(use_enum_values=False, frozen=False, extra="forbid")

    def __reduce_ex__(self, protocol):
        # Worker processes send every event back pickled. pydantic's __getstate__/__setstate__ make and read a
        # state dict for every model, in Python: this costs a third less each way (~30 us an article of
        # ~20 models: events, weapons, evidence, actors). Extra or private values (none here) go the usual way.
        if self.__pydantic_extra__ is not None or self.__pydantic_private__ is not None:
            return super().__reduce_ex__(protocol)
        return _restore, (type(self), self.__dict__, self.__pydantic_fields_set__)


class Article(_Model):
    """One input document. `id` is the record's own id, or one derived from the file it came from."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    published: Date | None = None
    language: str | None = None
    source: str | None = None

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


class Actor(_Model):
    """A sender or recipient: ISO 3166-1 alpha-3 for states, a lowercase slug for non-state actors."""

    id: str
    name: str
    kind: ActorKind
    wikidata: str | None = None
    wikidata_match: Literal["exact", "close"] | None = Field(
        default=None, description="How well `wikidata` names this actor: `exact` (the default when an item is given) "
        "or `close` (a related or broader item, such as a parent organisation, or a match found by name only).")
    cow_code: int | None = None


class Weapon(_Model):
    category: Category
    mention: str = Field(description="The words in the article that named what was transferred.")


class Evidence(_Model):
    """Where an event was read: `start`/`end` are character offsets of `sentence` in the article text."""

    article_id: str
    sentence: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    url: str | None = None
    title: str | None = None
    published: Date | None = None
    language: str | None = None


class TransferEvent(_Model):
    """One arms transfer (or request, offer, plan, denial, cancellation) as one source tells it."""

    id: str
    sender: Actor
    recipient: Actor
    weapon: Weapon
    status: Status
    date: str | None = Field(None, description="YYYY, YYYY-MM or YYYY-MM-DD, at `date_precision`.")
    date_precision: DatePrecision | None = None
    date_source: DateSource | None = None
    date_text: str | None = None
    confidence: float = Field(ge=0.0, le=1.0)
    evidence: Evidence
    extractor: str
    sources: list[Evidence] = Field(
        default_factory=list,
        description="Further reports of the same transfer, merged into this event; `evidence` is the best one.")

    @property
    def all_evidence(self) -> list[Evidence]:
        return [self.evidence, *self.sources]

    @property
    def corroboration(self) -> int:
        """How many distinct articles report this transfer."""
        return len({e.article_id for e in self.all_evidence})

    @field_validator("date")
    @classmethod
    def _partial_iso_date(cls, value: str | None) -> str | None:
        if value is not None and not _PARTIAL_DATE.match(value):
            raise ValueError(f"date {value!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
        return value

    @property
    def key(self) -> tuple[str, str, str, str]:
        """What makes two reports the same claim within an article."""
        return (self.sender.id, self.recipient.id, self.weapon.category.value, self.status.value)


def event_id(article_id: str, sender: str, recipient: str, category: str, status: str) -> str:
    """A stable id: the same claim read from the same article always gets the same id."""
    digest = hashlib.sha1("|".join((article_id, sender, recipient, category, status)).encode()).hexdigest()
    return "ev-" + digest[:16]


def event_schema() -> dict:
    """The JSON Schema of one event, as `geokg schema` prints it."""
    return TransferEvent.model_json_schema()
