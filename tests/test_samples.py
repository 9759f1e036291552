"""The team's sample articles in seeds/: every gold row found with its status and date, nothing invented,
and nothing at all from the distractor."""
import pytest

from geokg.api import extract_paths

from conftest import SEEDS, event_key, gold_rows, row_key

SAMPLES = sorted(p.with_suffix("") for p in SEEDS.glob("*.txt"))


@pytest.mark.parametrize("stem", SAMPLES, ids=[s.name for s in SAMPLES])
def test_sample_matches_gold(stem):
    events, problems = extract_paths([stem.with_suffix(".txt")])
    assert problems == []
    got = {event_key(e): e for e in events}
    rows = gold_rows(stem)
    misses = [row_key(r) for r in rows if not r["optional"] and row_key(r) not in got]
    wrong_dates = [(row_key(r), r["date"], got[row_key(r)].date) for r in rows
                   if not r["optional"] and row_key(r) in got and got[row_key(r)].date != r["date"]]
    extras = sorted(set(got) - {row_key(r) for r in rows})
    assert (misses, wrong_dates, extras) == ([], [], [])


def test_samples_cover_both_languages_and_a_dozen_actors():
    events, _ = extract_paths([SEEDS])
    languages = {e.evidence.language for e in events}
    actors = {e.sender.id for e in events} | {e.recipient.id for e in events}
    assert languages == {"en", "id"}
    assert len(actors) >= 12
