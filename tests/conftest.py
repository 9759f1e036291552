"""Shared fixtures: the seed articles, their gold rows, and a real headless Chromium."""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from geokg.extract.lexicon import load_actors

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED = SEEDS / "kontan-korut-senjata-rusia"


def actor_id(value: str) -> str:
    """Gold files name actors by ISO code or by name ("Wagner Group"); compare on ids."""
    actors = load_actors()
    if value in actors:
        return value
    return next(a.id for a in actors.values() if a.name == value)


def gold_rows(stem: Path) -> list[dict]:
    path = stem.with_name(stem.name + ".gold.jsonl")
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    for row in rows:
        row["sender"], row["recipient"] = actor_id(row["sender"]), actor_id(row["recipient"])
    return rows


def event_key(event) -> tuple[str, str, str, str]:
    return (event.sender.id, event.recipient.id, event.weapon.category.value, event.status.value)


def row_key(row: dict) -> tuple[str, str, str, str]:
    return (row["sender"], row["recipient"], row["category"], row["status"])


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """Debian's chromium, which `make test` installs. Missing is a failure, never a skip: the HTML is only
    tested if a real browser opens it."""
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        pytest.fail("chromium is not installed: run `make test` (it installs Debian's chromium) "
                    f"or apt-get install chromium (CI={os.environ.get('CI', '')})")
    return path


@pytest.fixture(scope="session")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=chromium_path, headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"])
        yield browser
        browser.close()
