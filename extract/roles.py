"""Who gave and who received: fill a trigger's role frame from the actors and markers around it.

Each actor mention gets the marker that governs it (to / from / by / with / origin), or none. Then, per trigger:

- the *agent* is the nearest unmarked actor before the trigger (the subject); it is the sender of a `give` or
  `offer` frame and the recipient of a `receive` or `request` frame;
- `to`-marked actors are recipients, `from`-marked ones senders, `by` marks the agent of a passive;
- an unmarked actor right after an active trigger is its first object ("sent Ukraine tanks", "asked Pyongyang
  for shells");
- an origin ("North Korean-made", "buatan Iran", "Iranian drones") is the sender when nothing else is;
- actors joined by "and" or commas share their role ("asked Berlin and Washington for air defence").

Every slot records how it was filled, so confidence can say how explicit the clause was.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

from geokg.graph import ActorKind

from .dates import YEAR
from .lexicon import (
    ACTOR, CUE, MARKER, MONTH, PRONOUN, RELDATE, TRIGGER, WEAPON, WEEKDAY, ActorRef, Lexicon, Trigger, in_office)
from .mentions import Mention

_STATUS_CUES = frozenset(("planned", "requested", "offered", "denied", "cancelled", "refused", "negation"))
_GAP_WORD = re.compile(r"[\w'’-]+|[^\w\s]")
_ONLY_BRACKETS = re.compile(r"[\s()]*")  # gap_words() would find nothing but "(" and ")"
_LAST_GAP_WORD = re.compile(r"([\w'’-]+|[^\w\s])\s*\Z")  # the last of gap_words(), found from the left
# Slot sources, from the most to the least explicit.
MARKED, SUBJECT, OBJECT, ORIGIN, DISTANT, CONTEXT = "marked", "subject", "object", "origin", "distant", "context"


@dataclass
class ActorMention:
    mention: Mention
    actor_id: str
    marker: str | None = None  # to | from | by | with | origin
    demonym: bool = False


@dataclass
class Frame:
    """One trigger with its filled slots."""

    trigger: Mention
    kind: Trigger
    voice: str  # the voice as read in context: a participle becomes active or passive
    weapons: list[Mention]
    sender: ActorMention | None = None
    sender_source: str | None = None
    recipient: ActorMention | None = None
    recipient_source: str | None = None
    agent: ActorMention | None = None
    agent_governed: bool = False  # the agent is an infinitive's ("a bid by Argentina to buy"): the verb before rules
    co_senders: list[ActorMention] = field(default_factory=list)  # "Germany and France sent ..."
    co_recipients: list[ActorMention] = field(default_factory=list)  # "... to Poland and Romania"
    cue_start: int = 0  # where the words that set this frame's status begin
    requested: bool = False  # the frame is what another actor asked for ("Kyiv asked Berlin to send ...")
    lent: str | None = None  # a status lent by a verb before it with no theme of its own ("promised to deliver")
    background: bool = False  # read from who holds what ("in service with"), not from a transfer told
    held: bool = False  # read from who holds weapons made elsewhere ("fired North Korean-made missiles")
    unknown_subject: bool = False  # a pronoun with no antecedent is the subject ("It took delivery of ...")
    unknown_recipient: str | None = None  # "state" for "to the army", "place" for "to its border": no name
    # Weapon start -> its own senders, when the clause names a source per group of weapons (_sources_by_weapon).
    weapon_senders: dict[int, list[ActorMention]] = field(default_factory=dict)
    # The same for recipients: "drones to Russia and missiles to the Houthis" (_recipients_by_weapon).
    weapon_recipients: dict[int, list[ActorMention]] = field(default_factory=dict)

    @property
    def senders(self) -> list[ActorMention]:
        return [self.sender, *self.co_senders] if self.sender else []

    @property
    def recipients(self) -> list[ActorMention]:
        return [self.recipient, *self.co_recipients] if self.recipient else []


def gap_words(text: str, start: int, end: int) -> list[str]:
    """The words and punctuation marks of text[start:end], lower-cased."""
    return [w.lower() for w in _GAP_WORD.findall(text[start:end])]


def _no_words(text: str, start: int, end: int) -> bool:
    """Whether gap_words(text, start, end) is empty, without making the list."""
    return _GAP_WORD.search(text[start:end]) is None


def first_word(text: str, start: int, end: int) -> str | None:
    """gap_words(text, start, end)[0], or None when there is none, without reading the rest of the gap."""
    word = _GAP_WORD.search(text[start:end])
    return None if word is None else word.group().lower()


def _last_word(text: str, start: int, end: int) -> str | None:
    """gap_words(text, start, end)[-1], or None when there is none, without making the list."""
    word = _LAST_GAP_WORD.search(text, start, end)
    return None if word is None else word.group(1).lower()


def _only_skip_words(text: str, start: int, end: int, lexicon: Lexicon, allowed: int = 4) -> bool:
    """At most `allowed` words between start and end, all of them skip words (stops at the first that is not)."""
    skip_words = lexicon.skip_words
    count = 0
    for word in _GAP_WORD.finditer(text[start:end]):
        count += 1
        if count > allowed or word.group().lower() not in skip_words:
            return False
    return True


def _modifier_span(text: str, mentions: list[Mention], i: int, lexicon: Lexicon) -> tuple[int, int] | None:
    """The span to ignore when actor mention i only modifies a later word, else None.

    "Kremlin-backed Wagner", "Iran-backed Houthis", "Russia's Wagner Group", "Sudan's paramilitary Rapid
    Support Forces": the first actor is not a party.
    """
    if i + 1 == len(mentions):
        return None
    m, nxt = mentions[i], mentions[i + 1]
    if nxt.kind == MARKER:
        if nxt.payload[0] == "modifier_suffix" and _no_words(text, m.end, nxt.start):
            return (m.start, nxt.end)
    elif nxt.kind == ACTOR:
        # The first word decides most cases: actors are often far apart, and then it is no possessive.
        first = first_word(text, m.end, nxt.start)
        if first is None:
            return (m.start, nxt.start) if lexicon.modifiers_follow else None  # "Kementerian Pertahanan Rusia"
        if first in lexicon.possessives:
            gap = gap_words(text, m.end, nxt.start)
            if len(gap) <= 4 and all(w in lexicon.skip_words for w in gap[1:]):
                return (m.start, nxt.start)
    return None


def _marker_before(text: str, i: int, mentions: list[Mention], modifiers: dict, lexicon: Lexicon) -> str | None:
    """The role marker governing mention i: the nearest marker before it, with only skip words between."""
    m = mentions[i]
    for j in range(i - 1, -1, -1):
        prev = mentions[j]
        if j in modifiers or prev.kind == MARKER and prev.payload[0].endswith("_suffix"):
            continue
        if prev.kind == CUE and prev.payload[0] == "inclusion" and _no_words(text, prev.end, m.start):
            # "sold drones to more than 30 countries, including Ukraine": the list names who they went to.
            marker = next((k for k in range(j - 1, -1, -1) if mentions[k].kind in (ACTOR, TRIGGER) or (
                mentions[k].kind == MARKER and mentions[k].payload[0] in ("to", "from"))), None)
            if marker is not None and mentions[marker].kind == MARKER \
                    and len(gap_words(text, mentions[marker].end, prev.start)) <= 6:
                return mentions[marker].payload[0]
            return None
        if prev.kind == MARKER:
            gap = text[prev.end:m.start]
            if modifiers:
                for a, b in sorted((span for span in modifiers.values() if prev.end <= span[0] < m.start),
                                   reverse=True):
                    gap = gap[:a - prev.end] + " " * (b - a) + gap[b - prev.end:]
            if _only_skip_words(gap, 0, len(gap), lexicon) or prev.payload[0] in ("from", "to", "origin", "by") \
                    and _named_firm_of(gap, lexicon):
                return prev.payload[0]
            return None
        if prev.kind == ACTOR and j not in modifiers and gap_words(text, prev.end, m.start) in (
                [c] for c in lexicon.conjunctions):
            # "dari Denmark dan Belanda", "to Poland and Romania": the marker governs the list.
            return _marker_before(text, j, mentions, modifiers, lexicon)
        if prev.kind in (ACTOR, TRIGGER, WEAPON):
            return None
    return None


def _after_trigger(mentions: list[Mention], i: int) -> bool:
    """Whether mention i comes right after a trigger, past any cue said by the same words ("offered")."""
    for j in range(i - 1, -1, -1):
        if mentions[j].kind == TRIGGER:
            return True
        if mentions[j].kind != CUE:
            return False
    return False


def _named_firm_of(gap: str, lexicon: Lexicon) -> bool:
    """"dari galangan Piriou, Prancis", "from the shipyard Piriou, France": a firm no lexicon names, then its
    country after a comma; the marker governs the country."""
    words = _GAP_WORD.findall(gap)
    if len(words) < 2 or len(words) > 5 or words[-1] != "," or not gap.rstrip().endswith(","):
        return False
    names = [w for w in words[:-1] if w.lower() not in lexicon.skip_words]
    return 0 < len(names) <= 2 and all(w[:1].isupper() for w in names)


def _any_word_in(segment: str, words: frozenset[str]) -> bool:
    return any(w in segment for w in words)


def mark_actors(text: str, mentions: list[Mention], lexicon: Lexicon, on: date | None = None
                ) -> list[ActorMention]:
    """Actor mentions of a sentence with their governing marker; a repeated actor in brackets is merged.

    Office-holders count only while in office on `on` (the article's date).
    """
    return list(iter_actors(text, mentions, lexicon, on))


def iter_actors(text: str, mentions: list[Mention], lexicon: Lexicon, on: date | None = None
                ) -> Iterator[ActorMention]:
    """mark_actors() one at a time, for a caller that may need only the first few (a sentence's subject)."""
    # Actors that only modify a later word, by mention index, with the span to ignore. They are found as the
    # actors are reached, so a caller that needs only the subject does not look at the rest of the sentence;
    # _marker_before reads only the ones before the actor it marks.
    modifiers: dict[int, tuple[int, int]] = {}
    last: ActorMention | None = None
    # Most sentences name no news source: look for one beside an actor only when the sentence has the word,
    # which is looked for at the first actor that could have one.
    sources = None
    for i, m in enumerate(mentions):
        if m.kind != ACTOR:
            continue
        span = _modifier_span(text, mentions, i, lexicon)
        if span is not None:
            modifiers[i] = span
            continue
        ref: ActorRef = m.payload[0]
        if not ref.actor_id or ref.periods and not in_office(ref, on):  # only office-holders have periods
            continue
        if sources is None and lexicon.source_nouns and (ref.demonym or lexicon.modifiers_follow):
            sources = _any_word_in(text[max(0, mentions[0].start - 20):mentions[-1].end + 20].lower(),
                                   lexicon.source_nouns)
        if sources and (
                ref.demonym and not lexicon.modifiers_follow and first_word(text, m.end, m.end + 20)
                in lexicon.source_nouns or lexicon.modifiers_follow and _last_word(text, max(0, m.start - 16), m.start)
                in lexicon.source_nouns):
            continue  # "reports in Russian media", "menurut media Rusia": where the news came from, no party
        if ref.demonym and lexicon.place_nouns and first_word(text, m.end, m.end + 20) in lexicon.place_nouns \
                and not any(w in lexicon.state_nouns for w in gap_words(text, m.end, m.end + 24)[1:2]):
            continue  # "sending shells into Bangladeshi villages", "from Belarusian territory": a place, no party
        # "the Houthis in Yemen", "Al-Shabaab di Somalia": where the actor before is, not another party.
        if last is not None and lexicon.place_prepositions and last.mention.end < m.start <= last.mention.end + 6 \
                and gap_words(text, last.mention.end, m.start) in ([w] for w in lexicon.place_prepositions):
            continue
        # "DPRK (Korea Utara)", "Fincantieri, Italia,": one actor said twice.
        if last is not None and last.actor_id == ref.actor_id and (
                last.mention.end >= m.start or _ONLY_BRACKETS.fullmatch(text, last.mention.end, m.start)
                or text.startswith(", ", last.mention.end) and last.mention.end + 2 == m.start):
            continue
        am = ActorMention(m, ref.actor_id, _marker_before(text, i, mentions, modifiers, lexicon), ref.demonym)
        nxt = mentions[i + 1] if i + 1 < len(mentions) else None
        if ref.demonym and lexicon.company_nouns:
            # "Serbian arms makers", "Chinese firms": companies, who act for their state as a name does.
            after = nxt.end if nxt is not None and nxt.kind == WEAPON and _no_words(text, m.end, nxt.start) else m.end
            if first_word(text, after, after + 24) in lexicon.company_nouns:
                am.demonym = False
                last = am
                yield am
                continue
        # "Russian-made", "buatan Rusia"; "Iranian drones", "US HIMARS", but "offered Islamabad J-35s" names a
        # buyer. The gap is read only when the next mention could make an origin.
        if nxt is not None and (nxt.kind == MARKER and nxt.payload[0] in ("origin_suffix", "supplier_suffix") or (
                nxt.kind == WEAPON and am.marker is None and not lexicon.modifiers_follow and (
                    ref.demonym or not _after_trigger(mentions, i)))) and _no_words(text, m.end, nxt.start):
            am.marker = "origin"
        if am.marker is None and lexicon.modifiers_follow and i > 0 and mentions[i - 1].kind == WEAPON \
                and _no_words(text, mentions[i - 1].end, m.start):
            am.marker = "origin"  # "senjata AS", "drones iraniens"
        last = am
        yield am


def _before_passive_clause(text: str, trig: Mention, voice: str, following: Mention, mentions: list[Mention],
                           lexicon: Lexicon, right: int) -> int:
    """Where a trigger's clause ends when the next trigger is a passive whose own subject follows ", and":
    in "ordered 30 Rafale jets from France, and two FREMM frigates were bought from Italy" the frigates are
    the second clause's theme."""
    kind: Trigger = following.payload[0]
    if (_participle_voice(text, following, mentions) if kind.voice == "participle" else kind.voice) != "passive":
        return right
    words = list(_GAP_WORD.finditer(text, trig.end, following.start))
    for a, b in zip(reversed(words[:-1]), reversed(words[1:])):
        if a.group() == "," and b.group().lower() in lexicon.conjunctions:
            cut = a.start()
            if any(m.kind == WEAPON and b.end() <= m.start and m.end <= following.start for m in mentions) \
                    and (voice == "passive" or any(m.kind == WEAPON and trig.end <= m.start and m.end <= cut
                                                   for m in mentions)):
                return cut
            break
    return right


def _participle_voice(text: str, trigger: Mention, mentions: list[Mention]) -> str:
    """A participle after was/were/been (with at most two words between) reads as a passive, and so does one
    right after a weapon ("HIMARS supplied by the United States", "Rafales bought from France")."""
    before = [m for m in mentions if m.end <= trigger.start]
    if before and before[-1].kind == WEAPON and len(gap_words(text, before[-1].end, trigger.start)) <= 1:
        return "passive"
    for m in reversed(before):
        if m.kind == CUE and m.payload[0] == "passive":
            return "passive" if len(gap_words(text, m.end, trigger.start)) <= 2 else "active"
        if m.kind in (ACTOR, TRIGGER, WEAPON):
            break
    return "active"


def _after_determiner(text: str, trig: Mention, start: int, lexicon: Lexicon, mentions: list[Mention] = ()
                      ) -> bool:
    """"the transfer", "a request"; also "a Swedish offer", "the US delivery": an origin between them."""
    word = _last_word(text, max(start, trig.start - 12), trig.start)
    if word is None:
        return False
    if word in lexicon.determiners:
        return True
    actor = next((m for m in mentions if m.kind == ACTOR and m.end <= trig.start and m.payload[0].demonym
                  and _no_words(text, m.end, trig.start)), None)
    return actor is not None and _last_word(text, max(start, actor.start - 12), actor.start) in lexicon.determiners


def _named_over_generic(text: str, weapons: list[Mention], class_words: frozenset[str] = frozenset()
                        ) -> list[Mention]:
    """"Patriot missiles", "rudal Patriot": a generic word next to a named system is its head noun, not a
    second weapon; the system's category wins. Ammunition is the exception: "F-16 ammunition", "amunisi
    Gepard" are rounds for the system, not the system; so is a head of several words of another category after
    the name ("IRIS-T air-to-air missiles"). So is a class name: "fregat kelas Gepard" and
    "Kilo-class submarines" are ships, whatever else the name stands for."""
    drop = set()
    renamed: dict[int, Mention] = {}
    for a, b in zip(weapons, weapons[1:]):
        if a.payload[2] == b.payload[2]:
            continue
        named, generic = (b, a) if b.payload[2] else (a, b)
        gap = gap_words(text, a.end, b.start) if class_words else ()
        if len(gap) == 1 and gap[0] in class_words:
            # The name keeps its maker, the generic word gives the category.
            renamed[named.start] = Mention(WEAPON, named.start, named.end, named.text,
                                           (generic.payload[0], *named.payload[1:]))
            drop.add(generic.start)
        elif not text[a.end:b.start].strip():
            # A head of several words after the name says what it is better than the name does: "IRIS-T
            # air-to-air missiles", "F-7 rocket-propelled grenade launchers".
            rounds = generic.payload[0] == "ammunition" != named.payload[0]
            spelled = generic is b and generic.payload[0] != named.payload[0] and len(generic.text.split()) > 1
            drop.add(named.start if rounds or spelled else generic.start)
    return [renamed.get(w.start, w) for w in weapons if w.start not in drop]


def _theme(text: str, trig: Mention, voice: str, mentions: list[Mention], right: int, used: set[int],
           class_words: frozenset[str] = frozenset(), company_nouns: frozenset[str] = frozenset(),
           more_words: frozenset[str] = frozenset()) -> list[Mention]:
    """The weapons a trigger moves: after it up to the next trigger; before it for a passive, or right
    before it as a compound noun ("arms exports", "drone deliveries")."""
    after = [m for m in mentions if trig.end <= m.start and m.end <= right]
    first_weapon = next((m.start for m in after if m.kind == WEAPON), right)
    # An attribution or a purpose closes the theme: in "..., officials said, days after Russian missiles hit"
    # or "air defence to protect cities from drones" the missiles and drones are not what was delivered.
    # A subordinate clause closes it even before any weapon: in "Israel received a warning from Iran after
    # missiles were fired at Tel Aviv" the missiles were not received.
    right = next((m.start for m in after if m.kind == CUE and (m.payload[0] == "clause_break" or m.payload[0] in (
        "speech", "theme_end") and (m.start > first_weapon or voice == "passive"))), right)
    weapons = [m for m in after if m.kind == WEAPON and m.end <= right and not _names_a_company(text, m, company_nouns)]
    if voice == "passive":
        # The theme of a passive stands before it, possibly before an earlier trigger that took no weapon:
        # "rudal MICA untuk mempersenjatai pesawat itu dikirim oleh Prancis".
        # Not past a clause break: in "Helikopter itu akan menggantikan Mi-24, yang telah diserahkan kepada
        # Ukraina" the helicopters were not handed over.
        lo = max((m.end for m in mentions if m.kind == CUE and m.payload[0] == "clause_break"
                  and m.end <= trig.start), default=0)
        before = [m for m in mentions if m.kind == WEAPON and lo <= m.start and m.end <= trig.start]
        if any(m.start not in used for m in before):
            # "Radar itu diangkut dengan pesawat kargo": with a theme before it, what comes "with" is the means.
            weapons = [w for w in weapons if not _after_with(w, mentions, text, trig.end)]
        weapons += [m for m in before if m.start not in used]
        if not weapons and before:
            # "menyelesaikan pengiriman 24 jet F-16 yang dijanjikan kepada Ukraina": a passive relative clause
            # shares its head with the clause around it.
            clause = next((m for m in mentions if m.kind == CUE and m.payload[0] == "clause"
                           and before[-1].end <= m.start and m.end <= trig.start), None)
            if clause is not None and len(gap_words(text, before[-1].end, clause.start)) <= 1 \
                    and len(gap_words(text, clause.end, trig.start)) <= 2:
                weapons = [before[-1]]
    else:
        weapons += [m for m in mentions if m.kind == WEAPON and m.end <= trig.start and m.start not in used
                    and not text[m.end:trig.start].strip()]
    if not weapons and more_words and voice != "passive":
        # "Riyadh, which already flies 72 Typhoons, has asked London for up to 48 more": more of the system
        # the sentence named before.
        words = gap_words(text, trig.end, min(right, trig.end + 40))
        if any(w in more_words and any(p.isdigit() for p in words[max(0, i - 2):i]) for i, w in enumerate(words)):
            named = [m for m in mentions if m.kind == WEAPON and m.end <= trig.start and m.payload[2]]
            if named:
                weapons = [named[-1]]
    if not weapons and voice != "passive":
        # "The Shahed drones, which Tehran began supplying in 2022": the theme stands before the relative pronoun.
        clause = [m for m in mentions if m.kind == CUE and m.payload[0] == "clause" and m.end <= trig.start]
        if clause and trig.start - clause[-1].end <= 40:
            head = [m for m in mentions if m.kind == WEAPON and m.end <= clause[-1].start and m.start not in used]
            if head and len(gap_words(text, head[-1].end, clause[-1].start)) <= 1:
                weapons = [head[-1]]
        # "the Gepards it had sold to Qatar", "all 24 F-16s it promised to Ukraine", "the jets Indonesia ordered
        # from France": a relative clause with no pronoun to open it shares its head with the clause around it,
        # so the head may be spoken for.
        pronoun = next((m for m in mentions if m.kind in (PRONOUN, ACTOR) and m.end <= trig.start
                        and len(gap_words(text, m.end, trig.start)) <= 2), None)
        head = [m for m in mentions if m.kind == WEAPON and pronoun is not None and m.end <= pronoun.start]
        # A named system may keep a head noun that is no weapon word of its own: "the Rafale fighters Indonesia
        # ordered".
        gap = gap_words(text, head[-1].end, pronoun.start) if head else []
        if not weapons and head and (not gap or head[-1].payload[2] and len(gap) == 1 and gap[0].isalpha()
                                     and text[head[-1].end:pronoun.start].strip().islower()):
            weapons = [head[-1]]
            if len(head) > 1 and not text[head[-2].end:head[-1].start].strip():
                weapons.insert(0, head[-2])  # "Rafale fighters": the named system and its head noun
    kind: Trigger = trig.payload[0]
    if kind.theme:
        # "arming the Houthis": the word is its own theme; aid in the same clause is not what it moves.
        weapons = [w for w in weapons if w.payload[0] != "non_military"]
        if not weapons:
            weapons = [Mention(WEAPON, trig.start, trig.end, trig.text, (kind.theme, trig.text, False))]
    return _named_over_generic(text, _without_platforms(text, sorted(weapons, key=lambda m: m.start), mentions),
                               class_words)


def _after_with(weapon: Mention, mentions: list[Mention], text: str, start: int) -> bool:
    """Whether a `with` marker (with, dengan, bersama) stands right before the weapon, at most two words away."""
    return any(m.kind == MARKER and m.payload[0] == "with" and start <= m.start and m.end <= weapon.start
               and len(gap_words(text, m.end, weapon.start)) <= 2 for m in mentions)


def _without_platforms(text: str, weapons: list[Mention], mentions: list[Mention]) -> list[Mention]:
    """"ammunition for HIMARS launchers", "missiles for its frigates", "amunisi untuk tank Leopard": a weapon
    that a `to` marker ties to the weapon just before it is what that one is for, not a second thing moved.
    Missiles for an air defence system are that system's interceptors: "rudal untuk sistem Patriot"."""
    markers = [m for m in mentions if m.kind == MARKER and m.payload[0] == "to"]
    platforms = set()
    for prev, weapon in zip(weapons, weapons[1:]):
        marker = next((m for m in markers if prev.end <= m.start and m.end <= weapon.start), None)
        if marker is not None and _no_words(text, prev.end, marker.start) \
                and len(gap_words(text, marker.end, weapon.start)) <= 2 and "," not in text[marker.end:weapon.start] \
                and not any(m.kind == ACTOR and marker.end <= m.start < weapon.start for m in mentions):
            interceptors = prev.payload[0] == "missiles" and weapon.payload[0] == "air_defence"
            platforms.add(prev.start if interceptors else weapon.start)
    # A platform's head noun goes with it: "ammunition for the HIMARS rocket launchers".
    for prev, weapon in zip(weapons, weapons[1:]):
        if prev.start in platforms and _no_words(text, prev.end, weapon.start):
            platforms.add(weapon.start)
    return [w for w in weapons if w.start not in platforms] if platforms else weapons


def _names_a_company(text: str, weapon: Mention, company_nouns: frozenset[str]) -> bool:
    """"aircraft maker Piaggio", "produsen pesawat Italia": a weapon word beside a company noun describes a
    company (bought or sold as a business), not a weapon moved."""
    if not company_nouns:
        return False
    return first_word(text, weapon.end, weapon.end + 16) in company_nouns \
        or _last_word(text, max(0, weapon.start - 16), weapon.start) in company_nouns


def _names_a_policy(text: str, trig: Mention, mentions: list[Mention]) -> bool:
    """Whether a `policy` cue stands right beside a transfer noun: "export rules", "aturan ekspor", or before
    it past a weapon word: "limits on weapons exports"."""
    return any(m.kind == CUE and m.payload[0] == "policy" and (
        m.start >= trig.end and _no_words(text, trig.end, m.start)
        or m.end <= trig.start and (_no_words(text, m.end, trig.start) or any(
            w.kind == WEAPON and w.start >= m.end and _no_words(text, m.end, w.start)
            and _no_words(text, w.end, trig.start) for w in mentions))) for m in mentions)


def may_frame(mentions: list[Mention]) -> bool:
    """Whether build_frames() can find a frame among these mentions: a frame needs a theme (_theme), and a
    theme is a weapon mention or a trigger that is its own theme ("arming")."""
    return any(m.kind == WEAPON or m.kind == TRIGGER and m.payload[0].theme for m in mentions)


def build_frames(text: str, start: int, end: int, mentions: list[Mention], lexicon: Lexicon,
                 on: date | None = None, antecedent: ActorMention | None = None,
                 actors: list[ActorMention] | None = None, group: list[ActorMention] = ()) -> list[Frame]:
    """The frames of the sentence text[start:end] whose trigger has at least one weapon in its scope.

    `antecedent` is the actor a sentence-initial pronoun ("It has given Kyiv ...") stands for, `group` the
    actors a group pronoun ("The three countries", "Ketiga negara itu") stands for. `actors` is
    mark_actors() of the sentence's mentions when the caller has it already (they are not changed).
    """
    mentions = [m for m in mentions if start <= m.start and m.end <= end]
    if not may_frame(mentions):
        return []
    if actors is None:
        actors = mark_actors(text, mentions, lexicon, on)
    triggers = _verb_and_noun_as_one(text, [m for m in mentions if m.kind == TRIGGER], lexicon)
    sentence_weapons = [m for m in mentions if m.kind == WEAPON]
    frames: list[Frame] = []
    used: set[int] = set()  # weapons already given to an earlier frame
    # Who gave something that is no weapon to whom: "North Korea has sent troops to Russia, and Pyongyang has
    # also supplied artillery shells" gives the shells to Russia too.
    given_to: dict[str, ActorMention] = {}
    framed: set[int] = set()  # starts of the triggers that made a frame
    sentence = text[start:end].lower()
    company_nouns = frozenset(n for n in lexicon.company_nouns if n in sentence)  # most sentences name no company
    clause_start = start  # where the next trigger's clause begins, when _before_passive_clause cut this one
    policy = any(m.kind == CUE and m.payload[0] == "policy" for m in mentions)  # most sentences name none
    for i, trig in enumerate(triggers):
        kind: Trigger = trig.payload[0]
        voice = _participle_voice(text, trig, mentions) if kind.voice == "participle" else kind.voice
        if voice == "active" and kind.voice == "participle" and any(
                m.kind == CUE and m.start == trig.start and m.payload[0] == "possession" for m in mentions):
            continue  # "Serbian pilots have flown Chinese-made drones": they hold them; "were flown in" is a transfer
        if voice == "active" and _after_determiner(text, trig, start, lexicon, mentions):
            voice = "nominal"  # "a request from Taipei", "the transfer of tanks"
        # The clause begins after the last trigger that took a weapon: "Turkey offered to sell drones" keeps
        # Turkey as the subject of "sell".
        left = max([start, clause_start, *(f.trigger.end for f in frames)])
        # "…, sementara sembilan kapal patroli didatangkan dari Israel": a clause break opens this trigger's clause.
        left = max([left, *(m.end for m in mentions if m.kind == CUE and m.payload[0] == "clause_break"
                             and left <= m.start and m.end <= trig.start)])
        right = triggers[i + 1].start if i + 1 < len(triggers) else end
        if i + 1 < len(triggers):
            right = _before_passive_clause(text, trig, voice, triggers[i + 1], mentions, lexicon, right)
            clause_start = right if right < triggers[i + 1].start else start
        if voice == "passive" and frames and _reduced_relative(text, trig, frames[-1], mentions, actors, right,
                                                                  lexicon):
            # "received Leopard 2s promised by Poland": the participle names who gave them; one with a status of
            # its own ("K2 tanks ordered from South Korea in 2022") is a claim of its own too, with its own date.
            if kind.status is not None and _dated_clause(text, trig, mentions, right):
                outer = frames[-1]
                frames.append(Frame(trig, kind, voice, list(outer.weapons), outer.sender, outer.sender_source,
                                    outer.recipient, outer.recipient_source, co_senders=list(outer.co_senders),
                                    co_recipients=list(outer.co_recipients), cue_start=trig.start))
            continue
        if policy and _names_a_policy(text, trig, mentions):
            continue  # "tightened its arms export rules", "aturan ekspor senjata": a policy, no transfer claimed
        weapons = _theme(text, trig, voice, mentions, right, used, lexicon.class_words, company_nouns,
                         lexicon.more_words)
        lent = None
        # A noun lends nothing: in "Rafale pertama pesanan Indonesia tiba" the jets arrived.
        if i > 0 and triggers[i - 1].start not in framed and triggers[i - 1].payload[0].status \
                and triggers[i - 1].payload[0].voice != "nominal" \
                and len(gap_words(text, triggers[i - 1].end, trig.start)) <= 1:
            lent = triggers[i - 1].payload[0].status  # "promised to deliver", "berjanji menyerahkan"
        if not weapons:
            if frames and frames[-1].voice == "nominal" and frames[-1].trigger.end <= trig.start:
                _predicate_of(frames[-1], trig, kind, voice, actors, left, right, text, lexicon, mentions)
            elif frames and voice == "passive" and kind.frame == "give" \
                    and (passed := _passed_on(frames[-1], trig, kind, actors, right, text, lexicon, mentions)):
                frames.append(passed)
                framed.add(trig.start)
            elif kind.frame == "give" and voice == "active":
                giver = next((a for a in reversed(actors) if left <= a.mention.start and a.mention.end <= trig.start
                              and a.marker is None), None)
                to = next((a for a in actors if trig.end <= a.mention.start < right and a.marker == "to"), None)
                if giver is not None and to is not None:
                    given_to[giver.actor_id] = to
                elif giver is None and to is not None and frames and frames[-1].recipient is None \
                        and frames[-1].kind.frame == "give" and frames[-1].sender is not None \
                        and frames[-1].sender.actor_id != to.actor_id \
                        and _conjoined(text, frames[-1], trig, mentions, lexicon):
                    # "siap memasok senjata dan memberikan pelatihan kepada tentara Suriah": both go there.
                    frames[-1].recipient, frames[-1].recipient_source = to, MARKED
            continue
        shared = [f for f in frames if any(w in f.weapons for w in weapons)]  # the head of a relative clause
        used.update(w.start for w in weapons)
        # The head noun of a named system ("K2 tanks") is spoken for too, though the system stands for it.
        used.update(m.start for m in sentence_weapons if m.start not in used and any(
            not text[min(m.end, w.end):max(m.start, w.start)].strip() for w in weapons))
        frame = Frame(trig, kind, voice, weapons, lent=lent)
        framed.add(trig.start)
        nobody_before = not any(a.mention.end <= trig.start for a in actors)
        pronouns = [m for m in mentions if m.kind == PRONOUN and m.end <= trig.start]
        extra = []
        if nobody_before and pronouns:
            if pronouns[-1].payload[0] == "speaker":
                extra = _speaker(text, trig, actors, end)  # '"We have sent Brimstones," Britain's minister said'
            elif antecedent is not None:
                extra = [antecedent]
            else:
                frame.unknown_subject = True
        _fill(frame, extra + actors, left, right, text, lexicon, mentions)
        if frame.voice == "passive" and frame.kind.frame == "give" and frame.recipient is None and i > 0 \
                and triggers[i - 1].start not in framed and triggers[i - 1].payload[0].frame in ("receive", "won") \
                and triggers[i - 1].payload[0].voice == "nominal":
            # "A400M pertama pesanan Indonesia diserahterimakan": who ordered them is handed them.
            buyer = next((a for a in actors if a.marker is None and _no_words(text, triggers[i - 1].end,
                                                                              a.mention.start)), None)
            if buyer is not None and (frame.sender is None or frame.sender.actor_id != buyer.actor_id):
                frame.recipient, frame.recipient_source = buyer, MARKED
        if frame.kind.frame == "receive" and frame.voice == "passive" and frame.recipient is None and frames \
                and frames[-1].recipient is not None and any(
                    m.kind == CUE and m.payload[0] == "clause_break" and frames[-1].trigger.end <= m.start < trig.start
                    for m in mentions):
            # "Armenia telah menerima Pinaka dari India, sementara Akash dijadwalkan tiba akhir tahun ini": what
            # arrives in the second clause arrives where the first clause's weapons went.
            frame.recipient, frame.recipient_source = frames[-1].recipient, DISTANT
        if extra and frame.voice == "passive" and frame.kind.frame == "receive" and frame.recipient is None \
                and (frame.sender is None or frame.sender.actor_id != extra[0].actor_id):
            # "They fly Su-30 fighters bought from Moscow": who "they" are holds what was bought.
            frame.recipient, frame.recipient_source = extra[0], CONTEXT
        if frame.recipient is None and frame.sender is not None and kind.frame in ("give", "offer"):
            _object_pronoun_recipient(frame, text, actors, antecedent, lexicon, mentions)
        if frame.recipient is None and kind.frame in ("give", "offer"):
            party = _to_unnamed_party(text, trig, mentions, right, lexicon)
            frame.unknown_recipient = party if party in ("state", "place") else None
            if party == "armed_group":  # "supplied to the group": the armed group the sentence named last
                group = next((a for a in reversed(actors) if a.mention.end <= trig.start and a.marker != "origin"
                              and lexicon.actors[a.actor_id].kind is ActorKind.NON_STATE), None)
                if group is not None and (frame.sender is None or frame.sender.actor_id != group.actor_id):
                    frame.recipient, frame.recipient_source = group, DISTANT
        # Status words count from the subject on, but never from before an earlier frame's trigger.
        frame.cue_start = max([start, *(f.trigger.end for f in frames)])
        if frame.agent is not None and start <= frame.agent.mention.end <= trig.start and not frame.agent_governed:
            # "Washington has cleared Berlin to re-export howitzers": a status word right before the agent is
            # what the agent's act hangs on.
            agent_at = frame.agent.mention.start
            lead = next((m for m in mentions if m.kind == CUE and m.payload[0] in _STATUS_CUES
                         and frame.cue_start <= m.start and m.end <= agent_at and _no_words(text, m.end, agent_at)),
                        None)
            frame.cue_start = max(frame.cue_start, frame.agent.mention.end) if lead is None else lead.start
        if frames and frames[-1].kind.frame == kind.frame and _conjoined(text, frames[-1], trig, mentions, lexicon):
            # "Tehran has supplied Russia with drones and handed over the know-how": a second verb joined to the
            # first keeps its parties, unless it names a recipient of its own.
            previous = frames[-1]
            frame.sender, frame.sender_source, frame.agent = previous.sender, previous.sender_source, previous.agent
            if frame.recipient_source != MARKED:
                frame.recipient, frame.recipient_source = previous.recipient, previous.recipient_source
        if i > 0:
            _asked_for(frame, triggers[i - 1], actors, text, lexicon)
        if frame.recipient is None and frame.sender is not None and frame.sender.actor_id in given_to \
                and kind.frame == "give":
            frame.recipient, frame.recipient_source = given_to[frame.sender.actor_id], DISTANT
        frame.co_senders = _coordinated(frame.sender, actors, text, lexicon)
        frame.co_recipients = _coordinated(frame.recipient, actors, text, lexicon)
        if group and frame.voice == "active":
            _group_subject(frame, group, mentions, actors, left)
        _sources_by_weapon(frame, actors, right, text, lexicon)
        _origins_by_weapon(frame, actors, text, lexicon)
        _recipients_by_weapon(frame, actors, right, text, lexicon)
        for outer in shared:
            # "finished delivering all 24 F-16s it promised to Ukraine": the recipient of the promise is the
            # recipient of the delivery too.
            for a, b in ((outer, frame), (frame, outer)):  # and the promise was the Netherlands'
                for slot, other in (("sender", "recipient"), ("recipient", "sender")):
                    actor, kept = getattr(b, slot), getattr(a, other)
                    if getattr(a, slot) is None and actor is not None and (
                            kept is None or kept.actor_id != actor.actor_id):
                        setattr(a, slot, actor)
                        setattr(a, slot + "_source", DISTANT)
        frames.append(frame)
    for frame in frames:
        if frame.sender is None and frame.kind.frame == "receive":
            _granted_by(frame, triggers, framed, actors, text)
    return frames


def _granted_by(frame: Frame, triggers: list[Mention], framed: set[int], actors: list[ActorMention], text: str
                ) -> None:
    """"menerima pesawat patroli Beechcraft King Air hibah Amerika Serikat": a transfer noun that took no weapons
    of its own, right after the received ones and right before an actor, names who gave them."""
    end = max(w.end for w in frame.weapons)
    noun = next((t for t in triggers if t.start >= end and t.start not in framed and t.payload[0].voice == "nominal"
                 and t.payload[0].frame == "give"), None)
    if noun is None:
        return
    between = _GAP_WORD.findall(text, end, noun.start)
    if len(between) > 4 or any(not w[:1].isupper() and not w[:1].isdigit() for w in between):
        return
    giver = next((a for a in actors if _no_words(text, noun.end, a.mention.start) and a.mention.start >= noun.end),
                 None)
    if giver is not None and (frame.recipient is None or giver.actor_id != frame.recipient.actor_id):
        frame.sender, frame.sender_source = giver, MARKED


def _to_unnamed_party(text: str, trig: Mention, mentions: list[Mention], right: int, lexicon: Lexicon
                      ) -> str | None:
    """The kind of party a clause gives its weapons to by a noun and no name: "state" for a state's organ
    ("delivered to the army", "dikirim kepada tentara"), "armed_group" for a group named before ("supplied to the
    group", "kepada kelompok itu"); None when it names a party ("to the army of Sudan") or a place ("to an army
    base")."""
    ends = lexicon.stopwords | lexicon.date_prepositions | lexicon.demonstratives
    for i, m in enumerate(mentions):
        if m.kind != MARKER or m.payload[0] != "to" or not trig.end <= m.start < right:
            continue
        nxt = next((n for n in mentions[i + 1:] if n.kind in (ACTOR, TRIGGER, WEAPON)), None)
        if nxt is not None and nxt.kind == ACTOR and _only_skip_words(text, m.end, nxt.start, lexicon):
            continue  # "to the army of Sudan", "kepada militer Sudan"
        words = gap_words(text, m.end, min(nxt.start if nxt else right, right))
        run = 0
        while run < len(words) and words[run] in lexicon.skip_words:
            run += 1
        if run and any(w in lexicon.place_nouns for w in words[:4]):
            return "place"  # "sending armoured vehicles to its northern border": a place, no party
        if run < len(words) and words[run] not in ends and words[run][0].isalnum():
            continue
        if any(w in lexicon.state_nouns for w in words[:run]):
            return "state"
        if any(w in lexicon.armed_group_nouns for w in words[:run]):
            return "armed_group"
    return None


def _reduced_relative(text: str, trig: Mention, previous: Frame, mentions: list[Mention],
                      actors: list[ActorMention], right: int, lexicon: Lexicon) -> bool:
    """"Ukraine received Leopard 2 tanks promised by Poland": a participle right after the previous frame's
    weapons describes them, and its agent is that frame's sender when the frame has none. True when taken."""
    weapon = next((m for m in reversed(mentions) if m.end <= trig.start and m.kind == WEAPON), None)
    if weapon is None or not _describes(text, weapon, trig, mentions, lexicon) or not any(
            w == weapon or not text[min(w.end, weapon.end):max(w.start, weapon.start)].strip()
            for w in previous.weapons) or previous.kind.frame not in ("receive", "request", "contract"):
        return False
    agent = next((a for a in actors if trig.end <= a.mention.start < right and a.marker in ("by", "from")), None)
    if agent is None:
        return False
    if previous.sender is None:
        previous.sender, previous.sender_source = agent, MARKED
        previous.co_senders = _coordinated(agent, actors, text, lexicon)
    return True


def _describes(text: str, weapon: Mention, trig: Mention, mentions: list[Mention], lexicon: Lexicon) -> bool:
    """Whether the participle `trig` follows `weapon` closely enough to describe it: at most one word between,
    or only a class name and a relative word ("fregat kelas Istif yang dipesan", "Istif-class frigates that were
    ordered")."""
    gap = text[weapon.end:trig.start]
    words = _GAP_WORD.findall(gap)
    if len(words) <= 1:
        return True
    clause = [m for m in mentions if m.kind == CUE and m.payload[0] in ("clause", "passive", "delivered")
              and weapon.end <= m.start and m.end <= trig.start]
    spoken = {w.lower() for m in clause for w in _GAP_WORD.findall(m.text)}
    return len(words) <= 5 and any(m.payload[0] == "clause" for m in clause) and all(
        w.lower() in lexicon.class_words or w.lower() in spoken or w[:1].isupper() for w in words)


_CLAUSE_END = re.compile(r"[,;:.!?—]")


def _dated_clause(text: str, trig: Mention, mentions: list[Mention], right: int) -> bool:
    """Whether a date stands in the participle's own clause, before any punctuation ("ordered from South Korea
    in 2022"); "dipesan dari Moskow; skuadron pertama tiba pada Desember 2021" dates something else."""
    stop = _CLAUSE_END.search(text, trig.end, right)
    end = stop.start() if stop else right
    return bool(YEAR.search(text, trig.end, end)) or any(
        m.kind in (MONTH, RELDATE, WEEKDAY) and trig.end <= m.start and m.end <= end for m in mentions)


def _speaker(text: str, trig: Mention, actors: list[ActorMention], end: int) -> list[ActorMention]:
    """The actor who says "we" in a quote: the first actor after the quote closes, standing as the subject."""
    close = max(text.rfind(q, trig.end, end) for q in ('"', "”"))
    speaker = next((a for a in actors if close != -1 and a.mention.start > close and a.marker is None), None)
    if speaker is None:
        return []
    # Placed before the trigger so the frame reads it as its subject.
    return [ActorMention(Mention(ACTOR, trig.start - 1, trig.start - 1, speaker.mention.text, speaker.mention.payload),
                         speaker.actor_id, None, speaker.demonym)]


def _verb_and_noun_as_one(text: str, triggers: list[Mention], lexicon: Lexicon) -> list[Mention]:
    """"menerima pasokan drone", "received deliveries of tanks": a noun trigger right after a verb trigger is
    the verb's object, so the verb keeps the frame and the noun is not a trigger of its own."""
    kept: list[Mention] = []
    for trig in triggers:
        if kept and trig.payload[0].voice == "nominal" and kept[-1].payload[0].voice != "nominal":
            if _only_skip_words(text, kept[-1].end, trig.start, lexicon, allowed=3):
                verb: Trigger = kept[-1].payload[0]
                noun: Trigger = trig.payload[0]
                if verb.frame == "contract":
                    # "menandatangani kontrak penjualan": the noun says who sells; the contract, that it is
                    # an order. The noun reads like a verb whose subject signed.
                    kept[-1] = _as_one(text, kept[-1], trig, "active", "planned")
                elif verb.weak:
                    # "Thailand approved the purchase of Gripens from Saab": a general verb lends the noun its
                    # subject and its status; the noun says which way the weapons go.
                    # A request stays a noun: who approves "Jakarta's request" is the one asked, the sender.
                    voice = "nominal" if noun.frame == "request" else "active"
                    kept[-1] = _as_one(text, kept[-1], trig, voice, verb.status or noun.status)
                continue
        kept.append(trig)
    return kept


def _as_one(text: str, verb: Mention, noun: Mention, voice: str, status: str | None) -> Mention:
    """The verb and the noun after it as one trigger, with the noun's frame."""
    kind: Trigger = noun.payload[0]
    return Mention(TRIGGER, verb.start, noun.end, text[verb.start:noun.end],
                   (Trigger(kind.frame, voice, status, kind.theme, kind.weak),))


def _asked_for(frame: Frame, previous: Mention, actors: list[ActorMention], text: str, lexicon: Lexicon) -> None:
    """"Kyiv asked Berlin to send Taurus missiles": the asker of a request trigger just before a `give` frame
    with no recipient is that recipient, and the transfer is a request. "mengajukan permintaan kepada Kuwait untuk
    membeli jet": a purchase asked for close after a request is a request too."""
    if frame.kind.frame == "receive" and previous.payload[0].frame == "request" \
            and frame.trigger.start - previous.end <= 60:
        frame.requested = True
        # "Permintaan resmi Malaysia untuk membeli 33 jet Hornet bekas telah disampaikan kepada Kuwait": the one
        # the request went to sells.
        asked = next((a for a in actors if a.marker == "to" and a.mention.start > frame.trigger.end
                      and (frame.recipient is None or a.actor_id != frame.recipient.actor_id)), None)
        if frame.sender is None and asked is not None and previous.payload[0].voice == "nominal":
            frame.sender, frame.sender_source = asked, MARKED
        return
    if frame.kind.frame != "give" or frame.recipient is not None or previous.payload[0].frame != "request":
        return
    # "before arriving in the Netherlands": a place is no asker
    askers = [a for a in actors if a.mention.end <= previous.start and a.marker is None
              and _last_word(text, max(0, a.mention.start - 12), a.mention.start) not in lexicon.place_prepositions]
    if not askers:
        return
    # "Ukraine summoned the US envoy and asked Washington to ...": after "and" the asker is the clause's subject.
    asker = askers[0] if _last_word(text, askers[-1].mention.end, previous.start) in lexicon.conjunctions \
        else askers[-1]
    if frame.sender is None or asker.actor_id != frame.sender.actor_id:
        frame.recipient, frame.recipient_source, frame.requested = asker, SUBJECT, True
    elif frame.voice == "nominal" and frame.sender_source == SUBJECT:
        # "Kepada Beijing, Caracas meminta percepatan pengiriman radar": the asker of a delivery receives it;
        # the one asked ("kepada Beijing") sends it.
        asked = next((a for a in actors if a.marker == "to" and a.mention.end <= previous.start), None)
        frame.recipient, frame.recipient_source, frame.requested = asker, SUBJECT, True
        frame.sender, frame.sender_source = asked, MARKED if asked is not None else None


def _coordinated(head: ActorMention | None, actors: list[ActorMention], text: str, lexicon: Lexicon
                 ) -> list[ActorMention]:
    """Actors joined to `head` in a list ("Berlin and Washington", "Jerman, Prancis dan Italia"): they share
    its role. A list needs a conjunction somewhere; commas alone ("Menurut Gedung Putih, Rusia") join nothing."""
    if head is None:
        return []
    try:
        index = actors.index(head)  # one scan: ActorMention's == is a Python call for every actor passed
    except ValueError:  # an antecedent or a speaker from outside the sentence
        return []
    run, has_conjunction = [index], False
    for step in (-1, 1):
        j = index
        while 0 <= j + step < len(actors):
            # "to Poland and Romania": the marker stands before the first only. "sent troops to Russia, and
            # Pyongyang supplied ...": an actor before the head with another marker is in another clause.
            if actors[j + step].marker not in ((head.marker,) if step < 0 else (None, head.marker)):
                break
            a, b = sorted((actors[j], actors[j + step]), key=lambda x: x.mention.start)
            first = first_word(text, a.mention.end, b.mention.start)
            if first is None or (first != "," and first not in lexicon.conjunctions):
                break  # the test below fails on its first word: most actors are far apart
            gap = gap_words(text, a.mention.end, b.mention.start)
            joiners = [w for w in gap if w == "," or w in lexicon.conjunctions]
            # "Denmark and the Netherlands": articles may follow the joiner, nothing else may.
            if not joiners or gap[0] not in joiners or not all(w in joiners or w in lexicon.skip_words for w in gap):
                break
            if step > 0 and j == index and head.marker is not None and actors[j + step].marker is None \
                    and "," in gap and any(w in lexicon.conjunctions for w in gap):
                break  # "sent MiG-29s to Ukraine, and Slovakia followed": ", and" after one item opens a clause
            has_conjunction |= any(w in lexicon.conjunctions for w in gap)
            j += step
            run.append(j)
    if not has_conjunction and len(run) > 1:
        # "Poland, Norway and others": a comma list closed by a conjunction after its last actor.
        last = actors[max(run)].mention.end
        after = gap_words(text, last, last + 12)
        has_conjunction = bool(after) and after[0] in lexicon.conjunctions
    if not has_conjunction:
        return []
    joined: list[ActorMention] = []
    for j in sorted(run):
        if actors[j].actor_id != head.actor_id and all(actors[j].actor_id != x.actor_id for x in joined):
            joined.append(actors[j])
    return joined

def points_back(text: str, trig: Mention, lexicon: Lexicon) -> bool:
    """Whether a demonstrative stands right before or after the trigger ("this shipment", "pengiriman itu"), or
    ends it ("kontrak itu")."""
    return _last_word(text, max(0, trig.start - 12), trig.start) in lexicon.demonstratives \
        or first_word(text, trig.end, trig.end + 12) in lexicon.demonstratives \
        or _last_word(text, trig.start, trig.end) in lexicon.demonstratives


def _predicate_of(subject: Frame, trig: Mention, kind: Trigger, voice: str, actors: list[ActorMention],
                  left: int, right: int, text: str, lexicon: Lexicon, mentions: list[Mention]) -> None:
    """"A shipment of North Korean shells arrived in Russia": a transfer verb with no theme of its own says
    more about the transfer noun before it; the parties it marks fill what the noun left open."""
    predicate = Frame(trig, kind, voice, subject.weapons)
    _fill(predicate, [a for a in actors if a.mention.start >= subject.trigger.end], left, right, text, lexicon,
          mentions)
    for slot in ("sender", "recipient"):
        actor = getattr(predicate, slot)
        source = getattr(predicate, slot + "_source")
        if getattr(subject, slot) is None and actor is not None and source in (MARKED, OBJECT):
            setattr(subject, slot, actor)
            setattr(subject, slot + "_source", source)


def _passed_on(bought: Frame, trig: Mention, kind: Trigger, actors: list[ActorMention], right: int, text: str,
               lexicon: Lexicon, mentions: list[Mention]) -> Frame | None:
    """"Gepards ... have been bought back by the United States and will be shipped to Ukraine": a passive
    transfer verb joined to a passive purchase passes the same weapons on from the buyer. "Apaches ordered by
    Morocco were delivered": one right after it, as the main verb, delivers them to the buyer."""
    buyer = bought.recipient
    if bought.voice == "passive" and bought.kind.frame == "receive" and buyer is None and bought.sender is not None \
            and bought.trigger.end <= bought.sender.mention.end <= trig.start:
        # "Strykers bought from the United States were handed over to the Argentine Army": the source handed them
        # over to the one named now.
        gap = gap_words(text, bought.sender.mention.end, trig.start)
        to = next((a for a in actors if trig.end <= a.mention.start < right and a.marker == "to"), None)
        if 0 < len(gap) <= 3 and "," not in gap and to is not None and to.actor_id != bought.sender.actor_id \
                and all(m.kind == CUE and m.payload[0] in ("passive", "delivered") for m in mentions
                        if bought.sender.mention.end <= m.start and m.end <= trig.start):
            frame = Frame(trig, kind, "passive", list(bought.weapons), bought.sender, bought.sender_source)
            frame.recipient, frame.recipient_source = to, MARKED
            return frame
        return None
    if bought.voice != "passive" or bought.kind.frame != "receive" or buyer is None \
            or not bought.trigger.end <= buyer.mention.end <= trig.start:
        return None
    gap = gap_words(text, buyer.mention.end, trig.start)
    if not gap or len(gap) > 4 or "," in gap or any(
            buyer.mention.end <= m.start and m.end <= trig.start for m in mentions if m.kind in (ACTOR, WEAPON)):
        return None
    if gap[0] not in lexicon.conjunctions:
        # "Apache helicopters ordered by Morocco were delivered on Tuesday": the purchase is the subject's
        # description, the delivery its news; the same parties.
        if not all(m.kind == CUE and m.payload[0] in ("passive", "delivered") for m in mentions
                   if buyer.mention.end <= m.start and m.end <= trig.start) or not any(
                m.kind == CUE and m.payload[0] == "passive" and buyer.mention.end <= m.start < trig.start
                for m in mentions):
            return None
        frame = Frame(trig, kind, "passive", list(bought.weapons), bought.sender, bought.sender_source)
        frame.recipient, frame.recipient_source = buyer, bought.recipient_source
        return frame
    frame = Frame(trig, kind, "passive", list(bought.weapons), buyer, DISTANT)
    frame.recipient, frame.recipient_source = next(
        ((a, MARKED) for a in actors if trig.end <= a.mention.start < right and a.marker == "to"), (None, None))
    return frame if frame.recipient is not None and frame.recipient.actor_id != buyer.actor_id else None


def _group_subject(frame: Frame, group: list[ActorMention], mentions: list[Mention], actors: list[ActorMention],
                   left: int) -> None:
    """"Ketiga negara itu, bersama Belgia, berjanji menyerahkan F-16": a group pronoun opening the clause is its
    subject, and stands for the actors the story last named together; actors beside it join them."""
    opener = next((m for m in mentions if m.kind == PRONOUN and m.payload[0] == "group"
                   and left <= m.start and m.end <= frame.trigger.start), None)
    if opener is None or any(left <= a.mention.start < opener.start for a in actors):
        return
    beside = [a for a in actors if opener.end <= a.mention.start and a.mention.end <= frame.trigger.start
              and a.marker in (None, "with") and all(a.actor_id != g.actor_id for g in group)]
    slot = "sender" if frame.kind.frame in ("give", "offer", "won") else "recipient"
    other = frame.recipient if slot == "sender" else frame.sender
    members = [g for g in group + beside if other is None or g.actor_id != other.actor_id]
    if not members:
        return
    setattr(frame, slot, members[0])
    setattr(frame, slot + "_source", DISTANT)
    setattr(frame, "co_senders" if slot == "sender" else "co_recipients", members[1:])
    frame.agent = members[0]


def _conjoined(text: str, previous: Frame, trig: Mention, mentions: list[Mention], lexicon: Lexicon) -> bool:
    """Whether the trigger is a verb joined by a conjunction right after the previous frame's theme."""
    theme_end = max((m.end for m in mentions if m.kind == WEAPON and previous.trigger.end <= m.start
                     and m.end <= trig.start), default=None)
    if previous.voice == "nominal" or theme_end is None:
        return False
    gap = gap_words(text, theme_end, trig.start)
    joins = [i for i, w in enumerate(gap) if w in lexicon.conjunctions]
    if not joins or len(gap) - joins[-1] > 3 or any(
            m.kind in (ACTOR, PRONOUN) and theme_end <= m.start and m.end <= trig.start for m in mentions):
        return False  # "..., and France pledged": a new subject
    # Before the conjunction only a date may stand ("since 2022 and handed over").
    return all(w.isdigit() or w == "," or w in lexicon.date_prepositions for w in gap[:joins[0]])


def _appositions(text: str, before: list[ActorMention], between: list[Mention], hi: int, lexicon: Lexicon
                 ) -> list[tuple[int, int]]:
    """"Cile, tetangga Peru di selatan, mengoperasikan ...", "Chile, Peru's southern neighbour, operates ...": a
    phrase set off by commas right after an actor, opening with no name, describes it; actors in it are no
    subject. A list ("Chile, Peru and Brazil") opens each item with a name."""
    spans = []
    for actor in before:
        end = actor.mention.end
        if not text.startswith(", ", end):
            continue
        comma = text.find(",", end + 2, hi)
        if comma == -1 or any(m.kind in (ACTOR, TRIGGER) and m.start == end + 2
                              and not text.startswith(lexicon.possessives, m.end) for m in between):
            continue  # "Chile, Peru and Brazil"; but "Chile, Peru's southern neighbour," describes Chile
        spans.append((end, comma))
    return spans


def relative_clauses(text: str, mentions: list[Mention], lo: int, hi: int) -> tuple[int | None, list[tuple[int, int]]]:
    """The relative clauses opened between `lo` and a trigger at `hi`: where the one the trigger stands in begins,
    if any ("a fleet which was topped up by MiG-29s transferred by Slovakia"), and the ones set off by commas
    and closed before it, as (start of the relative word, closing comma): "India, which has become Armenia's
    largest supplier, has shipped ..."."""
    open_at, closed = None, []
    for m in mentions:
        if m.kind == CUE and m.payload[0] == "clause" and lo <= m.start and m.end <= hi:
            comma = text.rfind(",", m.end, hi)
            if comma == -1:
                open_at = m.end
            elif text[max(0, m.start - 3):m.start].rstrip().endswith(","):
                closed.append((m.start, comma))
    return open_at, closed


def _per_weapon(frame: Frame, head: ActorMention | None, marker: str, actors: list[ActorMention], right: int,
                text: str, lexicon: Lexicon) -> tuple[list[ActorMention], dict[int, list[ActorMention]]]:
    """The actors with `head`'s marker after the trigger, when there are several, and, when weapons stand between
    them ("K2 tanks from Korea, and HIMARS from the United States"; "drones to Russia and missiles to the
    Houthis"), each weapon's own: the first of them after it, with those joined to it. Weapon start -> actors."""
    if head is None or head.marker != marker:
        return [], {}
    marked = [a for a in actors if a.marker == marker and frame.trigger.end <= a.mention.start
              and a.mention.end <= right]
    if head not in marked or len({a.actor_id for a in marked}) < 2:
        return [], {}
    spans = [(w.start, w.end) for w in frame.weapons]
    if not any(any(a.mention.end <= w0 and we <= b.mention.start for w0, we in spans)
               for a, b in zip(marked, marked[1:]) if a.actor_id != b.actor_id):
        return marked, {}
    groups = {}
    for w0, we in spans:
        first = next((a for a in marked if a.mention.start >= we), None)
        if first is not None:
            groups[w0] = [first, *_coordinated(first, actors, text, lexicon)]
    return marked, groups


def _sources_by_weapon(frame: Frame, actors: list[ActorMention], right: int, text: str, lexicon: Lexicon
                       ) -> None:
    """Several sources after the trigger, each closing its own group of weapons ("K2 tanks from Korea, and
    HIMARS from the United States"): each weapon comes from the first source after it. Sources with no weapon
    between them and a conjunction joining them ("from Russia in 2017 and from Belarus in 2019") are all senders.
    """
    sources, groups = _per_weapon(frame, frame.sender, "from", actors, right, text, lexicon)
    if groups:
        frame.weapon_senders.update(groups)
        return
    for a, b in zip(sources, sources[1:]):
        if a.actor_id != b.actor_id and b.actor_id not in {s.actor_id for s in frame.senders} and any(
                w in lexicon.conjunctions for w in gap_words(text, a.mention.end, b.mention.start)):
            frame.co_senders.append(b)


def _origins_by_weapon(frame: Frame, actors: list[ActorMention], text: str, lexicon: Lexicon) -> None:
    """"acquired Turkish TB2 and Iranian Mohajer-6 drones", "drone TB2 buatan Turki dan drone Mohajer-6 buatan
    Iran": a sender read from origins, with a different origin beside each weapon, is each weapon's own."""
    if frame.sender_source != ORIGIN or frame.weapon_senders or len(frame.weapons) < 2:
        return
    origins = [a for a in actors if a.marker == "origin"]
    own = {}
    for w in frame.weapons:
        beside = next((a for a in origins if a.mention.end <= w.start and _no_words(text, a.mention.end, w.start)
                       or w.end <= a.mention.start and len(gap_words(text, w.end, a.mention.start)) <= 1), None)
        if beside is not None:
            own[w.start] = [beside]
    # Only a list of weapons: "Turkish TB2 and Iranian Mohajer-6 drones", not weapons far apart in the clause.
    listed = all(any(c in lexicon.conjunctions or c == "," for c in gap_words(text, a.end, b.start))
                 for a, b in zip(frame.weapons, frame.weapons[1:]) if a.start in own and b.start in own)
    if len({a[0].actor_id for a in own.values()}) > 1 and listed:
        frame.weapon_senders.update(own)


def _recipients_by_weapon(frame: Frame, actors: list[ActorMention], right: int, text: str, lexicon: Lexicon
                          ) -> None:
    """Several recipients after the trigger, each closing its own group of weapons ("supplies drones to Russia
    and missiles to the Houthis"): each weapon goes to the first recipient after it."""
    frame.weapon_recipients.update(_per_weapon(frame, frame.recipient, "to", actors, right, text, lexicon)[1])


def _speaker_only(actor: ActorMention, trig: Mention, mentions: list[Mention], text: str = "",
                  lexicon: Lexicon | None = None, nominal: bool = False) -> bool:
    """Whether `actor` only speaks about the transfer: a speech verb stands between them and no pronoun takes
    the actor up again ("Russia said it would send" keeps Russia; "Peskov said supplying ..." does not). A
    transfer noun announced ("Washington announced a $200 million package") is the announcer's."""
    # "Moscow denied the drone deliveries": who denies a noun that names no party may be on either side of it;
    # "Iran denied deliveries of drones to Russia" names the other side, so Iran is the sender.
    denier = nominal and lexicon is not None and not any(
        m.kind == MARKER and m.payload[0] in ("to", "from") and m.start >= trig.end and nxt.kind == ACTOR
        and _only_skip_words(text, m.end, nxt.start, lexicon) for m, nxt in zip(mentions, mentions[1:]))
    speech = [m for m in mentions if m.kind == CUE and (m.payload[0] == "speech" or denier and m.payload[0] == "denied")
              and actor.mention.end <= m.start and m.end <= trig.start]
    if speech and nominal and lexicon is not None and speech[-1].text.lower() in lexicon.announce_verbs \
            and len(gap_words(text, speech[-1].end, trig.start)) <= 4:
        return False
    return bool(speech) and not any(m.kind == PRONOUN and speech[-1].end <= m.start and m.end <= trig.start
                                    for m in mentions)


def _relative_antecedent(frame: Frame, before: list[ActorMention], between: list[Mention]
                         ) -> ActorMention | None:
    """"... from Korea Aerospace Industries, which delivered 12 of the aircraft": the actor just before a
    relative pronoun that opens the trigger's clause is its subject, whatever marker it had."""
    clause = [m for m in between if m.kind == CUE and m.payload[0] == "clause"]
    if not clause or not before:
        return None
    last = before[-1]
    if any(m.kind == CUE and m.payload[0] == "speech" and last.mention.end <= m.start < clause[-1].start
           for m in between):
        return None  # "Moscow has warned that ...": "that" opens what was said, not a relative clause
    if last.mention.end <= clause[-1].start and not any(a.mention.start > clause[-1].end for a in before):
        words = clause[-1].end, frame.trigger.start
        if words[1] - words[0] <= 30:
            return ActorMention(last.mention, last.actor_id, None, last.demonym)
    return None


def _infinitive_agent(trig: Mention, before: list[ActorMention], between: list[Mention], text: str
                      ) -> ActorMention | None:
    """"an earlier attempt by Argentina to buy Gripen jets": an actor "by" ties to the infinitive right after it
    is the one who buys, not the clause's subject."""
    if not before or before[-1].marker != "by":
        return None
    last = before[-1]
    marker = next((m for m in between if m.kind == MARKER and m.payload[0] == "to" and m.start >= last.mention.end),
                  None)
    if marker is None or not _no_words(text, last.mention.end, marker.start) \
            or not _no_words(text, marker.end, trig.start):
        return None
    return ActorMention(last.mention, last.actor_id, None, last.demonym)


def _object_pronoun_recipient(frame: Frame, text: str, actors: list[ActorMention], antecedent: ActorMention | None,
                              lexicon: Lexicon, mentions: list[Mention]) -> None:
    """"The Kremlin denied that North Korea had supplied it with shells", "Iran has sent them drones": an object
    pronoun right after the verb, before "with" or the weapons, is the actor the sentence named before the
    sender, else the previous sentence's subject."""
    trig = frame.trigger
    words = gap_words(text, trig.end, min([w.start for w in frame.weapons if w.start > trig.end] or [len(text)]))
    if not words or words[0] not in lexicon.object_pronouns:
        return
    with_after = any(m.kind == MARKER and m.payload[0] == "with" and m.text.lower() == words[1]
                     for m in mentions if m.start > trig.end) if len(words) > 1 else False
    if not with_after and not all(w.isdigit() or w in lexicon.skip_words for w in words[1:]):
        return
    sender = frame.sender.actor_id
    holder = next((a for a in actors if a.mention.end <= trig.start and a.marker is None and not a.demonym
                   and a.actor_id != sender), None)
    if holder is None and antecedent is not None and antecedent.actor_id != sender:
        holder = antecedent
    if holder is not None:
        frame.recipient = ActorMention(holder.mention, holder.actor_id, None, holder.demonym)
        frame.recipient_source = CONTEXT


def _possessor_only(text: str, start: int, end: int, lexicon: Lexicon) -> bool:
    """Whether text[start:end] is only a possessor: "a contract with Israel's Rafael"."""
    words = text[start:end].split()
    return len(words) == 1 and words[0].endswith(lexicon.possessives) if lexicon.possessives else False


def _possessive_after(text: str, actor: ActorMention, lexicon: Lexicon) -> bool:
    """Whether "'s" follows the actor: "Russia's invasion", "Embraer's C-390"."""
    return text.startswith(lexicon.possessives, actor.mention.end)


def possessor_of_a_thing(text: str, actor: ActorMention, lexicon: Lexicon) -> bool:
    """"Since the start of Russia's invasion, ...": the possessor of a thing that is no party (not of an organ:
    "Russia's defence ministry") is no sentence subject."""
    if not _possessive_after(text, actor, lexicon):
        return False
    words = gap_words(text, actor.mention.end, actor.mention.end + 40)[1:3]
    return bool(words) and not any(w in lexicon.skip_words for w in words)


def _makes(text: str, actor: ActorMention, weapons: list[Mention], lexicon: Lexicon) -> bool:
    """"offered Embraer's C-390 to Buenos Aires": a possessive right before a weapon names its maker or owner,
    not who receives it."""
    if not _possessive_after(text, actor, lexicon):
        return False
    return any(actor.mention.end < w.start and len(gap_words(text, actor.mention.end, w.start)) <= 3
               for w in weapons)


def _names_an_organ(text: str, actor: ActorMention, lexicon: Lexicon) -> bool:
    """"handed the Yemeni coast guard four boats", "supplied the Lebanese army": a demonym before a state noun
    names that state's organ, a party; "sent German frigates" names only where the frigates came from."""
    return any(w in lexicon.state_nouns for w in gap_words(text, actor.mention.end, actor.mention.end + 24)[:2])


def _fill(frame: Frame, actors: list[ActorMention], left: int, right: int, text: str, lexicon: Lexicon,
          mentions: list[Mention] = ()) -> None:
    trig = frame.trigger
    mentions_between = [m for m in mentions if left <= m.start and m.end <= trig.start]
    # An attribution ends the clause: in "..., Blinken said on a visit to London" London has no role.
    theme_end = max([trig.end] + [w.end for w in frame.weapons])
    right = min([right] + [m.start for m in mentions if m.kind == CUE and m.payload[0] == "speech"
                           and m.start > theme_end])
    before = sorted((a for a in actors if a.mention.end <= trig.start), key=lambda a: a.mention.start)
    after = [a for a in actors if a.mention.start >= trig.end and a.mention.end <= right]
    # A contract on its own is read from the buyer's side: "Dhaka signed a contract with Ankara for drones".
    agent_side = "sender" if frame.kind.frame in ("give", "offer", "won") else "recipient"
    other_side = "recipient" if agent_side == "sender" else "sender"

    def put(slot: str, actor: ActorMention | None, source: str) -> None:
        if actor is not None and getattr(frame, slot) is None:
            setattr(frame, slot, actor)
            setattr(frame, slot + "_source", source)

    # Before the trigger a marker belongs to it only in a passive ("drones from Iran were sent to Russia");
    # in "bought aircraft from Russia and Moscow promised more", "from Russia" was the first verb's.
    # "India, which has become Armenia's largest supplier, has shipped ...": an actor inside a relative clause
    # set off by commas before the trigger is not its subject; "Drone Shahed, yang oleh Rusia dinamai Geran-2,
    # dikirim Teheran": nor its agent.
    closed = relative_clauses(text, mentions_between, left, trig.start)[1] + _appositions(
        text, before, mentions_between, trig.start, lexicon)
    near_before = [a for a in before if a.mention.start >= left
                   and not any(lo <= a.mention.start < hi for lo, hi in closed)] if frame.voice == "passive" else []
    by_actor = next((a for a in after + near_before[::-1] if a.marker == "by"), None)
    # A noun's source follows it closely: in "the delivery of the missiles would draw a response from the Russian
    # military" the response is what comes from Russia.
    from_actor = next((a for a in after + near_before[::-1] if a.marker == "from" and (
        frame.voice != "nominal" or a.mention.start < theme_end
        or len(gap_words(text, theme_end, a.mention.start)) <= 4)), None)
    with_actor = next((a for a in after if a.marker == "with"), None)
    # "jet F/A-18 bekas milik Angkatan Udara Kuwait", "Kuwait's used Hornets": whose the weapons were.
    owner = next((a for a in after + near_before[::-1] if a.marker == "owner"), None) or next(
        (a for a in after if a.marker is None and _possessive_after(text, a, lexicon)
         and any(a.mention.end < w.start for w in frame.weapons)), None)
    to_actor = next((a for a in after + near_before[::-1] if a.marker == "to"), None)  # "Tanks for Kyiv were sent"
    # Where the weapons were made, beside one of them: "Helikopter buatan Boeing itu akan menggantikan Mi-24, yang
    # telah diserahkan kepada Ukraina" says nothing of who handed over the Mi-24s.
    breaks = [m.start for m in mentions if m.kind == CUE and m.payload[0] == "clause_break"]
    origin = next((a for a in after + before[::-1] if a.marker == "origin" and any(
        len(gap := gap_words(text, lo := min(a.mention.end, w.end), hi := max(a.mention.start, w.start))) <= 4
        and "," not in gap and not any(lo <= b < hi for b in breaks) for w in frame.weapons)), None)
    unmarked_before = [a for a in before if a.marker is None
                       and not any(lo <= a.mention.start < hi for lo, hi in closed)]
    # "French troops" names no party: a demonym is the subject only when no name is ("Russian forces received").
    in_clause = [a for a in reversed(unmarked_before) if a.mention.start >= left]
    # A demonym that names an organ ("the Kenyan air force") outranks a bare one ("including Chinese Z-9s").
    subject = next((a for a in in_clause if not a.demonym), None) or next(
        (a for a in in_clause if _names_an_organ(text, a, lexicon)), in_clause[0] if in_clause else None)
    # "Inggris merupakan pendukung terbesar Ukraina dan telah memasok ...": a verb after "and" with no subject of
    # its own shares the sentence's first one.
    if subject is not None and frame.voice == "active" and unmarked_before and unmarked_before[0] is not subject:
        gap = gap_words(text, subject.mention.end, trig.start)
        joins = [k for k, w in enumerate(gap) if w in lexicon.conjunctions]
        if joins and len(gap) - joins[-1] <= 3 and not unmarked_before[0].demonym:
            subject = unmarked_before[0]
    # A pro-drop language leaves out "it" ("Rusia mengatakan akan mengirim"), but a noun has no subject to drop:
    # in "Peskov mengatakan pengiriman rudal itu akan memicu respons" the speaker sent nothing.
    speaker_rule = not lexicon.pro_drop or frame.voice == "nominal"
    nominal = frame.voice == "nominal"
    if subject is not None and speaker_rule and _speaker_only(subject, trig, mentions, text, lexicon, nominal):
        in_clause, subject = [], None  # "Peskov said supplying such missiles would ..." names no supplier
    distant = unmarked_before[-1] if unmarked_before and subject is None else None
    if distant is not None and speaker_rule and _speaker_only(distant, trig, mentions, text, lexicon, nominal):
        distant = None
    first_after = after[0] if after else None
    # "sent Ukraine tanks" names a recipient; "sent German frigates" names only where the frigates came from.
    direct_object = (first_after if first_after is not None and first_after.marker is None
                     and (not first_after.demonym or _names_an_organ(text, first_after, lexicon))
                     and not _makes(text, first_after, frame.weapons, lexicon)
                     and (_only_skip_words(text, trig.end, first_after.mention.start, lexicon, allowed=3)
                          or _possessor_only(text, trig.end, first_after.mention.start, lexicon)
                          or frame.kind.frame == "receive" and frame.voice == "passive"  # "tiba di Malaysia"
                          and gap_words(text, trig.end, first_after.mention.start) in (
                              [w] for w in lexicon.place_prepositions)) else None)

    if frame.voice == "passive":
        # "X were sent to Y by Z", "dibeli oleh Indonesia dari Turki": `by` names the agent; Indonesian may
        # drop the "oleh" ("diserahkan Prancis kepada Indonesia").
        put(agent_side, by_actor, MARKED)
        put(agent_side, direct_object, OBJECT)
        if frame.kind.frame == "give" and by_actor is not None:
            put("recipient", direct_object, OBJECT)  # "were handed to the Houthis by Iranian operatives"
        put("sender", from_actor, MARKED)
        put("recipient", to_actor, MARKED)
        frame.agent = by_actor or direct_object
        if subject is not None and frame.kind.frame == "give" and (
                frame.kind.theme or any(w.start > trig.end for w in frame.weapons)):
            put("recipient", subject, SUBJECT)  # "Ukraine was given tanks by Germany", "Houthi dipersenjatai Iran"
        if subject is not None and frame.kind.frame == "give" and not _possessive_after(text, subject, lexicon) and any(
                m.kind == CUE and m.payload[0] == "possession" and subject.mention.end <= m.start
                for m in mentions_between):
            put("recipient", subject, SUBJECT)  # "Kyiv now fields Leopard 2 tanks supplied by Germany"
        if frame.kind.frame == "receive":
            put("recipient", owner, MARKED)  # "tank Abrams milik Taiwan tiba": the weapons' new owner
        if subject is not None and frame.kind.frame == "receive" and subject is not getattr(frame, "sender"):
            put("recipient", subject, SUBJECT)  # "Athens flies Rafales bought from France"
        if subject is not None and frame.kind.frame == "give" and text.startswith(
                lexicon.possessives, subject.mention.end) and any(
                subject.mention.end < w.start < trig.start
                and len(gap_words(text, subject.mention.end, w.start)) <= 3 for w in frame.weapons):
            put("recipient", subject, SUBJECT)  # "Taiwan's first Abrams tanks were delivered on Monday"
    else:
        governed = _infinitive_agent(trig, before, mentions_between, text)
        agent = governed or _relative_antecedent(frame, before, mentions_between) or subject or distant
        frame.agent_governed = governed is not None
        frame.agent = agent
        if frame.voice == "active" and agent is not None and agent.marker is None \
                and agent is not (direct_object if frame.kind.frame == "request" else None):
            put(agent_side, agent, SUBJECT if agent is subject else DISTANT)  # the subject outranks markers
        if frame.kind.frame == "request" and frame.voice == "nominal" and to_actor is not None:
            # "Ukraina mengajukan permintaan kepada Jerman untuk rudal Taurus": the request goes to the one asked.
            put("sender", to_actor, MARKED)
            put("recipient", agent, SUBJECT if agent is subject else DISTANT)
        elif frame.kind.frame == "request" and frame.voice == "nominal":
            # "Washington is weighing a request from Taipei": who asks comes with "from"; the subject is asked.
            put("recipient", from_actor, MARKED)
            put("sender", agent, SUBJECT if agent is subject else DISTANT)
        if frame.kind.frame == "won":
            # "Saab won a contract from the Czech Republic", "received an order from Ukraine": the buyer.
            put("recipient", from_actor, MARKED)
            put("recipient", with_actor, MARKED)
        if frame.kind.frame != "won":  # who an order comes from buys
            put("sender", from_actor, MARKED)
        if frame.kind.frame in ("receive", "request") and owner is not None and owner is not frame.recipient:
            put("sender", owner, MARKED)  # "membeli jet bekas milik Kuwait": a buyer buys from the owner
        if frame.kind.frame in ("give", "offer") and frame.voice != "nominal":
            put("recipient", direct_object, OBJECT)  # "sent Ukraine tanks", "supplied Kyiv with drones"
        put("recipient", to_actor, MARKED)
        if frame.voice == "nominal":
            # "pasokan rudal Iran ke Houthi", "Paket bantuan AS untuk Ukraina", "deliveries of Iranian drones":
            # whose transfer it is stands inside the noun phrase and outranks the clause's subject.
            put("sender", next((a for a in after if a.marker == "origin"), None), ORIGIN)
            if frame.kind.frame in ("give", "offer") and before and before[-1].marker is None \
                    and _no_words(text, before[-1].mention.end, trig.start):
                put("sender", before[-1], ORIGIN)  # "a Swedish offer of Gripens", "the US delivery of"
            if lexicon.modifiers_follow and frame.kind.frame == "give":
                put("sender", direct_object, OBJECT)
        if frame.kind.frame == "request":
            put("sender", direct_object, OBJECT)  # "asked Pyongyang for shells"
        if frame.kind.frame in ("receive", "request", "contract"):
            # "mendapatkan HQ-9 buatan China untuk menggantikan sistem yang hancur dalam perang dengan Israel":
            # the weapons' own origin outranks a "with" further on.
            put("sender", origin, ORIGIN)
            put("sender", with_actor, MARKED)  # "signed a contract with Ankara for the drones"

            if subject is not None:  # "Dari India, Armenia telah menerima ...": a fronted source
                put("sender", next((a for a in before if a.marker == "from"
                                    and a.mention.end <= subject.mention.start), None), MARKED)
            if subject is not None and frame.kind.frame == "request":  # "Kepada Beijing, Caracas meminta ..."
                put("sender", next((a for a in before if a.marker == "to"
                                    and a.mention.end <= subject.mention.start), None), MARKED)
        if agent is not None and agent is not getattr(frame, other_side):
            put(agent_side, agent, SUBJECT if agent is subject else DISTANT)
        if frame.voice == "nominal" and frame.kind.frame == "offer" and frame.sender_source == MARKED \
                and subject is not None and subject.actor_id != frame.sender.actor_id:
            put("recipient", subject, SUBJECT)  # "Manila is weighing an offer of submarines from Naval Group"
        put(agent_side, by_actor, MARKED)  # nominal: "deliveries by Iran", "pembelian ... oleh Polandia"
        if frame.kind.frame == "receive" and frame.voice == "active" and by_actor is not None \
                and by_actor.mention.start > max(w.end for w in frame.weapons):
            put("sender", by_actor, ORIGIN)  # "took delivery of patrol vessels built by France's Naval Group"
    put("sender", origin, ORIGIN)
    if frame.sender is not None and frame.recipient is to_actor is not None \
            and to_actor.actor_id == frame.sender.actor_id:
        # "meminta Jerman mengirim rudal Taurus saat berkunjung ke Berlin": a place the sender visits is not
        # where the weapons go; a later "to" may be.
        frame.recipient = next((a for a in after if a.marker == "to" and a.actor_id != frame.sender.actor_id), None)
        frame.recipient_source = MARKED if frame.recipient is not None else None


def owned_frames(text: str, start: int, end: int, mentions: list[Mention], lexicon: Lexicon,
                 on: date | None, antecedent: ActorMention | None, taken: set[int],
                 actors: list[ActorMention] | None = None) -> list[Frame]:
    """Weapons a holder got from a named origin, with no transfer verb: "India struck targets with
    French-supplied SCALP missiles", "Its air force relies on Russian-supplied jets", "TNI AU mengoperasikan
    jet Su-30 buatan Rusia". A "-supplied" origin says the weapon was handed over; a plain "-made" one only
    where the clause has the holder own or use it ("operates", "armed with", "its ..."). Weapons in `taken`
    already belong to a transfer verb's frame. `actors` is as for build_frames().
    """
    mentions = [m for m in mentions if start <= m.start and m.end <= end]
    if actors is None:
        actors = mark_actors(text, mentions, lexicon, on)
    frames: list[Frame] = []
    for origin in actors:
        if origin.marker != "origin":
            continue
        group = _owned_group(text, origin, mentions, lexicon)
        if group is None:
            continue
        weapons, lo, hi, supplied = group
        if any(w.start in taken for w in weapons):
            continue
        holder = next((a for a in reversed(actors) if a.mention.end <= lo and a.marker != "origin"), None)
        if holder is not None and (holder.marker is not None or holder.actor_id == origin.actor_id
                                   or holder.demonym and not (holder is actors[0] and (supplied or _held(
                                       text, holder.mention.end, lo, mentions, lexicon)))
                                   or _speaker_only(holder, _point(lo), mentions) and not _held(
                                       text, holder.mention.end, lo, mentions, lexicon, possessive_only=True)):
            continue  # "Iran's minister said the US ... operate US missile systems": no holder of its own
        source = SUBJECT
        if holder is None and antecedent is not None and antecedent.actor_id != origin.actor_id and any(
                m.kind == PRONOUN and m.payload[0] == "antecedent" or m.kind == CUE and m.payload[0] == "possessive"
                for m in mentions if m.start < lo and not gap_words(text, start, m.start)):
            holder, source = antecedent, CONTEXT  # "Its air force relies on ...", "They fly ..."
        if holder is None:
            continue
        held_from = holder.mention.end if source == SUBJECT else start
        if not supplied and (not _held(text, held_from, lo, mentions, lexicon)
                             or lexicon.actors[holder.actor_id].kind is not ActorKind.STATE):
            # "Ukraine shot down Iranian-made drones": made there, but not Ukraine's. An armed group's
            # "North Korean-made grenades" came by ways the sentence does not say.
            continue
        marker = Mention(TRIGGER, origin.mention.start, hi, text[origin.mention.start:hi],
                         (Trigger("give", "active", "delivered"),))
        frame = Frame(marker, marker.payload[0], "active", weapons,
                      sender=ActorMention(origin.mention, origin.actor_id, None, origin.demonym),
                      sender_source=ORIGIN, recipient=holder, recipient_source=source)
        frame.cue_start = hi  # no modal before the holder's verb speaks of this weapon
        frame.held = True
        frames.append(frame)
        taken.update(w.start for w in weapons)
    return frames


def serving_frames(text: str, start: int, end: int, mentions: list[Mention], lexicon: Lexicon,
                   actors: list[ActorMention], taken: set[int], last_named: Mention | None) -> list[Frame]:
    """"The Exocet is in service with the navies of Chile, Colombia and Brazil", "dioperasikan oleh AL Chile":
    the holders after a `service` cue got the system from its maker. The system is the named one before the cue,
    or, for "The missile", the last one the article named."""
    frames: list[Frame] = []
    for cue in (m for m in mentions if m.kind == CUE and m.payload[0] == "service" and start <= m.start < end):
        before = [m for m in mentions if m.kind == WEAPON and start <= m.start and m.end <= cue.start]
        if not before or any(w.start in taken for w in before):
            continue
        named = [w for w in before if w.payload[2]] or (
            [last_named] if last_named is not None and last_named.payload[0] == before[-1].payload[0] else [])
        makers = {w.payload[3] if len(w.payload) > 3 else None for w in named} or {
            a.actor_id for a in actors if a.marker == "origin" and start <= a.mention.start < cue.start}
        if len(makers) > 1 and None not in makers and len(named) == len([w for w in before if w.payload[2]]):
            # "Drone Bayraktar TB2 dari Turki serta drone Harop dari Israel dipakai Baku": each from its maker.
            groups = [([w for w in named if w.payload[3] == m], m) for m in dict.fromkeys(w.payload[3] for w in named)]
        elif len(makers) == 1:
            groups = [(named or before, makers.pop())]
        else:
            continue  # "Iranian drones have been used by Russia": an origin names the maker too
        holder = next((a for a in actors if a.mention.start >= cue.end and a.marker in (None, "to")
                       and not a.demonym), None)
        if holder is None:
            continue
        for weapons, maker in groups:
            if maker not in lexicon.actors or maker == holder.actor_id:
                continue
            marker = Mention(TRIGGER, cue.start, cue.end, cue.text, (Trigger("receive", "active", "delivered"),))
            frame = Frame(marker, marker.payload[0], "active", before if len(groups) == 1 else weapons,
                          sender=ActorMention(cue, maker), sender_source=CONTEXT, recipient=holder,
                          recipient_source=MARKED)
            if named and len(groups) == 1:  # "The missile": the system it stands for
                frame.weapons = [w if w.payload[2] else Mention(WEAPON, w.start, w.end, w.text, named[0].payload)
                                 for w in frame.weapons]
            frame.co_recipients = [a for a in _coordinated(holder, actors, text, lexicon) if a.actor_id != maker]
            frame.cue_start = cue.end
            frame.background = True
            frames.append(frame)
        taken.update(w.start for w in before)
    return frames


def _point(position: int) -> Mention:
    """An empty mention at a position, for the helpers that measure from a trigger."""
    return Mention(TRIGGER, position, position, "", ())


def _owned_group(text: str, origin: ActorMention, mentions: list[Mention], lexicon: Lexicon
                 ) -> tuple[list[Mention], int, int, bool] | None:
    """The weapons an origin qualifies, where the group starts and ends, and whether the origin is a supplier:
    "Russian-supplied jets and helicopters" (origin first) or "jet Su-30 dan helikopter buatan Rusia"."""
    i = mentions.index(origin.mention)
    nxt = mentions[i + 1] if i + 1 < len(mentions) else None
    supplied = nxt is not None and nxt.kind == MARKER and nxt.payload[0] == "supplier_suffix" \
        and nxt.start == origin.mention.end
    if not lexicon.modifiers_follow:
        rest = [m for m in mentions[i + 1:] if not (m.kind == MARKER and m.payload[0].endswith("_suffix"))]
        weapons = []
        edge = nxt.end if nxt is not None and nxt.start == origin.mention.end else origin.mention.end
        for m in rest:
            if m.kind != WEAPON:
                break
            gap = gap_words(text, edge, m.start)
            if len(gap) > 3 or any(w not in lexicon.conjunctions and w != "," and not w.isdigit()
                                   and w not in lexicon.skip_words for w in gap) and weapons:
                break
            weapons.append(m)
            edge = m.end
        return (weapons, origin.mention.start, edge, supplied) if weapons else None
    # "jet Su-30 buatan Rusia": the weapons stand before the origin marker.
    before = [m for m in mentions[:i] if m.kind != MARKER]
    weapons = []
    edge = mentions[i - 1].start if i > 0 and mentions[i - 1].kind == MARKER else origin.mention.start
    for m in reversed(before):
        if m.kind != WEAPON or len(gap_words(text, m.end, edge)) > 3:
            break
        weapons.insert(0, m)
        edge = m.start
    return (weapons, edge, origin.mention.end, supplied) if weapons else None


def _held(text: str, lo: int, hi: int, mentions: list[Mention], lexicon: Lexicon, possessive_only: bool = False
          ) -> bool:
    """Whether text[lo:hi], from the holder to the weapons, has the holder own or use them: a possession word
    ("operates", "mengoperasikan"), "with" just before them, or a possessive just before them ("its")."""
    for m in mentions:
        if not (lo <= m.start and m.end <= hi):
            continue
        if m.kind == CUE and m.payload[0] == "possession" and not possessive_only:
            return True
        if (m.kind == CUE and m.payload[0] == "possessive"
                or m.kind == MARKER and m.payload[0] == "with" and not possessive_only) \
                and len(gap_words(text, m.end, hi)) <= 1:
            return True
    return False
