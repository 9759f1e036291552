"""`geokg eval`: keys, status and date accuracy, direction swaps and distractor events counted as documented."""
import json
import subprocess
import sys

from geokg.extract.evaluate import GoldRow, score
from geokg.graph import Actor, Article, Evidence, TransferEvent, Weapon

from conftest import SEEDS


def _event(article, sender, recipient, category, status="delivered", date="2023-01", confidence=0.9):
    actors = {"IRN": "Iran", "RUS": "Russia", "UKR": "Ukraine", "USA": "United States"}
    return TransferEvent(
        id=f"{article}-{sender}-{recipient}-{category}-{status}",
        sender=Actor(id=sender, name=actors[sender], kind="state"),
        recipient=Actor(id=recipient, name=actors[recipient], kind="state"),
        weapon=Weapon(category=category, mention="x"), status=status, date=date, confidence=confidence,
        evidence=Evidence(article_id=article, sentence="s", start=0, end=1), extractor="test")


def test_score_counts_what_it_says():
    articles = [Article(id=i, text="t", language="en") for i in ("a", "b", "distractor")]
    gold = [GoldRow("a", "IRN", "RUS", "uav", "delivered", "2023-01"),
            GoldRow("a", "USA", "UKR", "artillery", "planned", "2023-02"),
            GoldRow("b", "USA", "UKR", "missiles", "delivered", "2023-03"),
            GoldRow("b", "USA", "UKR", "ships", "delivered", "2023-03", optional=True)]
    events = [_event("a", "IRN", "RUS", "uav"),                           # right
              _event("a", "USA", "UKR", "artillery", "delivered"),        # right key, wrong status and date
              _event("b", "UKR", "USA", "missiles", confidence=0.5),      # direction swap
              _event("distractor", "IRN", "RUS", "uav", confidence=0.6)]  # false event on a distractor
    result = score(articles, events, gold)["all"]
    assert (result.true_positives, result.false_positives, result.false_negatives) == (2, 2, 1)
    assert result.direction_swaps == 1
    assert (result.distractors, result.distractor_events) == (1, 1)
    assert result.rows_matched == 2 and result.status_right == 1 and result.date_right == 1
    assert len(result.misses) == 1 and len(result.extras) == 2 and len(result.wrong) == 1
    assert [(band, n) for band, n, _ in result.precision_by_confidence()] == [("0.0-0.7", 2), ("0.9-1.0", 2)]


def test_eval_command_on_the_seeds(tmp_path):
    gold = tmp_path / "gold.jsonl"
    with gold.open("w") as out:
        for path in SEEDS.glob("*.gold.jsonl"):
            for line in path.read_text().splitlines():
                if line.strip():
                    out.write(json.dumps({**json.loads(line), "article_id": path.name[:-len(".gold.jsonl")]}) + "\n")
    result = subprocess.run([sys.executable, "-m", "geokg.cli", "eval", str(SEEDS), str(gold), "--by-language",
                             "--show-errors"], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    lines = {line.split()[0]: line.split() for line in result.stdout.splitlines() if line[:4] in ("all ", "en  ", "id  ")}
    assert set(lines) == {"all", "en", "id"}
    assert float(lines["all"][4]) == 1.0  # f1 on the samples
    assert "precision by confidence" in result.stdout and "missed (0)" in result.stdout


def test_a_reverse_the_gold_also_holds_is_no_swap():
    articles = [Article(id="a", text="t", language="en")]
    gold = [GoldRow("a", "USA", "UKR", "uav", "delivered", "2023-01"),   # sold to Ukraine ...
            GoldRow("a", "UKR", "USA", "uav", "requested", "2023-01")]   # ... and asked back: missed here
    result = score(articles, [_event("a", "USA", "UKR", "uav")], gold)["all"]
    assert (result.true_positives, result.false_negatives, result.direction_swaps) == (1, 1, 0)
