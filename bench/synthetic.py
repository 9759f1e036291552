"""Synthetic arms-transfer reports at scale, for the benchmarks: realistic skew, every category, 30 years.

- Actors: the ~250 of the lexicons that take part in transfers: states with a Correlates of War code
  (countries.tsv) and the non-state armed actors (actors.tsv).
- Senders follow a Zipf law (s = 1.3) with the big exporters first, as SIPRI's data has a handful of states sending
  most arms; recipients a flatter one (s = 0.8) with big importers first; non-state actors mostly receive.
- Categories and statuses have fixed shares (delivered and planned dominate); dates spread over 1995-2024 with more
  reporting in later years, at day (45%), month (40%) or year (15%) precision, with the date source to match.
- Articles tell 1 to 5 transfers each. About one report in eight retells a recent transfer in another article,
  sometimes only to the month or year, so the store's merging has real work.

Everything comes from one seeded random generator: the same arguments give the same reports.

>>> batches = list(synthetic_batches(20, seed=1, batch_articles=4))
>>> sum(len(events) for batch in batches for _, events in batch)
20
"""
from __future__ import annotations

import random
from bisect import bisect
from collections.abc import Iterator
from datetime import date
from itertools import accumulate

from geokg.extract.lexicon import load_actors
from geokg.graph import Actor, ActorKind, Article, Category, Evidence, Status, TransferEvent, Weapon, event_id

BIG_EXPORTERS = ["USA", "RUS", "FRA", "CHN", "DEU", "ITA", "GBR", "ESP", "KOR", "ISR", "TUR", "UKR", "NLD", "SWE",
                 "CHE", "POL", "IRN", "PRK", "BLR", "CAN", "AUS", "NOR", "CZE", "ZAF", "BRA", "IND", "JPN"]
BIG_IMPORTERS = ["IND", "SAU", "UKR", "QAT", "EGY", "PAK", "AUS", "CHN", "KOR", "JPN", "ARE", "USA", "DZA", "GBR",
                 "IRQ", "SGP", "ISR", "TUR", "IDN", "TWN", "VNM", "GRC", "POL", "RUS", "MAR", "BGD", "PHL"]
CATEGORY_SHARE = {
    Category.AIRCRAFT: 0.16, Category.MISSILES: 0.14, Category.ARMOURED_VEHICLES: 0.12, Category.ARTILLERY: 0.09,
    Category.AMMUNITION: 0.09, Category.UAV: 0.08, Category.AIR_DEFENCE: 0.07, Category.SHIPS: 0.06,
    Category.SMALL_ARMS: 0.06, Category.SENSORS: 0.04, Category.TECHNOLOGY: 0.03,
    Category.MILITARY_EQUIPMENT: 0.04, Category.NON_MILITARY: 0.02,
}
STATUS_SHARE = {Status.DELIVERED: 0.52, Status.PLANNED: 0.28, Status.REQUESTED: 0.07, Status.OFFERED: 0.06,
                Status.DENIED: 0.04, Status.CANCELLED: 0.03}
MENTIONS = {
    Category.AIRCRAFT: ["fighter jets", "F-16 fighters", "Su-35 jets", "Rafale jets", "transport aircraft"],
    Category.MISSILES: ["ballistic missiles", "cruise missiles", "anti-ship missiles", "KN-23 missiles"],
    Category.ARMOURED_VEHICLES: ["tanks", "Leopard 2 tanks", "armoured personnel carriers", "K2 tanks"],
    Category.ARTILLERY: ["howitzers", "rocket launchers", "HIMARS", "infantry rockets"],
    Category.AMMUNITION: ["artillery shells", "155mm rounds", "ammunition"],
    Category.UAV: ["drones", "Shahed-136 drones", "Bayraktar TB2 drones", "loitering munitions"],
    Category.AIR_DEFENCE: ["air defence systems", "Patriot batteries", "S-400 systems"],
    Category.SHIPS: ["frigates", "patrol boats", "submarines"],
    Category.SMALL_ARMS: ["rifles", "machine guns", "small arms"],
    Category.SENSORS: ["radars", "surveillance systems"],
    Category.TECHNOLOGY: ["missile technology", "satellite technology"],
    Category.MILITARY_EQUIPMENT: ["weapons", "military equipment", "arms"],
    Category.NON_MILITARY: ["food aid", "fuel", "humanitarian aid"],
}
VERBS = {Status.DELIVERED: "delivered", Status.PLANNED: "will send", Status.REQUESTED: "asked for",
         Status.OFFERED: "offered", Status.DENIED: "denied sending", Status.CANCELLED: "halted deliveries of"}
FIRST_YEAR, YEARS = 1995, 30
EXTRACTOR = "synthetic/1"


def bench_actors() -> list[Actor]:
    """The actors of the benchmark: states with a COW code, then the non-state armed actors."""
    actors = load_actors().values()
    return ([a for a in actors if a.kind is ActorKind.STATE and a.cow_code is not None]
            + [a for a in actors if a.kind is ActorKind.NON_STATE])


def _zipf_weights(actors: list[Actor], head: list[str], s: float, rng: random.Random,
                  non_state_factor: float) -> list[float]:
    """Weights by rank: the `head` ids first in their order, then the rest shuffled; non-state scaled."""
    ids = [a.id for a in actors]
    rest = [i for i in ids if i not in head]
    rng.shuffle(rest)
    rank = {actor_id: r + 1 for r, actor_id in enumerate([i for i in head if i in ids] + rest)}
    return [rank[a.id] ** -s * (non_state_factor if a.kind is ActorKind.NON_STATE else 1.0) for a in actors]


class _Pick:
    """Draw an index with the given weights (a cumulative table and a binary search: fast for millions)."""

    def __init__(self, weights: list[float], rng: random.Random) -> None:
        self.cumulative = list(accumulate(weights))
        self.rng = rng

    def __call__(self) -> int:
        return bisect(self.cumulative, self.rng.random() * self.cumulative[-1])


def synthetic_batches(n_reports: int, seed: int = 0, batch_articles: int = 1000
                      ) -> Iterator[list[tuple[Article, list[TransferEvent]]]]:
    """`n_reports` reports in articles of 1-5 reports, `batch_articles` articles per yielded batch."""
    rng = random.Random(seed)
    actors = bench_actors()
    pick_sender = _Pick(_zipf_weights(actors, BIG_EXPORTERS, 1.3, rng, 0.05), rng)
    pick_recipient = _Pick(_zipf_weights(actors, BIG_IMPORTERS, 0.8, rng, 1.0), rng)
    categories, statuses = list(CATEGORY_SHARE), list(STATUS_SHARE)
    pick_category = _Pick(list(CATEGORY_SHARE.values()), rng)
    pick_status = _Pick(list(STATUS_SHARE.values()), rng)
    pick_year = _Pick([1.0 + 2.0 * i / (YEARS - 1) for i in range(YEARS)], rng)  # reporting grows 3x

    def some_day() -> date:
        return date(FIRST_YEAR + pick_year(), rng.randint(1, 12), rng.randint(1, 28))

    recent: list[tuple] = []  # transfers that later articles may retell
    made, article_no, batch = 0, 0, []
    while made < n_reports:
        k = min(rng.randint(1, 5), n_reports - made)
        article_id = f"syn-{seed}-{article_no:08d}"
        published = some_day()
        claims: dict[tuple, tuple] = {}
        while len(claims) < k:
            if recent and rng.random() < 0.125:
                claim = recent[rng.randrange(len(recent))]
                if len(claim[4]) > 4 and rng.random() < 0.3:  # retold less precisely
                    claim = (*claim[:4], claim[4][:7] if len(claim[4]) == 10 else claim[4][:4])
            else:
                sender, recipient = pick_sender(), pick_recipient()
                if sender == recipient:
                    continue
                day, precision = some_day().isoformat(), rng.random()
                claim = (sender, recipient, categories[pick_category()], statuses[pick_status()],
                         day if precision < 0.45 else day[:7] if precision < 0.85 else day[:4])
                recent.append(claim)
                if len(recent) > 20_000:
                    recent[:10_000] = []
            claims.setdefault(claim[:4], claim)
        events, sentences = [], []
        headline = f"Arms report {article_no}.\n"  # makes every text unique: equal texts are one article to the store
        offset = len(headline)
        for sender, recipient, category, status, when in claims.values():
            mentions = MENTIONS[category]
            mention = mentions[rng.randrange(len(mentions))]
            sentence = (f"{actors[sender].name} {VERBS[status]} {mention} to {actors[recipient].name} "
                        f"in {when}, according to officials quoted by the ministry of defence.")
            events.append(TransferEvent(
                id=event_id(article_id, actors[sender].id, actors[recipient].id, category.value, status.value),
                sender=actors[sender], recipient=actors[recipient], weapon=Weapon(category=category, mention=mention),
                status=status, date=when, date_precision=("year", "month", "day")[when.count("-")],
                date_source="explicit" if rng.random() < 0.7 else "statement", date_text=f"in {when}",
                confidence=round(rng.uniform(0.5, 0.95), 2),
                evidence=Evidence(article_id=article_id, sentence=sentence, start=offset, end=offset + len(sentence),
                                  url=f"https://news.example/{article_id}", title=f"Arms report {article_no}",
                                  published=published, language="en"),
                extractor=EXTRACTOR))
            sentences.append(sentence)
            offset += len(sentence) + 1
        batch.append((Article(id=article_id, text=headline + " ".join(sentences), title=f"Arms report {article_no}",
                              url=f"https://news.example/{article_id}", published=published, language="en"), events))
        made += len(events)
        article_no += 1
        if len(batch) >= batch_articles:
            yield batch
            batch = []
    if batch:
        yield batch
