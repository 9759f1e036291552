"""The few top-level functions a notebook needs; the CLI is a thin layer over them."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from itertools import chain
from pathlib import Path

from geokg.extract import Extractor, InputProblem, RulesExtractor, UnsupportedLanguage, read_paths
from geokg.graph import Article, EventGraph, TransferEvent
from geokg.graph.merge import merge_events
from geokg.graph.store import IngestResult, Store

DEFAULT_DB = "geokg.db"  # in the current folder, as `geokg ingest` and `geokg query` assume


def _extract_batch(extractor: Extractor, batch: list[Article]) -> list[list[TransferEvent] | str]:
    """Events per article, or the reason it could not be read (runs in a worker process)."""
    out: list[list[TransferEvent] | str] = []
    for article in batch:
        try:
            out.append(extractor.extract(article))
        except UnsupportedLanguage as err:
            out.append(str(err))
    return out


def _batches(items: Iterable, size: int) -> Iterator[list]:
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def iter_extracted(paths: Iterable[str | Path], language: str | None = None, published: date | None = None,
                   extractor: Extractor | None = None, articles: Iterable[Article] = (), workers: int = 1,
                   batch_size: int = 64) -> Iterator[tuple[Article, list[TransferEvent]] | InputProblem]:
    """(article, its events) for every readable article, in input order, and an InputProblem for the rest.

    With `workers` > 1 articles are extracted in that many processes, `batch_size` at a time per worker, so
    memory stays bounded whatever the corpus size; the results are the same as with one worker.
    """
    extractor = extractor or RulesExtractor(language)
    items = chain(articles, read_paths(paths, published=published))
    pool = ProcessPoolExecutor(workers) if workers > 1 else None
    try:
        for group in _batches(items, batch_size * max(workers, 1) * 2):
            readable = [a for a in group if isinstance(a, Article)]
            if pool is None:
                results = _extract_batch(extractor, readable)
            else:
                chunks = list(_batches(readable, batch_size))
                results = [r for part in pool.map(_extract_batch, [extractor] * len(chunks), chunks) for r in part]
            found = iter(results)
            for item in group:
                if isinstance(item, InputProblem):
                    yield item
                    continue
                result = next(found)
                yield InputProblem(item.id, result) if isinstance(result, str) else (item, result)
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)


def extract_paths(paths: Iterable[str | Path], language: str | None = None, published: date | None = None,
                  extractor: Extractor | None = None, articles: Iterable[Article] = (), workers: int = 1
                  ) -> tuple[list[TransferEvent], list[InputProblem]]:
    """Events from every readable article under `paths` (and in `articles`), and the problems met on the way."""
    events: list[TransferEvent] = []
    problems: list[InputProblem] = []
    for item in iter_extracted(paths, language, published, extractor, articles, workers):
        if isinstance(item, InputProblem):
            problems.append(item)
        else:
            events.extend(item[1])
    return events, problems


def build_graph(paths: Iterable[str | Path], language: str | None = None) -> EventGraph:
    """An EventGraph of everything extracted from `paths`, reports of one transfer merged into one edge with all
    their sources (problems are skipped; use extract_paths to see them)."""
    events, _ = extract_paths(paths, language=language)
    return EventGraph(merge_events(events))


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
