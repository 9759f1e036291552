"""The seed article: every non-optional gold row, right direction, category, status and date; nothing from
the "Baca Juga" headlines; evidence that points into the text."""
import json
import subprocess
import sys

import pytest

from geokg.api import extract_paths
from geokg.extract import RulesExtractor
from geokg.extract.read import article_from_record

from conftest import SEED, event_key, gold_rows, row_key

TEXT = SEED.with_suffix(".txt").read_text(encoding="utf-8")
META = json.loads(SEED.with_suffix(".meta.json").read_text(encoding="utf-8"))


def _run_cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "geokg.cli", *args], input=stdin, capture_output=True,
                          text=True, check=False)


def _events_from_cli(*args: str, stdin: str | None = None) -> list[dict]:
    result = _run_cli(*args, stdin=stdin)
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def _check_against_gold(events: list[dict]) -> None:
    got = {(e["sender"]["id"], e["recipient"]["id"], e["weapon"]["category"], e["status"]): e for e in events}
    for row in gold_rows(SEED):
        if row["optional"]:
            continue
        event = got.get(row_key(row))
        assert event is not None, f"missing {row_key(row)}; got {sorted(got)}"
        assert event["date"] == row["date"], (row_key(row), event["date"], event.get("date_text"))
    required = {row_key(r) for r in gold_rows(SEED) if not r["optional"]}
    optional = {row_key(r) for r in gold_rows(SEED) if r["optional"]}
    assert set(got) - required - optional == set(), "events the gold does not have"


def test_seed_txt_with_published_date():
    events = _events_from_cli("extract", str(SEED.with_suffix(".txt")), "--published", META["published"])
    _check_against_gold(events)


def test_seed_as_jsonl_record_on_stdin():
    record = {"id": "kontan-1", "text": TEXT, "published": META["published"], "language": "id"}
    events = _events_from_cli("extract", "-", stdin=json.dumps(record) + "\n")
    _check_against_gold(events)
    assert {e["evidence"]["article_id"] for e in events} == {"kontan-1"}


def test_seed_evidence_points_into_the_text():
    events, problems = extract_paths([SEED.with_suffix(".txt")])
    assert not problems and events
    for event in events:
        ev = event.evidence
        assert TEXT[ev.start:ev.end] == ev.sentence
        assert event.weapon.mention.split(", ")[0] in ev.sentence
        assert event.extractor.startswith("geokg-rules/")


@pytest.mark.parametrize("headline", [
    "Janji Adik Kim Jong Un: Korea Utara Akan Meluncurkan Banyak Satelit Mata-Mata",
    "AS, Jepang, dan Korsel Rapatkan Barisan untuk Hadapi Ancaman Korut",
    "Kim Jong Un Siap Genggam Erat Tangan Putin demi Membangun Negara yang Kuat",
])
def test_nothing_from_baca_juga_headlines(headline):
    events, _ = extract_paths([SEED.with_suffix(".txt")])
    assert headline in TEXT
    for event in events:
        assert "Baca Juga" not in event.evidence.sentence
        assert headline not in event.evidence.sentence


def test_run_on_headline_does_not_swallow_the_quote_after_it():
    """The first headline runs into a quoted sentence with no line break; that sentence carries an event."""
    article = article_from_record({**META, "text": TEXT}, "seed")
    events = RulesExtractor().extract(article)
    planned = [e for e in events if event_key(e) == ("PRK", "RUS", "military_equipment", "planned")]
    assert planned and planned[0].evidence.sentence.startswith('"Kami khawatir DPRK')
    assert planned[0].date_source.value == "statement" and planned[0].date_text == "Senin (12/6)"
