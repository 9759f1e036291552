"""The few top-level functions a notebook needs; the CLI is a thin layer over them."""
from __future__ import annotations

import gc
import logging
import signal
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from datetime import date
from itertools import chain
from pathlib import Path

from geokg.extract import Extractor, InputProblem, RulesExtractor, UnsupportedLanguage, read_paths
from geokg.extract.read import MAX_ARTICLE_MB
from geokg.graph import Article, EventGraph, TransferEvent
from geokg.graph.merge import merge_events
from geokg.graph.store import IngestResult, Store

DEFAULT_DB = "geokg.db"  # in the current folder, as `geokg ingest` and `geokg query` assume


ENGINES = ("local", "dask")


class EngineError(ValueError):
    """The extraction engine cannot run as asked (no dask installed, no scheduler there); the message says why."""


class StrictError(Exception):
    """`strict=True` met a bad input and stopped there. `problem` names it; for an ingest, `result` says what
    is stored (every article read before the problem, so a rerun after the fix resumes where this one stopped)."""

    def __init__(self, problem: InputProblem, result: IngestResult | None = None) -> None:
        super().__init__(str(problem))
        self.problem, self.result = problem, result


class IngestInterrupted(KeyboardInterrupt):
    """Ctrl-C during `ingest_paths`: every article extracted before it is stored (`result`), the rest is not.
    Running the same ingest again resumes: stored articles are skipped by their text's hash."""

    def __init__(self, result: IngestResult, db: str) -> None:
        super().__init__(f"interrupted; {result.articles} articles stored in {db}")
        self.result, self.db = result, db


def _extract_batch(extractor: Extractor, batch: list[Article]) -> list[list[TransferEvent] | str]:
    """Events per article, or the reason it could not be read (runs in a worker process or on a Dask worker)."""
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


def _ignore_sigint() -> None:
    """Worker processes leave Ctrl-C to the main process, which stops the run cleanly (no traceback per worker)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


@contextmanager
def _sigint_ignored():
    """SIGINT ignored while child processes start, so they inherit it (Python keeps an ignored SIGINT ignored)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


@contextmanager
def _sigint_deferred():
    """Ctrl-C waits until the block is done (a batch being committed), then raises KeyboardInterrupt as usual."""
    if threading.current_thread() is not threading.main_thread() \
            or signal.getsignal(signal.SIGINT) is not signal.default_int_handler:
        yield
        return
    caught = []
    previous = signal.signal(signal.SIGINT, lambda *_: caught.append(True))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if caught:
        raise KeyboardInterrupt


@contextmanager
def no_full_collections():
    """Python's cyclic GC without its full collections while a call gathers every event of a corpus.

    Full collections walk every live object, and the events gathered so far are most of them: ~8 tracked objects
    an event, walked again each time the heap has grown by a quarter (~7% of one worker's time, and in the main
    process with workers, the events' unpickling cost twice over). Extraction makes next to no reference cycles,
    and young collections still run; the thresholds are restored afterwards."""
    thresholds = gc.get_threshold()
    gc.set_threshold(thresholds[0], thresholds[1], 1 << 30)
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)


@contextmanager
def _dask_client(workers: int, scheduler):
    """A dask.distributed Client: of `scheduler` (an address such as tcp://10.0.0.5:8786, a Client or a cluster),
    or of a LocalCluster of `workers` single-threaded processes started here and closed after."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise EngineError("the dask engine needs dask.distributed: pip install 'geokg[dask]'") from None
    if isinstance(scheduler, Client):
        yield scheduler
        return
    if scheduler is not None:
        address = getattr(scheduler, "scheduler_address", scheduler)
        try:
            client = Client(address, timeout="20s")
        except OSError as err:
            raise EngineError(f"cannot reach a Dask scheduler at {address} ({err}); start one with `dask scheduler` "
                             "and give the address it prints, such as tcp://10.0.0.5:8786") from None
        with client:
            yield client
        return
    with _sigint_ignored():
        cluster = LocalCluster(n_workers=max(workers, 1), threads_per_worker=1, processes=True,
                               dashboard_address=None, silence_logs=logging.ERROR)
    with cluster, Client(cluster) as client:
        yield client


@contextmanager
def _engine(engine: str, workers: int, scheduler):
    """(submit, how many chunks may be in flight), or (None, 0) to extract in this process."""
    if engine not in ENGINES:
        raise EngineError(f"no engine {engine!r}; choose {' or '.join(ENGINES)}")
    if engine == "dask":
        with _dask_client(workers, scheduler) as client:
            slots = 2 * max(sum(client.nthreads().values()), 1)
            yield (lambda fn, *args: client.submit(fn, *args, pure=False)), slots
    elif scheduler is not None:
        raise EngineError("a scheduler is for the dask engine; add --engine dask (engine='dask' in Python)")
    elif workers > 1:
        pool = ProcessPoolExecutor(workers, initializer=_ignore_sigint)
        try:
            yield pool.submit, 2 * workers
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
    else:
        yield None, 0


def _extracted(items: Iterable[Article | InputProblem], extractor: Extractor, workers: int = 1,
               engine: str = "local", scheduler=None, chunk_size: int = 64
               ) -> Iterator[tuple[Article, list[TransferEvent]] | InputProblem]:
    """(article, events) or an InputProblem for every item, in input order, extracting here, in worker processes
    or on Dask workers. At most a few chunks per worker are in flight, so memory stays bounded."""
    with _engine(engine, workers, scheduler) as (submit, slots):
        if submit is None:
            for item in items:
                if isinstance(item, InputProblem):
                    yield item
                    continue
                (result,) = _extract_batch(extractor, [item])
                yield InputProblem(item.id, result) if isinstance(result, str) else (item, result)
            return
        pending: deque = deque()

        def oldest():
            chunk, future = pending.popleft()
            found = iter(future.result() if future is not None else ())
            for item in chunk:
                if isinstance(item, InputProblem):
                    yield item
                    continue
                result = next(found)
                yield InputProblem(item.id, result) if isinstance(result, str) else (item, result)

        for chunk in _batches(items, chunk_size):
            articles = [a for a in chunk if isinstance(a, Article)]
            pending.append((chunk, submit(_extract_batch, extractor, articles) if articles else None))
            while len(pending) >= slots:
                yield from oldest()
        while pending:
            yield from oldest()


class _Progress:
    """A progress line on stderr (rich), drawn after the first second so quick runs stay quiet."""

    DELAY = 1.0

    def __init__(self, enabled: bool, console=None, what: str = "extracting") -> None:
        self.enabled, self.console, self.what = enabled, console, what
        self.started, self.bar, self.task = time.monotonic(), None, None
        self.articles = self.events = 0
        self.note = ""

    def advance(self, articles: int = 1, events: int = 0) -> None:
        self.articles += articles
        self.events += events
        if not self.enabled:
            return
        if self.bar is None:
            if time.monotonic() - self.started < self.DELAY:
                return
            from rich.console import Console
            from rich.progress import Progress, SpinnerColumn, TextColumn

            self.bar = Progress(
                SpinnerColumn(), TextColumn(self.what),
                TextColumn("{task.completed:,.0f} articles  {task.fields[rate]:,.0f} articles/s  "
                           "{task.fields[events]:,} events found  {task.fields[elapsed]}{task.fields[note]}"),
                console=self.console or Console(stderr=True), transient=False)
            self.task = self.bar.add_task(self.what, total=None, completed=self.articles, **self._fields())
            self.bar.start()
        self.bar.update(self.task, completed=self.articles, **self._fields())

    def _fields(self) -> dict:
        seconds = time.monotonic() - self.started
        minutes, secs = divmod(int(seconds), 60)
        return {"rate": self.articles / max(seconds, 1e-9), "events": self.events, "note": self.note,
                "elapsed": f"{minutes // 60}:{minutes % 60:02d}:{secs:02d}"}

    def skipped(self, stored: int) -> None:
        self.note = f"  ({stored:,} stored before, skipped)"
        self.advance(0)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.update(self.task, completed=self.articles, **self._fields())
            self.bar.stop()
            self.bar = None


def iter_extracted(paths: Iterable[str | Path], language: str | None = None, published: date | None = None,
                   extractor: Extractor | None = None, articles: Iterable[Article] = (), workers: int = 1,
                   batch_size: int = 64, engine: str = "local", scheduler=None, strict: bool = False,
                   progress: bool = False, max_article_mb: float | None = MAX_ARTICLE_MB
                   ) -> Iterator[tuple[Article, list[TransferEvent]] | InputProblem]:
    """(article, its events) for every readable article, in input order, and an InputProblem for the rest.

    With `workers` > 1 articles are extracted in that many processes, `batch_size` at a time per worker, so
    memory stays bounded whatever the corpus size; the results are the same as with one worker. `engine="dask"`
    extracts on a Dask cluster instead (`scheduler`: its address, or None for a LocalCluster of `workers`
    processes). `strict` raises StrictError at the first problem instead of yielding it. `progress` draws a
    progress line on stderr. A file, line or stdin over `max_article_mb` is a problem, not an article.
    """
    extractor = extractor or RulesExtractor(language)
    items = chain(articles, read_paths(paths, published=published, max_article_mb=max_article_mb))
    bar = _Progress(progress)
    try:
        for item in _extracted(items, extractor, workers, engine, scheduler, batch_size):
            if isinstance(item, InputProblem):
                if strict:
                    raise StrictError(item)
                bar.advance(0)
            else:
                bar.advance(1, len(item[1]))
            yield item
    finally:
        bar.close()


def extract_paths(paths: Iterable[str | Path], language: str | None = None, published: date | None = None,
                  extractor: Extractor | None = None, articles: Iterable[Article] = (), workers: int = 1,
                  engine: str = "local", scheduler=None, strict: bool = False, progress: bool = False,
                  max_article_mb: float | None = MAX_ARTICLE_MB) -> tuple[list[TransferEvent], list[InputProblem]]:
    """Events from every readable article under `paths` (and in `articles`), and the problems met on the way.
    The options are iter_extracted's."""
    events: list[TransferEvent] = []
    problems: list[InputProblem] = []
    with no_full_collections():
        for item in iter_extracted(paths, language, published, extractor, articles, workers, engine=engine,
                                   scheduler=scheduler, strict=strict, progress=progress,
                                   max_article_mb=max_article_mb):
            if isinstance(item, InputProblem):
                problems.append(item)
            else:
                events.extend(item[1])
    return events, problems


def build_graph(paths: Iterable[str | Path], language: str | None = None, **options) -> EventGraph:
    """An EventGraph of everything extracted from `paths`, reports of one transfer merged into one edge with all
    their sources (problems are skipped; use extract_paths to see them). `options` are extract_paths's (workers,
    engine, strict, ...)."""
    events, _ = extract_paths(paths, language=language, **options)
    return EventGraph(merge_events(events))


def ingest_paths(paths: Iterable[str | Path], db: str | Path = DEFAULT_DB, language: str | None = None,
                 published: date | None = None, extractor: Extractor | None = None, batch_size: int = 100,
                 workers: int = 1, engine: str = "local", scheduler=None, strict: bool = False,
                 progress: bool = False, max_article_mb: float | None = MAX_ARTICLE_MB
                 ) -> tuple[IngestResult, list[InputProblem]]:
    """Extract the articles under `paths` and store them in the SQLite file `db`, `batch_size` articles per
    transaction. An article whose text is stored already is not even extracted again.

    Extraction runs here, in `workers` processes, or with `engine="dask"` on a Dask cluster (`scheduler`: its
    address, a Client, or None for a LocalCluster); whichever runs it, this process alone writes the store, and
    the store ends the same. `strict` stops at the first problem with StrictError, after storing every article
    read before it. Ctrl-C stores the articles extracted so far and raises IngestInterrupted (a KeyboardInterrupt)
    that says how many are stored; the same call again resumes. `progress` draws a progress line on stderr.

    Returns what was stored and the problems met (unreadable inputs, unsupported languages, refused articles).
    """
    extractor = extractor or RulesExtractor(language)
    result, problems = IngestResult(), []
    bar = _Progress(progress, what="ingesting")
    with Store(db) as store:
        pending: list[tuple[Article, list[TransferEvent]]] = []

        def commit() -> None:
            if not pending:
                return
            with _sigint_deferred():  # a batch is committed, and counted, before Ctrl-C is heard
                part = store.ingest(pending)
                pending.clear()
                result.add(part)
            refused = [InputProblem(article_id, why) for article_id, why in part.conflicts]
            problems.extend(refused)
            if strict and refused:
                raise StrictError(refused[0], result)

        def unseen(items):
            for item in items:
                if isinstance(item, Article) and store.has_article(item.content_hash):
                    result.skipped += 1
                    bar.skipped(result.skipped)
                    continue
                yield item

        found = _extracted(unseen(read_paths(paths, published=published, max_article_mb=max_article_mb)),
                           extractor, workers, engine, scheduler)
        try:
            for item in found:
                if isinstance(item, InputProblem):
                    if strict:
                        commit()
                        raise StrictError(item, result)
                    problems.append(item)
                    bar.advance(0)
                    continue
                pending.append(item)
                bar.advance(1, len(item[1]))
                if len(pending) >= batch_size:
                    commit()
            commit()
        except KeyboardInterrupt:
            bar.close()
            commit()  # the articles extracted so far are whole: keep them
            found.close()  # stop the workers
            raise IngestInterrupted(result, store.path) from None
        finally:
            bar.close()
            found.close()
    return result, problems


def open_graph(db: str | Path = DEFAULT_DB) -> EventGraph:
    """The EventGraph of a store (`geokg.open` is the same function), for queries and analytics in a notebook.

    Only a few numbers per event are held in memory; an event's evidence is read from `db` when a result is looked
    at, so the file must stay where it is while the graph is used. The graph is a snapshot: reopen to see later
    ingests.
    """
    return Store(db, create=False).load_graph()
