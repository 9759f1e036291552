"""Score extracted events against gold annotations (`geokg eval`).

Gold rows are JSON lines: article_id, sender, recipient, category, status, date, optional (and, for reading,
mention and evidence). Actors may be ids or names in any supported language.

- Precision, recall and F1 count (sender, recipient, category) keys per article. An optional gold row is neither
  a miss when absent nor a false event when found.
- Status and date accuracy are measured on the gold rows whose key was found. The status is right if an event
  with that key has the gold status. The date is right if that event (or, failing that, any event with the key)
  has the gold date.
- A direction swap is a missed key whose reverse was extracted, unless the gold holds that reverse too.
- Distractors are articles without gold rows. Every event extracted from one is a false event.
"""
from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from geokg.graph import Article, TransferEvent

from .lexicon import resolve_actor

Key = tuple[str, str, str]  # sender, recipient, category


@dataclass
class GoldRow:
    article_id: str
    sender: str
    recipient: str
    category: str
    status: str
    date: str | None
    optional: bool = False
    evidence: str | None = None

    @property
    def key(self) -> Key:
        return (self.sender, self.recipient, self.category)


@dataclass
class Score:
    """Counts for one slice of the corpus (all, or one language)."""

    articles: int = 0
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0
    status_right: int = 0
    date_right: int = 0
    rows_matched: int = 0
    direction_swaps: int = 0
    distractors: int = 0
    distractor_events: int = 0
    scored: list[tuple[float, bool]] = field(default_factory=list)  # (confidence, right) per extracted key
    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        wanted = self.true_positives + self.false_negatives
        return self.true_positives / wanted if wanted else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def status_accuracy(self) -> float:
        return self.status_right / self.rows_matched if self.rows_matched else 1.0

    @property
    def date_accuracy(self) -> float:
        return self.date_right / self.rows_matched if self.rows_matched else 1.0

    def precision_by_confidence(self, bands=(0.0, 0.7, 0.8, 0.9)) -> list[tuple[str, int, float]]:
        """(band, keys, precision) per confidence band: higher confidence should mean higher precision."""
        rows = []
        for low, high in zip(bands, (*bands[1:], 1.01)):
            inside = [right for confidence, right in self.scored if low <= confidence < high]
            if inside:
                rows.append((f"{low:.1f}-{min(high, 1.0):.1f}", len(inside), sum(inside) / len(inside)))
        return rows

    def summary(self) -> dict:
        return {"articles": self.articles, "precision": round(self.precision, 3), "recall": round(self.recall, 3),
                "f1": round(self.f1, 3), "status_accuracy": round(self.status_accuracy, 3),
                "date_accuracy": round(self.date_accuracy, 3), "direction_swaps": self.direction_swaps,
                "distractors": self.distractors, "distractor_events": self.distractor_events,
                "true_positives": self.true_positives, "false_positives": self.false_positives,
                "false_negatives": self.false_negatives}


def _actor(value: str, path: Path, number: int) -> str:
    actor = resolve_actor(value)
    if actor is None:
        raise ValueError(f"{path}:{number}: actor {value!r} is not in the lexicons; use an ISO3 code or a known name")
    return actor


def read_gold(path: str | Path) -> list[GoldRow]:
    path = Path(path)
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        raw = json.loads(line)
        rows.append(GoldRow(
            article_id=raw["article_id"], sender=_actor(raw["sender"], path, number),
            recipient=_actor(raw["recipient"], path, number), category=raw["category"], status=raw["status"],
            date=raw.get("date"), optional=bool(raw.get("optional")), evidence=raw.get("evidence")))
    return rows


def score(articles: Iterable[Article], events: Iterable[TransferEvent], gold: list[GoldRow],
          by_language: bool = False) -> dict[str, Score]:
    """Scores for "all" and, if asked, per article language."""
    events_by_article: dict[str, list[TransferEvent]] = defaultdict(list)
    for event in events:
        events_by_article[event.evidence.article_id].append(event)
    gold_by_article: dict[str, list[GoldRow]] = defaultdict(list)
    for row in gold:
        gold_by_article[row.article_id].append(row)
    scores: dict[str, Score] = defaultdict(Score)
    for article in articles:
        slices = [scores["all"]] + ([scores[article.language or "?"]] if by_language else [])
        for s in slices:
            _score_article(article, events_by_article[article.id], gold_by_article[article.id], s)
    return dict(scores)


def _describe(key: Key, status: str, date: str | None, sentence: str | None) -> str:
    return f"{key[0]} -> {key[1]} {key[2]} {status} {date or '-'}: {(sentence or '').strip()[:300]}"


def _score_article(article: Article, events: list[TransferEvent], rows: list[GoldRow], s: Score) -> None:
    s.articles += 1
    by_key: dict[Key, list[TransferEvent]] = defaultdict(list)
    for event in events:
        by_key[(event.sender.id, event.recipient.id, event.weapon.category.value)].append(event)
    if not rows:
        s.distractors += 1
        s.distractor_events += len(events)
    required = {r.key for r in rows if not r.optional}
    optional = {r.key for r in rows if r.optional}
    for key in required:
        if key in by_key:
            s.true_positives += 1
        else:
            s.false_negatives += 1
            reverse = (key[1], key[0], key[2])
            if reverse in by_key and reverse not in required and reverse not in optional:
                s.direction_swaps += 1  # a reverse the gold also holds (sold, then asked back) is no swap
    for key, found in by_key.items():
        s.scored.append((max(e.confidence for e in found), key in required or key in optional))
        if key not in required and key not in optional:
            s.false_positives += 1
            for e in found:
                s.extras.append(f"[{article.id}] " + _describe(key, e.status.value, e.date, e.evidence.sentence))
    for row in rows:
        if row.optional and row.key not in by_key:
            continue
        if row.key not in by_key:
            s.misses.append(f"[{article.id}] " + _describe(row.key, row.status, row.date, row.evidence))
            continue
        s.rows_matched += 1
        same_status = [e for e in by_key[row.key] if e.status.value == row.status]
        s.status_right += bool(same_status)
        dated = same_status or by_key[row.key]
        s.date_right += any(e.date == row.date for e in dated)
        if not same_status or not any(e.date == row.date for e in dated):
            got = ", ".join(f"{e.status.value} {e.date}" for e in by_key[row.key])
            s.wrong.append(f"[{article.id}] gold {_describe(row.key, row.status, row.date, None)} got {got}")
