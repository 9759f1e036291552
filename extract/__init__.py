"""Articles -> events: reading inputs, cleaning, language, sentences, mentions, roles, status and dates.

>>> from geokg.extract import extract_articles
>>> from geokg.graph import Article
>>> events = extract_articles([Article(id="x", text="Iran sent drones to Russia last month.",
...                                    published="2022-11-10")])
>>> [(e.sender.id, e.recipient.id, e.date) for e in events]
[('IRN', 'RUS', '2022-10')]
"""
from collections.abc import Iterable

from geokg.graph import Article, TransferEvent

from .base import Extractor, UnsupportedLanguage
from .read import InputProblem, read_paths
from .rules import RulesExtractor


def extract_articles(articles: Iterable[Article], extractor: Extractor | None = None) -> list[TransferEvent]:
    """Events of every article with the given extractor (the rules by default)."""
    extractor = extractor or RulesExtractor()
    return [event for article in articles for event in extractor.extract(article)]


__all__ = ["Extractor", "InputProblem", "RulesExtractor", "UnsupportedLanguage", "extract_articles", "read_paths"]
