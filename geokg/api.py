"""The few top-level functions a notebook needs; the CLI is a thin layer over them."""
from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path

from geokg.extract import Extractor, InputProblem, RulesExtractor, UnsupportedLanguage, read_paths
from geokg.graph import Article, EventGraph, TransferEvent


def extract_paths(paths: Iterable[str | Path], language: str | None = None, published: date | None = None,
                  extractor: Extractor | None = None, articles: Iterable[Article] = ()
                  ) -> tuple[list[TransferEvent], list[InputProblem]]:
    """Events from every readable article under `paths` (and in `articles`), and the problems met on the way."""
    extractor = extractor or RulesExtractor(language)
    events: list[TransferEvent] = []
    problems: list[InputProblem] = []
    for item in [*articles, *read_paths(paths, published=published)]:
        if isinstance(item, InputProblem):
            problems.append(item)
            continue
        try:
            events.extend(extractor.extract(item))
        except UnsupportedLanguage as err:
            problems.append(InputProblem(item.id, str(err)))
    return events, problems


def build_graph(paths: Iterable[str | Path], language: str | None = None) -> EventGraph:
    """An EventGraph of everything extracted from `paths` (problems are skipped; use extract_paths to see them)."""
    events, _ = extract_paths(paths, language=language)
    return EventGraph(events)
