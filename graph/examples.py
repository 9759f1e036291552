"""Small hand-made events and graphs: for docstrings, tests, and trying the API in a notebook.

>>> g = example_graph()
>>> g.number_of_events(), g.number_of_actors()
(6, 6)
"""
from __future__ import annotations

from .eventgraph import EventGraph
from .models import Actor, Evidence, TransferEvent, Weapon, event_id
from .taxonomy import DatePrecision

ACTORS = {
    "PRK": Actor(id="PRK", name="North Korea", kind="state", wikidata="Q423"),
    "RUS": Actor(id="RUS", name="Russia", kind="state", wikidata="Q159"),
    "IRN": Actor(id="IRN", name="Iran", kind="state", wikidata="Q794"),
    "UKR": Actor(id="UKR", name="Ukraine", kind="state", wikidata="Q212"),
    "USA": Actor(id="USA", name="United States", kind="state", wikidata="Q30"),
    "wagner-group": Actor(id="wagner-group", name="Wagner Group", kind="non_state"),
}
_PRECISION = {4: DatePrecision.YEAR, 7: DatePrecision.MONTH, 10: DatePrecision.DAY}


def example_event(sender: str, recipient: str, category: str, status: str = "delivered",
                  date: str | None = "2022-11", article: str = "a1", confidence: float = 0.9) -> TransferEvent:
    """One made-up event as an extractor would give it, between actors of `ACTORS`.

    >>> example_event("PRK", "wagner-group", "missiles").recipient.name
    'Wagner Group'
    """
    sentence = f"{ACTORS[sender].name} sent {category} to {ACTORS[recipient].name}."
    return TransferEvent(
        id=event_id(article, sender, recipient, category, status), sender=ACTORS[sender],
        recipient=ACTORS[recipient], weapon=Weapon(category=category, mention=category), status=status,
        date=date, date_precision=_PRECISION[len(date)] if date else None,
        date_source="explicit" if date else None, confidence=confidence,
        evidence=Evidence(article_id=article, sentence=sentence, start=0, end=len(sentence)),
        extractor="example/1")


def example_graph() -> EventGraph:
    """Six made-up transfers between six actors, small enough to check every answer by hand:

    IRN -> RUS uav 2022-09, PRK -> RUS artillery 2023-03 (planned), PRK -> wagner-group missiles 2022-11 and
    artillery 2022-11, RUS -> wagner-group armoured_vehicles 2023, USA -> UKR artillery 2022-12.
    """
    return EventGraph([
        example_event("IRN", "RUS", "uav", date="2022-09", article="a1"),
        example_event("PRK", "RUS", "artillery", "planned", date="2023-03", article="a2", confidence=0.7),
        example_event("PRK", "wagner-group", "missiles", date="2022-11", article="a3"),
        example_event("PRK", "wagner-group", "artillery", date="2022-11", article="a3"),
        example_event("RUS", "wagner-group", "armoured_vehicles", date="2023", article="a4", confidence=0.6),
        example_event("USA", "UKR", "artillery", date="2022-12-21", article="a5", confidence=0.95),
    ])
