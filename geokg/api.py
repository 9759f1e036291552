"""The few top-level functions a notebook needs; the CLI is a thin layer over them."""
from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path

from geokg.extract import Extractor, InputProblem, RulesExtractor, UnsupportedLanguage, read_paths
from geokg.graph import Article, EventGraph, TransferEvent
from geokg.graph.store import IngestResult, Store

DEFAULT_DB = "geokg.db"  # in the current folder, as `geokg ingest` and `geokg query` assume


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


def ingest_paths(paths: Iterable[str | Path], db: str | Path = DEFAULT_DB, language: str | None = None,
                 published: date | None = None, extractor: Extractor | None = None, batch_size: int = 100
                 ) -> tuple[IngestResult, list[InputProblem]]:
    """Extract the articles under `paths` and store them in the SQLite file `db`, `batch_size` articles per
    transaction. An article whose text is stored already is not even extracted again.

    Returns what was stored and the problems met (unreadable inputs, unsupported languages, refused articles).
    """
    extractor = extractor or RulesExtractor(language)
    result, problems = IngestResult(), []
    with Store(db) as store:
        batch: list[tuple[Article, list[TransferEvent]]] = []
        for item in read_paths(paths, published=published):
            if isinstance(item, InputProblem):
                problems.append(item)
                continue
            if store.has_article(item.content_hash):
                result.skipped += 1
                continue
            try:
                batch.append((item, extractor.extract(item)))
            except UnsupportedLanguage as err:
                problems.append(InputProblem(item.id, str(err)))
            if len(batch) >= batch_size:
                result.add(store.ingest(batch))
                batch = []
        if batch:
            result.add(store.ingest(batch))
    problems += [InputProblem(article_id, why) for article_id, why in result.conflicts]
    return result, problems


def open_graph(db: str | Path = DEFAULT_DB) -> EventGraph:
    """The EventGraph of a store (`geokg.open` is the same function), for queries and analytics in a notebook.

    Only a few numbers per event are held in memory; an event's evidence is read from `db` when a result is looked
    at, so the file must stay where it is while the graph is used. The graph is a snapshot: reopen to see later
    ingests.
    """
    return Store(db, create=False).load_graph()
