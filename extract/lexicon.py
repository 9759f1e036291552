"""Load the lexicon data of a language into one Aho-Corasick automaton.

The engine knows no words of any language: everything it matches comes from `lexicons/` (see its README).
Country names in each language come from CLDR through babel, so a new language gets ~250 states for free.

>>> lex = load_lexicon("id")
>>> lex.actors["PRK"].name
'North Korea'
"""
from __future__ import annotations

import csv
import tomllib
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path

import ahocorasick
from babel import Locale
from babel.core import get_global

from geokg.graph import Actor, ActorKind, Category

LEXICON_DIR = Path(str(resources.files("geokg.extract") / "lexicons"))

# Mention kinds: what a matched surface form is.
# The category of a weapon word that stands for the last weapon named ("the same system", "pesawat serupa").
SAME_WEAPON = "same"
ACTOR, WEAPON, TRIGGER, CUE, MARKER, RELDATE, MONTH, WEEKDAY, PRONOUN = (
    "actor", "weapon", "trigger", "cue", "marker", "reldate", "month", "weekday", "pronoun")


@dataclass(frozen=True)
class Entry:
    """One surface form and what it means. `payload` depends on `kind` (an actor id, a category, a frame...)."""

    kind: str
    form: str
    payload: tuple
    exact_case: bool = False
    prefix: bool = False  # the form ends in '*': it matches any word beginning with it


@dataclass(frozen=True)
class Trigger:
    frame: str  # give | receive | request | offer
    voice: str  # active | passive | participle | nominal
    status: str | None  # overrides the frame's default status
    theme: str | None = None  # the category the word itself implies when no weapon is named ("arming")
    weak: bool = False  # a general verb ("give", "memberikan") that moves weapons only sometimes


@dataclass(frozen=True)
class ActorRef:
    """What an actor mention resolves to. `periods` bounds an office-holder; a demonym never stands alone as an
    object ("sent German frigates" names no recipient)."""

    actor_id: str
    periods: tuple = ()
    demonym: bool = False


@dataclass(eq=False)  # one per language, cached: compared and hashed by identity
class Lexicon:
    code: str
    name: str
    date_order: str
    stopwords: frozenset[str]
    abbreviations: frozenset[str]
    boilerplate: tuple[str, ...]
    headline_words: frozenset[str]
    date_prepositions: frozenset[str]
    skip_words: frozenset[str]
    conjunctions: frozenset[str]
    determiners: frozenset[str]
    demonstratives: frozenset[str]  # "this shipment", "pengiriman itu": a noun that points back in the story
    object_pronouns: frozenset[str]  # "supplied it with drones": the pronoun is a recipient named before
    place_nouns: frozenset[str]  # "Bangladeshi villages", "Belarusian territory": a demonym before one is a place
    place_prepositions: frozenset[str]  # "the Houthis in Yemen": an actor right after one and an actor is a place
    state_nouns: frozenset[str]  # "delivered to the army": a state's organ, whose the clause does not say
    armed_group_nouns: frozenset[str]  # "supplied to the group": the armed group named before
    more_words: frozenset[str]  # "asked London for 48 more": after a number, more of the system named before
    source_nouns: frozenset[str]  # "Russian media", "media Rusia": the country of a news source is no party
    grant_verbs: frozenset[str]  # "approved a request for Harpoons": the request granted is a plan
    company_nouns: frozenset[str]  # "aircraft maker Piaggio": a weapon word beside one describes a company
    class_words: frozenset[str]  # "Kilo-class submarines", "fregat kelas Gepard": the name is a class of ships
    announce_verbs: frozenset[str]  # speech verbs whose object noun is the speaker's act ("announced a package")
    possessives: tuple[str, ...]
    ordinal_suffixes: tuple[str, ...]
    day_links: tuple[str, ...]
    pro_drop: bool  # "AS mengatakan telah mendapat ...": a speaker may be the unspoken subject of what follows
    modifiers_follow: bool  # "senjata AS" (id, fr) rather than "US weapons" (en): where an origin stands
    actors: dict[str, Actor]
    automaton: ahocorasick.Automaton = field(repr=False)
    # weapons.tsv's `same` forms, lower-cased: a text with none of them has no such mention.
    same_forms: tuple[str, ...] = ()


def read_tsv(path: Path) -> list[dict[str, str]]:
    """Rows of a lexicon TSV as dicts; '#' lines are comments, missing trailing columns are ''."""
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if line.strip() and not line.startswith("#")]
    reader = csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    header = next(reader)
    return [{key: (row[i].strip() if i < len(row) else "") for i, key in enumerate(header)} for row in reader]


def supported_languages() -> list[str]:
    """Every language that has a folder with a `language.toml`."""
    return list(_language_folders())


@lru_cache(maxsize=None)
def _language_folders() -> tuple[str, ...]:
    """The lexicon folders, looked for once per process (like the lexicons themselves): every article asks."""
    return tuple(sorted(p.parent.name for p in LEXICON_DIR.glob("*/language.toml")))


@lru_cache(maxsize=None)
def load_actors() -> dict[str, Actor]:
    """States from countries.tsv and non-state actors from actors.tsv, by id."""
    actors: dict[str, Actor] = {}
    for row in read_tsv(LEXICON_DIR / "countries.tsv"):
        actors[row["iso3"]] = Actor(
            id=row["iso3"], name=row["name"], kind=ActorKind.STATE, wikidata=row["wikidata"] or None,
            cow_code=int(row["cow_code"]) if row["cow_code"] else None)
    for row in read_tsv(LEXICON_DIR / "actors.tsv"):
        actors[row["id"]] = Actor(id=row["id"], name=row["name"], kind=ActorKind(row["kind"]),
                                  wikidata=row.get("wikidata") or None, wikidata_match=row.get("match") or None)
    return actors


def _iso2_to_iso3(states: set[str]) -> dict[str, str]:
    """CLDR's alias table read backwards; old codes (FXX -> FR) also point at some alpha-2, so keep ours only."""
    mapping = {}
    for alpha3, targets in get_global("territory_aliases").items():
        if alpha3 in states and len(targets) == 1 and len(targets[0]) == 2:
            mapping[targets[0]] = alpha3
    return mapping


def _cldr_country_names(code: str, states: set[str]) -> list[tuple[str, str]]:
    """(name, iso3) for every state CLDR names in this language, with and without a parenthesised part."""
    to_iso3 = _iso2_to_iso3(states)
    names = []
    for iso2, name in Locale.parse(code).territories.items():
        iso3 = to_iso3.get(iso2)
        if iso3 not in states:
            continue
        names.append((name, iso3))
        if "(" in name:
            names.append((name.split("(")[0].strip(), iso3))
    return names


def _officials(actors: dict[str, Actor]) -> dict[str, tuple[str, tuple, str]]:
    """Office-holders by name: (actor id, ((from, to), ...) periods in office, case rule)."""
    path = LEXICON_DIR / "officials.tsv"
    found: dict[str, tuple[str, tuple, str]] = {}
    for row in read_tsv(path):
        if row["actor_id"] not in actors:
            raise ValueError(f"{path}: {row['name']!r} names unknown actor {row['actor_id']!r}")
        period = (date.fromisoformat(row["valid_from"]),
                  date.fromisoformat(row["valid_to"]) if row["valid_to"] else None)
        actor_id, periods, case = found.get(row["name"], (row["actor_id"], (), row.get("case", "")))
        found[row["name"]] = (actor_id, periods + (period,), case)
    return found


def in_office(ref: ActorRef, on: date | None) -> bool:
    """Whether an actor mention counts on this date: always for names, in office for office-holders."""
    if not ref.periods or on is None:
        return True
    return any(start <= on and (end is None or on < end) for start, end in ref.periods)


def _variants(name: str) -> set[str]:
    """A designation as news spells it: 'Shahed-136', 'Shahed 136', 'Shahed136', and their plurals."""
    forms = {name}
    if "-" in name:
        forms |= {name.replace("-", " "), name.replace("-", "")}
    if name[-1].isalnum() and not name.endswith("s"):
        forms |= {f + "s" for f in forms}  # "Caesars", "F-16s", "Leopard 2s"
    return forms


@lru_cache(maxsize=None)
def _lexicon_entries(code: str) -> tuple[Entry, ...]:
    """Every surface form of a language, built once: the automaton and resolve_actor() both read it."""
    return tuple(_read_entries(code))


def _read_entries(code: str) -> list[Entry]:
    folder = LEXICON_DIR / code
    config = tomllib.loads((folder / "language.toml").read_text(encoding="utf-8"))
    actors = load_actors()
    states = {a.id for a in actors.values() if a.kind is ActorKind.STATE}
    entries: list[Entry] = []

    def add(kind: str, form: str, payload: tuple, case: str = "") -> None:
        form = form.strip()
        prefix = form.endswith("*")
        entries.append(Entry(kind, form.rstrip("*"), payload, case == "exact", prefix))

    # Country names: the article's language first, then English, which news in any language borrows.
    for lang in dict.fromkeys((code, "en")):
        for name, iso3 in _cldr_country_names(lang, states):
            add(ACTOR, name, (ActorRef(iso3),))
    for row in read_tsv(LEXICON_DIR / "countries.tsv"):
        add(ACTOR, row["name"], (ActorRef(row["iso3"]),))
    for actor in actors.values():
        if actor.kind is ActorKind.NON_STATE:
            add(ACTOR, actor.name, (ActorRef(actor.id),))
    for path in (LEXICON_DIR / "aliases.tsv", LEXICON_DIR / "capitals.tsv", folder / "actors.tsv"):
        for row in read_tsv(path):
            if row["actor_id"] and row["actor_id"] not in actors:
                raise ValueError(f"{path}: alias {row['alias']!r} names unknown actor {row['actor_id']!r}; "
                                 "add it to countries.tsv or actors.tsv")
            add(ACTOR, row["alias"], (ActorRef(row["actor_id"], demonym=row.get("kind") == "demonym"),),
                row.get("case", ""))
    for name, (actor_id, periods, case) in _officials(actors).items():
        add(ACTOR, name, (ActorRef(actor_id, periods),), case)
    for row in read_tsv(LEXICON_DIR / "weapons.tsv"):
        Category(row["category"])  # fail loudly on a typo in the data
        for form in _variants(row["name"]):
            # True: a named system; its maker's state may stand in for an unnamed sender
            add(WEAPON, form, (row["category"], row["name"], True, row.get("origin") or None))
    for row in read_tsv(folder / "weapons.tsv"):
        if row["category"] != SAME_WEAPON:
            Category(row["category"])
        add(WEAPON, row["term"], (row["category"], row["term"], False))
    for row in read_tsv(folder / "triggers.tsv"):
        add(TRIGGER, row["form"], (Trigger(row["frame"], row["voice"], row.get("status") or None,
                                           row.get("theme") or None, row.get("weak") == "weak"),))
    for row in read_tsv(folder / "cues.tsv"):
        add(CUE, row["form"], (row["cue"],))
    for row in read_tsv(folder / "markers.tsv"):
        add(MARKER, row["form"], (row["marker"],))
    for form in config.get("pronouns", []):
        add(PRONOUN, form, ("antecedent",))
    for form in config.get("speaker_pronouns", []):
        add(PRONOUN, form, ("speaker",))
    for form in config.get("group_pronouns", []):
        add(PRONOUN, form, ("group",))
    for row in read_tsv(folder / "dates.tsv"):
        add(RELDATE, row["phrase"], (row["unit"], int(row["offset"]), row["precision"]))
    for lang in dict.fromkeys((code, "en")):
        locale = Locale.parse(lang)
        for context in ("format", "stand-alone"):
            # A name CLDR capitalises counts only capitalised: "may" is a modal, "minggu" a week, not Sunday.
            for number, name in locale.months[context]["wide"].items():
                add(MONTH, name, (number,), "exact" if name[:1].isupper() else "")
            for number, name in locale.days[context]["wide"].items():
                add(WEEKDAY, name, (number,), "exact" if name[:1].isupper() else "")  # babel: 0 = Monday
    return entries


def _build_automaton(entries: tuple[Entry, ...]) -> ahocorasick.Automaton:
    by_form: dict[str, list[Entry]] = {}
    for entry in entries:
        by_form.setdefault(entry.form.lower(), []).append(entry)
    automaton = ahocorasick.Automaton()
    for form, group in by_form.items():
        # One form, one meaning per kind: the first row wins, so a language's own data can't be doubled up.
        unique = {}
        for entry in group:
            unique.setdefault(entry.kind, entry)
        entries = tuple(unique.values())
        # When no entry needs a test beyond whole words (mentions.find_mentions), they are also kept as
        # (kind, entry) pairs for its short path.
        plain = () if any(e.exact_case or e.prefix or e.kind in (TRIGGER, WEAPON) for e in entries) else tuple(
            (e.kind, e) for e in entries)
        automaton.add_word(form, (len(form), plain, entries))
    automaton.make_automaton()
    return automaton


@lru_cache(maxsize=None)
def _actor_names() -> dict[str, str]:
    names: dict[str, str] = {}
    for code in supported_languages():
        for entry in _lexicon_entries(code):
            if entry.kind == ACTOR and entry.payload[0].actor_id:
                names.setdefault(entry.form.casefold(), entry.payload[0].actor_id)
    return names


def resolve_actor(name: str) -> str | None:
    """An actor id from an id or a name in any supported language: "Korea Utara", "North Korea", "PRK" -> "PRK".

    >>> resolve_actor("Korea Utara"), resolve_actor("prk"), resolve_actor("Atlantis")
    ('PRK', 'PRK', None)
    """
    actors = load_actors()
    for candidate in (name, name.upper(), name.lower()):
        if candidate in actors:
            return candidate
    return _actor_names().get(name.strip().casefold())


@lru_cache(maxsize=None)
def load_lexicon(code: str) -> Lexicon:
    """The lexicon of one language, built once per process."""
    path = LEXICON_DIR / code / "language.toml"
    if not path.exists():
        raise ValueError(f"no lexicon for language {code!r}: supported are {', '.join(supported_languages())}; "
                         f"add a folder {LEXICON_DIR / code} to support it")
    config = tomllib.loads(path.read_text(encoding="utf-8"))

    def words(key: str) -> frozenset[str]:
        return frozenset(w.lower() for w in config.get(key, []))

    entries = _lexicon_entries(code)

    return Lexicon(
        code=code, name=config.get("name", code), date_order=config.get("date_order", "DMY"),
        stopwords=words("stopwords"), abbreviations=words("abbreviations"),
        boilerplate=tuple(config.get("boilerplate", [])), headline_words=words("headline_words"),
        date_prepositions=words("date_prepositions"), skip_words=words("skip_words"),
        conjunctions=words("conjunctions"), determiners=words("determiners"),
        demonstratives=words("demonstratives"), class_words=words("class_words"),
        object_pronouns=words("object_pronouns"), company_nouns=words("company_nouns"),
        place_nouns=words("place_nouns"), place_prepositions=words("place_prepositions"),
        state_nouns=words("state_nouns"), armed_group_nouns=words("armed_group_nouns"), more_words=words("more_words"),
        source_nouns=words("source_nouns"), grant_verbs=words("grant_verbs"),
        announce_verbs=words("announce_verbs"),
        possessives=tuple(config.get("possessives", [])), ordinal_suffixes=tuple(config.get("ordinal_suffixes", [])),
        day_links=tuple(config.get("day_links", [])), pro_drop=bool(config.get("pro_drop", False)),
        modifiers_follow=bool(config.get("modifiers_follow", False)),
        actors=load_actors(), automaton=_build_automaton(entries),
        same_forms=tuple(e.form.lower() for e in entries if e.kind == WEAPON and e.payload[0] == SAME_WEAPON))
