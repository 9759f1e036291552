"""EventGraph: nodes per actor, an edge per event, and the transfers() filters."""
from geokg.graph import EventGraph, TransferEvent, event_schema

from conftest import SEEDS
from geokg.api import extract_paths


def _graph() -> EventGraph:
    events, _ = extract_paths([SEEDS])
    return EventGraph(events)


def test_nodes_are_actors_and_edges_are_events():
    g = _graph()
    assert g.number_of_events() == len(list(g.events())) > 10
    assert g.actor("PRK").wikidata == "Q423" and g.actor("PRK").kind.value == "state"
    for u, v, key, event in g.nx.edges(keys=True, data="event"):
        assert (u, v, key) == (event.sender.id, event.recipient.id, event.id)


def test_adding_the_same_event_twice_keeps_one_edge():
    g = _graph()
    n = g.number_of_events()
    g.add_events(list(g.events()))
    assert g.number_of_events() == n


def test_transfers_filters():
    g = _graph()
    prk = g.transfers(sender="PRK")
    assert prk and all(e.sender.id == "PRK" for e in prk)
    pair = g.transfers(sender="PRK", recipient="wagner-group")
    assert {e.weapon.category.value for e in pair} == {"artillery", "missiles"}
    assert all(e.recipient.id == "UKR" for e in g.transfers(recipient="UKR"))
    assert all(e.status.value == "planned" for e in g.transfers(status="planned"))
    assert all(e.weapon.category.value == "uav" for e in g.transfers(category="uav"))
    since = g.transfers(since="2023-06")
    assert since and all(e.date >= "2023-06" for e in since)
    until = g.transfers(until="2022-11")
    assert until and all(e.date[:7] <= "2022-11" for e in until)
    assert g.transfers(until="2022-11", since="2022-11") == [
        e for e in g.transfers() if e.date and e.date.startswith("2022-11")]
    assert all(e.confidence >= 0.9 for e in g.transfers(min_confidence=0.9))
    assert g.transfers(sender="nobody") == []


def test_schema_is_the_event_model():
    schema = event_schema()
    assert set(schema["required"]) >= {"id", "sender", "recipient", "weapon", "status", "evidence"}
    assert schema == TransferEvent.model_json_schema()
