"""The Extractor protocol: any backend (rules, a learned model, an LLM) that turns an article into events.

>>> from geokg.extract import RulesExtractor
>>> isinstance(RulesExtractor(), Extractor)
True
"""
from __future__ import annotations

from typing import Protocol, runtime_checkable

from geokg.graph import Article, TransferEvent


class UnsupportedLanguage(ValueError):
    """The article's language has no lexicon folder, or could not be told."""


@runtime_checkable
class Extractor(Protocol):
    name: str  # goes into every event's `extractor` field, with a version: "geokg-rules/0.1.0"

    def extract(self, article: Article) -> list[TransferEvent]:
        """Events of one article. A pure function of the article, so articles can be extracted in parallel."""
        ...
