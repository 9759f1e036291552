"""The store: one SQLite file holding articles, actors, events (merged transfers) and their reports.

- `articles`: one row per ingested article, with the SHA-256 of its text (`content_hash`, unique): an article
  whose text is already stored adds nothing, however often it is ingested.
- `actors`: id, name, kind, Wikidata id, COW code.
- `events`: one row per transfer, an edge of the graph: sender, recipient, category, status, date (the most precise
  of its reports), confidence, corroboration (distinct articles) and `evidence`, its most confident report.
- `reports`: one row per event an extractor read in one article, pointing at the event it was merged into;
  `graph/merge.py` states the merge rules and `merge_events` applies the same ones in memory.

SQLite runs in WAL mode with `synchronous=FULL`, and every `ingest` call is one transaction: a crash, even a
SIGKILL or a power cut, loses at most the batch in flight, never a committed one. Readers (a notebook holding a
graph) never block a writer. The file is plain SQLite: `sqlite3 geokg.db "select * from events limit 5"` works.

>>> from geokg.graph.examples import example_event
>>> from geokg.graph import Article
>>> store = Store(":memory:")
>>> article = Article(id="a1", text="...")
>>> store.ingest([(article, [example_event("PRK", "RUS", "missiles", article="a1")])]).events
1
>>> store.ingest([(article, [example_event("PRK", "RUS", "missiles", article="a1")])]).skipped
1
>>> store.load_graph().transfers(sender="PRK")[0].recipient.name
'Russia'
"""
from __future__ import annotations

import gc
import json
import sqlite3
from collections import Counter
from collections.abc import Iterable, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import numpy as np

from .eventgraph import EventGraph
from .index import CATEGORY_CODE, STATUS_CODE, EventTable, date_key
from .merge import Bucket, bucket, more_precise
from .models import Actor, Article, Evidence, TransferEvent

SCHEMA_VERSION = 1
SCHEMA = """
CREATE TABLE articles (
    id TEXT PRIMARY KEY,
    content_hash TEXT NOT NULL UNIQUE,
    title TEXT, url TEXT, published TEXT, language TEXT, source TEXT,
    ingested TEXT NOT NULL
);
CREATE TABLE actors (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL, kind TEXT NOT NULL, wikidata TEXT, cow_code INTEGER
);
CREATE TABLE events (
    key INTEGER PRIMARY KEY,
    id TEXT NOT NULL,  -- its first report's id; unique as report ids are (see reports.id)
    sender TEXT NOT NULL REFERENCES actors(id),
    recipient TEXT NOT NULL REFERENCES actors(id),
    category TEXT NOT NULL, status TEXT NOT NULL,
    year INTEGER NOT NULL,  -- of the date, 0 when undated: where merging looks for reports of the same transfer
    date TEXT, date_precision TEXT, date_source TEXT, date_text TEXT,
    confidence REAL NOT NULL,
    corroboration INTEGER NOT NULL,
    evidence INTEGER NOT NULL  -- the key of its most confident report (no foreign key: the two tables point
                               -- at each other, and a deferred check would scan events for every report)
);
CREATE INDEX events_merge ON events(sender, recipient, category, status, year);
CREATE TABLE reports (
    key INTEGER PRIMARY KEY,
    -- The extractor's event id, unique because its article is (id and text), the article's reports are written
    -- in the article's transaction, and a batch drops repeated ids. No UNIQUE index: hashed ids land on random
    -- pages, and at a million reports rewriting those pages took a fifth of every ingest.
    id TEXT NOT NULL,
    event INTEGER NOT NULL REFERENCES events(key),
    article_id TEXT NOT NULL REFERENCES articles(id),
    mention TEXT NOT NULL, extractor TEXT NOT NULL,
    date TEXT, date_precision TEXT, date_source TEXT, date_text TEXT,
    confidence REAL NOT NULL,
    sentence TEXT NOT NULL, start_char INTEGER NOT NULL, end_char INTEGER NOT NULL
);
CREATE INDEX reports_event ON reports(event);
"""
_LOAD_CHUNK = 100_000


class StoreError(Exception):
    """The file cannot serve as a store (missing, not SQLite, another schema); the message says what to do."""


@dataclass
class IngestResult:
    """What an ingest did: articles stored and skipped, reports stored, events founded and merged into."""

    articles: int = 0
    skipped: int = 0  # articles whose text was already stored
    reports: int = 0
    events: int = 0  # new events (edges)
    merged: int = 0  # reports that joined an event already there
    conflicts: list[tuple[str, str]] = field(default_factory=list)  # (article id, why it was refused)

    def add(self, other: IngestResult) -> IngestResult:
        for name in ("articles", "skipped", "reports", "events", "merged"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.conflicts.extend(other.conflicts)
        return self


class _Event:
    """An event while a batch is merged into it."""

    __slots__ = ("key", "id", "date", "precision", "source", "text", "confidence", "evidence", "corroboration",
                 "articles", "new", "changed", "where")

    def __init__(self, key, id, date, precision, source, text, confidence, evidence, corroboration, new):
        self.key, self.id, self.date, self.precision, self.source, self.text = key, id, date, precision, source, text
        self.confidence, self.evidence, self.corroboration = confidence, evidence, corroboration
        self.articles: set[str] = set()  # articles of this batch already counted in corroboration
        self.new, self.changed = new, False


class Store:
    """One SQLite file of articles, actors, events and reports. `Store(path)` creates the file if needed;
    `Store(path, create=False)` insists that it exists."""

    def __init__(self, path: str | Path, create: bool = True) -> None:
        self.path = str(path)
        if not create and self.path != ":memory:" and not Path(self.path).is_file():
            raise StoreError(f"no database at {self.path}; create one with `geokg ingest ARTICLES --db {self.path}`")
        try:
            self.db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        except sqlite3.Error as err:
            raise StoreError(f"cannot open {self.path} ({err}); give a --db path in a folder you can write to") \
                from None
        try:
            self.db.execute("PRAGMA journal_mode=WAL")
            for pragma in ("synchronous=FULL", "foreign_keys=ON", "busy_timeout=60000", "temp_store=MEMORY",
                           "cache_size=-131072"):  # 128 MB of pages: a million events' indexes mostly fit
                self.db.execute(f"PRAGMA {pragma}")
            self._ensure_schema()
        except sqlite3.Error as err:
            self.db.close()
            raise StoreError(f"cannot use {self.path} as a store ({err}); give another --db path") from None
        except StoreError:
            self.db.close()
            raise
        self._actor_cache: dict[str, Actor] = {}

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _ensure_schema(self) -> None:
        if self.db.execute("PRAGMA user_version").fetchone()[0] == 0:
            with self._transaction():  # two processes creating one file: the second finds it made
                if self.db.execute("PRAGMA user_version").fetchone()[0] == 0:
                    if self.db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
                        raise StoreError(f"{self.path} is an SQLite file of something else; give another --db path")
                    for statement in _statements(SCHEMA):
                        self.db.execute(statement)
                    self.db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if version != SCHEMA_VERSION:
            raise StoreError(f"{self.path} has store schema {version}, this geokg reads {SCHEMA_VERSION}; "
                             "re-ingest the articles into a new file")

    @contextmanager
    def _transaction(self):
        """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on any error: the batch is stored whole or not at all."""
        if self.db.in_transaction:
            yield
            return
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    # -- writing -----------------------------------------------------------------------------------------------

    def has_article(self, content_hash: str) -> bool:
        """Whether an article with this text is stored (`Article.content_hash`)."""
        return self.db.execute("SELECT 1 FROM articles WHERE content_hash = ?", (content_hash,)).fetchone() is not None

    def ingest(self, batch: Iterable[tuple[Article, Sequence[TransferEvent]]]) -> IngestResult:
        """Store articles with the events extracted from them, in one transaction, merging reports of one
        transfer (`graph/merge.py`).

        An article whose text is stored already is skipped; one whose id is taken by another text is refused
        and named in `conflicts`. Events must be as an extractor gives them: read from their article, unmerged.
        """
        result = IngestResult()
        # Merging allocates a few small objects per report and makes no reference cycles; with a large batch
        # the cyclic garbage collector would rescan every live object again and again (a quarter of the time).
        collecting = gc.isenabled()
        gc.disable()
        try:
            with self._transaction():
                kept = self._new_articles(list(batch), result)
                if kept:
                    self._store_actors(kept)
                    self._store_reports(kept, result)
        finally:
            if collecting:
                gc.enable()
        return result

    def _new_articles(self, batch: list[tuple[Article, Sequence[TransferEvent]]], result: IngestResult) -> list:
        hashes = [article.content_hash for article, _ in batch]
        stored_hashes = {h for (h,) in self.db.execute(
            "SELECT content_hash FROM articles WHERE content_hash IN (SELECT value FROM json_each(?))",
            (json.dumps(hashes),))}
        stored_ids = {i for (i,) in self.db.execute(
            "SELECT id FROM articles WHERE id IN (SELECT value FROM json_each(?))",
            (json.dumps([article.id for article, _ in batch]),))}
        kept, rows = [], []
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        for (article, events), content_hash in zip(batch, hashes):
            if content_hash in stored_hashes:
                result.skipped += 1
                continue
            if article.id in stored_ids:
                result.conflicts.append((article.id, "another text with this article id is stored already; give the "
                                         f"new version its own id (for example {article.id}-v2) to keep both"))
                continue
            for event in events:
                if event.evidence.article_id != article.id or event.sources:
                    raise ValueError(f"event {event.id} is not a report read from article {article.id!r} alone; "
                                     "ingest each article with the events extracted from it")
            stored_hashes.add(content_hash)
            stored_ids.add(article.id)
            kept.append((article, events))
            rows.append((article.id, content_hash, article.title, article.url,
                         article.published.isoformat() if article.published else None, article.language,
                         article.source, now))
        self.db.executemany("INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
        result.articles += len(rows)
        return kept

    def _store_actors(self, kept: list) -> None:
        actors = {a.id: a for _, events in kept for e in events for a in (e.sender, e.recipient)}
        self.db.executemany(
            "INSERT INTO actors VALUES (?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET name = excluded.name, "
            "kind = excluded.kind, wikidata = coalesce(excluded.wikidata, wikidata), "
            "cow_code = coalesce(excluded.cow_code, cow_code)",
            [(a.id, a.name, a.kind.value, a.wikidata, a.cow_code) for a in actors.values()])
        self._actor_cache.update(actors)

    def _store_reports(self, kept: list, result: IngestResult) -> None:
        # Enum fields are read through `_value_`: `.value` is a descriptor call, which shows at a million reports.
        reports, seen = [], set()
        for article, events in kept:
            for e in events:
                if e.id not in seen:
                    seen.add(e.id)
                    reports.append((article.id, e, bucket(e.sender.id, e.recipient.id, e.weapon.category._value_,
                                                          e.status._value_, e.date)))
        buckets = self._events_in({where for _, _, where in reports})
        next_event, next_report = (self.db.execute(f"SELECT coalesce(max(key), 0) + 1 FROM {table}").fetchone()[0]
                                   for table in ("events", "reports"))
        report_rows, new_events = [], []
        for article_id, e, where in reports:
            date, precision, source = e.date, e.date_precision, e.date_source
            precision = precision._value_ if precision is not None else None
            source = source._value_ if source is not None else None
            candidates = buckets.get(where)
            if candidates is None:
                candidates = buckets[where] = Bucket()
            event = candidates.find(date)
            if event is None:
                event = _Event(next_event, e.id, date, precision, source, e.date_text, e.confidence, next_report, 1,
                               new=True)
                event.where = where
                event.articles.add(article_id)
                candidates.add(date, event, next_event)
                next_event += 1
                new_events.append(event)
            else:
                result.merged += 1
                event.changed = True
                if article_id not in event.articles:
                    event.articles.add(article_id)
                    event.corroboration += 1
                if more_precise(date, event.date):
                    candidates.refine(event.date, date, event, event.key)
                    event.date, event.precision, event.source, event.text = date, precision, source, e.date_text
                if e.confidence > event.confidence:
                    event.confidence, event.evidence = e.confidence, next_report
            ev = e.evidence
            report_rows.append((next_report, e.id, event.key, article_id, e.weapon.mention, e.extractor, date,
                                precision, source, e.date_text, e.confidence, ev.sentence, ev.start, ev.end))
            next_report += 1
        self.db.executemany(
            "INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(ev.key, ev.id, *ev.where, ev.date, ev.precision, ev.source, ev.text, ev.confidence, ev.corroboration,
              ev.evidence) for ev in new_events])
        self.db.executemany(
            "UPDATE events SET date = ?, date_precision = ?, date_source = ?, date_text = ?, confidence = ?, "
            "corroboration = ?, evidence = ? WHERE key = ?",
            [(ev.date, ev.precision, ev.source, ev.text, ev.confidence, ev.corroboration, ev.evidence, ev.key)
             for found in buckets.values() for ev in found.events if ev.changed and not ev.new])
        self.db.executemany("INSERT INTO reports VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", report_rows)
        result.reports += len(report_rows)
        result.events += len(new_events)

    def _events_in(self, buckets: set[tuple]) -> dict[tuple, Bucket]:
        """The stored events of these merge buckets."""
        found: dict[tuple, Bucket] = {}
        if not buckets or self.db.execute("SELECT NOT EXISTS (SELECT 1 FROM events)").fetchone()[0]:
            return found
        self.db.execute("CREATE TEMP TABLE IF NOT EXISTS wanted "
                        "(sender TEXT, recipient TEXT, category TEXT, status TEXT, year INTEGER)")
        self.db.execute("DELETE FROM wanted")
        self.db.executemany("INSERT INTO wanted VALUES (?, ?, ?, ?, ?)", buckets)
        rows = self.db.execute(
            "SELECT e.sender, e.recipient, e.category, e.status, e.year, e.key, e.id, e.date, e.date_precision, "
            "e.date_source, e.date_text, e.confidence, e.evidence, e.corroboration FROM wanted w CROSS JOIN events e "
            "ON e.sender = w.sender AND e.recipient = w.recipient AND e.category = w.category "
            "AND e.status = w.status AND e.year = w.year ORDER BY e.key")
        for row in rows:
            where = row[:5]
            if where not in found:
                found[where] = Bucket()
            found[where].add(row[7], _Event(*row[5:], new=False), row[5])
        return found

    # -- reading -----------------------------------------------------------------------------------------------

    def actors(self) -> dict[str, Actor]:
        """Every stored actor, by id."""
        self._actor_cache = {
            row[0]: Actor(id=row[0], name=row[1], kind=row[2], wikidata=row[3], cow_code=row[4])
            for row in self.db.execute("SELECT id, name, kind, wikidata, cow_code FROM actors ORDER BY rowid")}
        return self._actor_cache

    def load_graph(self) -> EventGraph:
        """An EventGraph of every stored event: a few numbers per event in memory, the rest read on demand."""
        actors = self.actors()
        table = EventTable()
        for actor_id in actors:
            table.code(actor_id)
        dates: dict[str | None, int] = {}
        keys = []
        cursor = self.db.execute(
            "SELECT key, id, sender, recipient, category, status, date, confidence, corroboration FROM events "
            "ORDER BY key")
        codes = table.actor_code
        while chunk := cursor.fetchmany(_LOAD_CHUNK):
            key, ids, senders, recipients, categories, statuses, date, confidence, corroboration = zip(*chunk)
            keys.append(np.array(key, dtype=np.int64))
            table.extend_columns(list(ids), {
                "sender": [codes[a] for a in senders], "recipient": [codes[a] for a in recipients],
                "category": [CATEGORY_CODE[c] for c in categories], "status": [STATUS_CODE[s] for s in statuses],
                "date": [dates[d] if d in dates else dates.setdefault(d, date_key(d)) for d in date],
                "confidence": confidence, "corroboration": corroboration})
        keys = np.concatenate(keys) if keys else np.zeros(0, dtype=np.int64)
        # Ids are unique by construction (see reports.id) as long as the extractor makes them with event_id.
        if len(table.row_of) != len(table.ids):
            raise StoreError(f"{self.path} holds events with the same id; an extractor gave ids that are not "
                             "unique per article (use graph.models.event_id); re-ingest into a new file")
        table.build()
        involved = set(np.unique(np.r_[table.column("sender"), table.column("recipient")]).tolist())
        return EventGraph.from_table([a for i, a in enumerate(actors.values()) if i in involved], table, self, keys)

    def fetch(self, keys: list[int]) -> dict[int, TransferEvent]:
        """The stored events of these keys, with their evidence and sources."""
        found: dict[int, TransferEvent] = {}
        for start in range(0, len(keys), 5000):
            found.update(self._fetch(keys[start:start + 5000]))
        return found

    def _fetch(self, keys: list[int]) -> dict[int, TransferEvent]:
        wanted = json.dumps(keys)
        reports: dict[int, list[tuple]] = {}
        for row in self.db.execute(
                "SELECT r.event, r.key, r.mention, r.extractor, r.article_id, r.sentence, r.start_char, r.end_char, "
                "a.url, a.title, a.published, a.language FROM reports r JOIN articles a ON a.id = r.article_id "
                "WHERE r.event IN (SELECT value FROM json_each(?)) ORDER BY r.key", (wanted,)):
            reports.setdefault(row[0], []).append(row[1:])
        actors = self._actor_cache
        found = {}
        for (key, event_id, sender, recipient, category, status, date, precision, source, text, confidence,
             evidence) in self.db.execute(
                "SELECT key, id, sender, recipient, category, status, date, date_precision, date_source, date_text, "
                "confidence, evidence FROM events WHERE key IN (SELECT value FROM json_each(?))", (wanted,)):
            if sender not in actors or recipient not in actors:
                actors = self.actors()
            told = reports[key]
            best = next(r for r in told if r[0] == evidence)
            found[key] = TransferEvent(
                id=event_id, sender=actors[sender], recipient=actors[recipient],
                weapon={"category": category, "mention": best[1]}, status=status, date=date,
                date_precision=precision, date_source=source, date_text=text, confidence=confidence,
                evidence=_evidence(best), sources=[_evidence(r) for r in told if r is not best], extractor=best[2])
        return found

    def stats(self) -> dict:
        """Counts for `geokg stats`: articles, reports, events, corroborated events, actors, dates, events
        per category and status, and the five busiest sender -> recipient pairs."""
        one = lambda sql: self.db.execute(sql).fetchone()  # noqa: E731
        first, last = one("SELECT min(date), max(date) FROM events")
        return {
            "articles": one("SELECT count(*) FROM articles")[0],
            "reports": one("SELECT count(*) FROM reports")[0],
            "events": one("SELECT count(*) FROM events")[0],
            "corroborated": one("SELECT count(*) FROM events WHERE corroboration > 1")[0],
            "actors": one("SELECT count(*) FROM actors")[0],
            "first": first, "last": last,
            "categories": Counter(dict(self.db.execute(
                "SELECT category, count(*) FROM events GROUP BY category ORDER BY 2 DESC"))),
            "statuses": Counter(dict(self.db.execute(
                "SELECT status, count(*) FROM events GROUP BY status ORDER BY 2 DESC"))),
            "pairs": self.db.execute("SELECT sender, recipient, count(*) FROM events GROUP BY sender, recipient "
                                     "ORDER BY 3 DESC, 1, 2 LIMIT 5").fetchall(),
        }


def _statements(script: str):
    """The statements of an SQL script, one at a time (`executescript` would commit the open transaction)."""
    statement = ""
    for line in script.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            yield statement
            statement = ""


def _evidence(report: tuple) -> Evidence:
    _, _, _, article_id, sentence, start, end, url, title, published, language = report
    return Evidence(article_id=article_id, sentence=sentence, start=start, end=end, url=url, title=title,
                    published=published, language=language)
