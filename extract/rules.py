"""The default extractor: lexicon-driven pattern rules (DESIGN.md, "Extraction").

>>> from geokg.graph import Article
>>> art = Article(id="a1", text="Iran mengirim drone ke Rusia pada Oktober 2022.", published="2022-11-01")
>>> [(e.sender.id, e.recipient.id, e.weapon.category.value, e.status.value, e.date)
...  for e in RulesExtractor().extract(art)]
[('IRN', 'RUS', 'uav', 'delivered', '2022-10')]
"""
from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable
from datetime import date as Date
from importlib.metadata import PackageNotFoundError, version
from itertools import product
from typing import Any

from geokg.graph import (
    ActorKind, Article, Category, DatePrecision, DateSource, Evidence, Status, TransferEvent, Weapon, event_id)
from geokg.graph.taxonomy import GENERIC_CATEGORIES

from .base import UnsupportedLanguage
from .clean import mask_boilerplate
from .dates import DATE_KINDS, DateMention, find_dates
from .language import detect_language
from .lexicon import CUE, PRONOUN, SAME_WEAPON, WEAPON, Lexicon, load_lexicon, supported_languages
from .mentions import Mention, find_mentions, with_short_forms
from .roles import (
    CONTEXT, DISTANT, MARKED, OBJECT, ORIGIN, SUBJECT, ActorMention, Frame, build_frames, first_word, gap_words,
    iter_actors, mark_actors, may_frame, owned_frames, points_back, possessor_of_a_thing, relative_clauses,
    serving_frames)
from .sentences import split_sentences
from .status import read_status

try:
    __version__ = version("geokg")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"

# How much each part of a reading costs in confidence; the README explains the scale.
BASE_CONFIDENCE = 0.95
SLOT_PENALTY = {MARKED: 0.0, SUBJECT: 0.0, OBJECT: 0.1, ORIGIN: 0.15, DISTANT: 0.2, CONTEXT: 0.25}
NOMINAL_PENALTY = 0.05
PASSIVE_PENALTY = 0.05
HEDGE_PENALTY = 0.2
GENERIC_PENALTY = 0.05
WEAK_TRIGGER_PENALTY = 0.1
RELATIVE_DATE_REACH = 12  # characters after "who", "yang" in which a date still opens the relative clause
NEWS_DAYS = 7  # how far before publication a weekday or day-month still names the news of the day
_SOURCE_RANK = {DateSource.EXPLICIT: 0, DateSource.STATEMENT: 1, DateSource.PUBLISHED: 2}
_PRECISION_RANK = {DatePrecision.DAY: 0, DatePrecision.MONTH: 1, DatePrecision.YEAR: 2, None: 3}


class RulesExtractor:
    """Rules over the lexicons in `extract/lexicons/`. `language=None` detects it per article."""

    name = f"geokg-rules/{__version__}"

    def __init__(self, language: str | None = None) -> None:
        if language is not None:
            load_lexicon(language)  # fail now, with advice, on an unknown language
        self.language = language

    def extract(self, article: Article) -> list[TransferEvent]:
        code = self.language or article.language or detect_language(article.text)
        if code is None or code not in supported_languages():
            raise UnsupportedLanguage(
                f"article {article.id!r}: language {code or 'unknown'!r} is not supported "
                f"(supported: {', '.join(supported_languages())}); pass --lang to force one")
        lexicon = load_lexicon(code)
        text = mask_boilerplate(article.text, lexicon)
        mentions = find_mentions(text, lexicon)
        mentions = with_short_forms(text, mentions)
        if lexicon.same_forms:  # a quick look first: most articles have no "the same system"
            lowered = text.lower()
            if any(form in lowered for form in lexicon.same_forms):
                mentions = _resolve_same_weapons(mentions)
        events: dict[tuple, TransferEvent] = {}
        # The last subject, for "It has given Kyiv ..."
        last_subject = _Latest(lambda ms: _subject(iter_actors(text, ms, lexicon, article.published), text, lexicon))
        statement: DateMention | None = None  # the last statement's date, for "He also said ..."
        statement_by: str | None = None  # and its speaker, when an actor
        listed_with_specific: set[tuple] = set()
        receivers: set[str] = set()  # recipients of clauses that named no sender
        last_named = _Latest(_last_named_system)  # for "The missile is in service with ..."
        group: list[ActorMention] = []  # the actors last named together, for "The three countries ..."
        background: set[tuple] = set()  # events read from holders ("in service with"), not told as transfers
        told_keys: set[tuple] = set()  # and those told as transfers, which no holder makes background
        held: set[tuple] = set()  # keys whose kept event was read from a holder of weapons made elsewhere
        unsent: list[tuple] = []  # frames with a sender and no recipient yet, with what _events() needs
        all_dates: list[DateMention] = []
        starts = [m.start for m in mentions]
        for start, end in split_sentences(text, lexicon.abbreviations):
            sentence_mentions = [m for m in mentions[bisect_left(starts, start):bisect_left(starts, end)]
                                 if m.end <= end]
            kinds = {m.kind for m in sentence_mentions}
            cue_mentions = [m for m in sentence_mentions if m.kind == CUE] if CUE in kinds else []
            speech = [m for m in cue_mentions if m.payload[0] == "speech"]
            subject, subject_read = None, False
            actors = [] if "actor" not in kinds else None  # None: build_frames marks them if it needs them
            owned = {"actor", "weapon", "marker"} <= kinds  # "flies French-supplied jets" needs no verb
            denial = any(m.payload[0] == "denied" for m in cue_mentions)
            if "actor" in kinds:
                # Frames need every actor. Otherwise only the subject is: now for a denial, which is the
                # subject's; for a later sentence's frames only when they come (last_subject).
                if owned or "trigger" in kinds and may_frame(sentence_mentions):
                    actors = mark_actors(text, sentence_mentions, lexicon, article.published)
                    subject, subject_read = _subject(actors, text, lexicon), True
                elif denial:
                    subject = _subject(iter_actors(text, sentence_mentions, lexicon, article.published), text, lexicon)
                    subject_read = True
            dates = []
            if "trigger" in kinds or owned or denial or speech or kinds & DATE_KINDS:  # else nothing to date
                dates = find_dates(text, sentence_mentions, lexicon, article.published, start, end,
                                   all_dates[-1] if all_dates else None)
                all_dates += dates
            # "He also said ...": the same statement, the same day; "UEA menyatakan ..." is another speaker's.
            inherited = False
            if speech and not dates and statement is not None:
                speaker = _speaker_of(text, speech[0], sentence_mentions, lexicon, article.published)
                inherited = speaker is None or speaker == statement_by
            if inherited:
                dates = [statement]
            elif speech and dates:
                said = _statement_date(dates, speech[0], sentence_mentions)
                if said is not None:
                    statement = said
                    statement_by = _speaker_of(text, speech[0], sentence_mentions, lexicon, article.published)
            serving = "actor" in kinds and any(m.payload[0] == "service" for m in cue_mentions)
            if "trigger" in kinds or owned or serving:
                antecedent = last_subject.get()  # for a pronoun ("It has given", "supplied it with", "Its")
                frames = build_frames(text, start, end, sentence_mentions, lexicon, article.published, antecedent,
                                      actors=actors, group=group) if "trigger" in kinds else []
                taken = {w.start for f in frames for w in f.weapons}
                if owned:
                    frames += owned_frames(text, start, end, sentence_mentions, lexicon, article.published,
                                           antecedent, taken, actors=actors)
                if serving:
                    if actors is None:
                        actors = mark_actors(text, sentence_mentions, lexicon, article.published)
                    frames += serving_frames(text, start, end, sentence_mentions, lexicon, actors, taken,
                                             last_named.get())
                walls = [f.trigger.start for f in frames]
                trigger_starts = [m.start for m in sentence_mentions if m.kind == "trigger"]
                for frame in frames:
                    if frame.sender is None or frame.recipient is None:  # else the story so far has nothing to add
                        # The story so far is what it told as transfers, not who holds what in the background.
                        told = [e for e in events.values() if e.key not in background] if background else list(
                            events.values())
                        _from_context(frame, told, lexicon, frames, receivers, text, cue_mentions, start)
                    if len(frame.senders) > 1 or len(frame.recipients) > 1:  # for "the three countries" later
                        group = frame.senders if len(frame.senders) > 1 else frame.recipients
                    if frame.recipient is not None and frame.sender is None and frame.kind.frame != "request":
                        receivers.add(frame.recipient.actor_id)
                    found = self._events(article, code, lexicon, frame, cue_mentions, trigger_starts, dates, start,
                                         end, inherited, walls)
                    if frame.sender is not None and frame.recipient is None and not frame.background \
                            and frame.sender_source in (SUBJECT, MARKED):  # a guessed sender guesses no further
                        unsent.append((frame, cue_mentions, trigger_starts, dates, start, end, inherited, walls))
                    if len({e.weapon.category in GENERIC_CATEGORIES for e in found}) == 2:
                        listed_with_specific.update(e.key for e in found)  # "weapons and ammunition"
                    if frame.background:
                        background.update(e.key for e in found if e.key not in told_keys)
                    else:
                        told_keys.update(e.key for e in found)
                        background.difference_update(told_keys)
                    for event in found:
                        key = event.key
                        kept = events.get(key)
                        # A transfer told outright outranks one read from who holds the weapons.
                        if kept is None or (frame.held, _rank(event)) < (key in held, _rank(kept)):
                            events[key] = event
                            if frame.held:
                                held.add(key)
                            else:
                                held.discard(key)
            if denial and subject is not None and not any(e.evidence.start == start for e in events.values()):
                for event in _denials(subject, events.values(), sentence_mentions, dates, text, start, end):
                    events.setdefault(event.key, event)
            if subject_read:
                last_subject.add(subject)
            elif "actor" in kinds:
                last_subject.add_unread(sentence_mentions)
            elif first_word(text, start, end) in lexicon.determiners:
                # "The army itself has leaned on foreign drones. It took delivery of ...": "it" is the army,
                # not the state named sentences before.
                last_subject.clear()
            if "weapon" in kinds:
                last_named.add_unread(sentence_mentions)
        for frame, *where in unsent:
            # "TAIPEI — The delivery of 42 Abrams tanks from the United States was completed": a sender whose
            # transfers the whole story sends to one recipient sent these there too.
            told = {e.recipient.id for e in events.values() if e.sender.id == frame.sender.actor_id
                    and e.key not in background}
            if frame.unknown_recipient:
                told = {r for r in told if lexicon.actors[r].kind is ActorKind.STATE} \
                    if frame.unknown_recipient == "state" else set()
            if len(told) == 1 and frame.sender.actor_id not in told:
                frame.recipient, frame.recipient_source = ActorMention(frame.trigger, told.pop()), CONTEXT
                for event in self._events(article, code, lexicon, frame, *where):
                    kept = events.get(event.key)
                    if kept is None or _better(event, kept):
                        events[event.key] = event
        if article.published is not None:
            news_days = [d for d in all_dates if d.precision == "day"
                         and 0 <= (article.published - Date.fromisoformat(d.value)).days <= NEWS_DAYS]
            events = {k: _dated_by_paragraph(e, text, news_days) for k, e in events.items()}
            events = {k: _dated_by_story(e, events.values(), text) for k, e in events.items()}
        kept = _drop_restated_generics(events.values(), listed_with_specific)
        return sorted(kept, key=lambda e: (e.evidence.start, e.id))

    def _events(self, article: Article, code: str, lexicon: Lexicon, frame: Frame, cue_mentions: list[Mention],
                trigger_starts: list[int], dates: list[DateMention], start: int, end: int, inherited: bool,
                walls: list[int]) -> list[TransferEvent]:
        """The events of one frame. Of the sentence's mentions only its cues and where its triggers start count
        here: they are taken once per sentence, not once per frame."""
        if frame.sender is None or frame.recipient is None:
            return []
        trig = frame.trigger
        window_start = frame.cue_start
        # A relative clause the trigger stands in starts its own window ("The F-16s will fill a gap left by a
        # fleet which was topped up by MiG-29s transferred by Slovakia"); one closed before it keeps its cues.
        open_at, skipped = relative_clauses(article.text, cue_mentions, window_start, trig.start)
        window_start = open_at or window_start
        cues = [m.payload[0] for m in cue_mentions if window_start <= m.start < trig.start
                and not any(lo <= m.start < hi for lo, hi in skipped)]
        # A denial governs the claim it introduces, whoever it names: "X membantah tuduhan bahwa Y memasok".
        cues += [m.payload[0] for m in cue_mentions if m.payload[0] == "denied" and start <= m.start < trig.start]
        # A refusal may open the clause before its subject ("kecil kemungkinan UEA membeli ..."), as long as no
        # other transfer word stands between it and the trigger.
        triggers_before = [t for t in trigger_starts if start <= t < trig.start]
        if any(m.payload[0] in ("refused", "not_transfer") for m in cue_mentions
               if m.payload[0] == "not_transfer" or window_start <= m.start < trig.start
               or start <= m.start < trig.start and not any(m.end <= t for t in triggers_before)):
            return []  # a refusal or a deployment is not a transfer claim
        if frame.requested:
            cues.append("requested")
        if frame.lent:
            cues.append(frame.lent)
        # A contract named anywhere in the trigger's clause makes a purchase an order ("bought ... under a deal
        # signed in February"): the one cue read on both sides.
        next_triggers = [t for t in trigger_starts if t > trig.start]
        window_end = min([end, *next_triggers])
        if frame.voice == "nominal":
            # A noun's status verb follows it: "the sale of F-16s ... was approved", "pengiriman ... dihentikan",
            # even when the verb is a trigger of its own; not past an attribution or a clause break ("tawaran
            # kapal selam ..., meski anggaran belum disetujui", "kata pejabat yang tidak bersedia disebutkan").
            stop = min([window_end, *(m.start for m in cue_mentions if m.start >= trig.end
                                      and m.payload[0] in ("speech", "clause_break"))])
            cues += [m.payload[0] for m in cue_mentions if trig.end <= m.start <= stop]
        if any(m.payload[0] == "contract" and window_start <= m.start < window_end for m in cue_mentions):
            cues.append("planned")
        # "Washington approved a request by Taipei for Harpoons": a request granted is a plan.
        granted = frame.kind.frame == "request" and frame.voice == "nominal" and any(
            m.text.lower() in lexicon.grant_verbs and m.end <= trig.start
            and len(gap_words(article.text, m.end, trig.start)) <= 2 for m in cue_mentions)
        status = Status.PLANNED.value if granted else read_status(frame.kind.frame, frame.kind.status, cues)
        # "..., a claim Pyongyang has denied": the claim stands as reported, and so does its denial.
        denied_after = status != "denied" and any(
            m.payload[0] == "denied" and trig.end <= m.start for m in cue_mentions)
        # "... planned to supply Yakhont missiles, but the plan was frozen": a stop after the theme, before any
        # other transfer word, ends this transfer; the claim that it was under way stands too.
        theme_end = max([trig.end, *(w.end for w in frame.weapons)])
        stop_after = status in ("planned", "delivered") and any(
            m.payload[0] == "cancelled" and theme_end <= m.start < window_end for m in cue_mentions)
        hedged = any(m.payload[0] == "hedge" for m in cue_mentions)
        agent = frame.agent.mention.start if frame.agent is not None and frame.agent.mention.end <= trig.start else None
        date, date_source = _pick_date(trig, dates, cue_mentions, walls, article.text, agent, lexicon.conjunctions)
        if inherited:  # the statement's day, for every clause of the sentence
            date, date_source = dates[0], DateSource.STATEMENT

        categories = [Category(weapon.payload[0]) for weapon in frame.weapons]
        by_category: dict[Category, list[str]] = {}
        for weapon, category in zip(frame.weapons, categories):
            by_category.setdefault(category, []).append(weapon.text)
        if len(by_category) > 1 and _umbrella(frame, cue_mentions):
            # "weapons, including rockets and missiles": the generic word only announces the list.
            by_category = {c: m for c, m in by_category.items() if c not in GENERIC_CATEGORIES} or by_category
        if Category.TECHNOLOGY in by_category and _technology_list(frame, cue_mentions):
            # "teknologi militer sensitif, termasuk teknologi satelit dan kapal selam bertenaga nuklir": what the
            # list names is what the know-how is for, not a second thing moved.
            by_category = {Category.TECHNOLOGY: by_category[Category.TECHNOLOGY]}
        # (sender id, recipient id, category) -> the words, so that a weapon with its own source or destination
        # keeps it.
        by_pair: dict[tuple[str, str, Category], list[str]] = {}
        senders, recipients = frame.senders, frame.recipients
        for weapon, category in zip(frame.weapons, categories):
            if category in by_category:
                for s, r in product(frame.weapon_senders.get(weapon.start, senders),
                                    frame.weapon_recipients.get(weapon.start, recipients)):
                    by_pair.setdefault((s.actor_id, r.actor_id, category), []).append(weapon.text)

        confidence = BASE_CONFIDENCE - SLOT_PENALTY[frame.sender_source] - SLOT_PENALTY[frame.recipient_source]
        confidence -= NOMINAL_PENALTY if frame.voice == "nominal" else 0.0
        confidence -= PASSIVE_PENALTY if frame.voice == "passive" else 0.0
        confidence -= HEDGE_PENALTY if hedged else 0.0
        confidence -= WEAK_TRIGGER_PENALTY if frame.kind.weak else 0.0
        evidence = Evidence(article_id=article.id, sentence=article.text[start:end], start=start, end=end,
                            url=article.url, title=article.title, published=article.published, language=code)
        events = []
        date_fields = _date_fields(date, date_source, article.published)
        statuses = [status, *(["denied"] if denied_after else []), *(["cancelled"] if stop_after else [])]
        for ((sender_id, recipient_id, category), words), status in product(by_pair.items(), statuses):
            if sender_id == recipient_id:
                continue
            sender, recipient = lexicon.actors[sender_id], lexicon.actors[recipient_id]
            c = confidence - (GENERIC_PENALTY if category in GENERIC_CATEGORIES else 0.0)
            events.append(TransferEvent(
                id=event_id(article.id, sender.id, recipient.id, category.value, status),
                sender=sender, recipient=recipient,
                weapon=Weapon(category=category, mention=", ".join(dict.fromkeys(words))),
                status=status,
                **date_fields,
                confidence=round(min(max(c, 0.05), 0.99), 2),
                evidence=evidence, extractor=self.name))
        return events


def _subject(actors: Iterable[ActorMention], text: str = "", lexicon: Lexicon | None = None
             ) -> ActorMention | None:
    """A sentence's subject: its first actor with no marker that is not a demonym, from mark_actors() or
    iter_actors(), which then marks only as far as the subject. A possessor of a thing that is no party ("Since
    the start of Russia's invasion, the Netherlands has sent ...") is not it; of an organ ("Russia's defence
    ministry said") it is."""
    for a in actors:
        if a.marker is None and not a.demonym and not (lexicon is not None and possessor_of_a_thing(text, a, lexicon)):
            return a
    return None


def _last_named_system(mentions: list[Mention]) -> Mention | None:
    return next((m for m in reversed(mentions) if m.kind == WEAPON and m.payload[2]), None)


class _Latest:
    """The last of something the article named before the current sentence (the last subject, the last named
    system), read only when a sentence asks for it: most sentences are never asked about, so they are kept
    unread and read the latest first. `read` finds it in a sentence's mentions, or gives None."""

    def __init__(self, read: Callable[[list[Mention]], Any]) -> None:
        self.read = read
        self.value = None
        self.unread: list[list[Mention]] = []  # sentences after the value's, not read yet

    def add(self, value: Any) -> None:
        """What a sentence read already holds (None: nothing, and the last value stands)."""
        if value is not None:
            self.value = value
            self.unread.clear()

    def clear(self) -> None:
        self.value = None
        self.unread.clear()

    def add_unread(self, mentions: list[Mention]) -> None:
        self.unread.append(mentions)

    def get(self) -> Any:
        while self.unread:
            self.add(self.read(self.unread.pop()))
        return self.value


def _resolve_same_weapons(mentions: list[Mention]) -> list[Mention]:
    """"Latvia and Lithuania have ordered the same system": a weapon word of category `same` stands for the last
    named system before it (maker included), else the last specific weapon word; with neither, it is dropped."""
    if not any(m.kind == WEAPON and m.payload[0] == SAME_WEAPON for m in mentions):
        return mentions
    resolved, named, specific = [], None, None
    for m in mentions:
        if m.kind == WEAPON and m.payload[0] == SAME_WEAPON:
            last = named or specific
            if last is None:
                continue
            m = Mention(WEAPON, m.start, m.end, m.text, last.payload)
        elif m.kind == WEAPON and m.payload[2]:
            named = m
        elif m.kind == WEAPON and m.payload[0] not in GENERIC_CATEGORIES:
            specific = m
        resolved.append(m)
    return resolved


def _from_context(frame: Frame, earlier: Iterable[TransferEvent], lexicon: Lexicon, siblings: list[Frame],
                  receivers: Iterable[str] = (), text: str = "", cues: list[Mention] = (),
                  sentence_start: int | None = None) -> None:
    """A clause that names one side leaves the other to the story so far.

    - "Berlin has already handed over PzH 2000 howitzers" after Berlin's earlier transfers to Ukraine: the
      recipient is filled when this sender's earlier events in the article all went to one recipient, or, for a
      sender new to the story, when all earlier events did. Before any event, the receivers named so far by
      clauses without a sender count ("Myanmar's military has imported weapons ... Russian entities had
      supplied Su-30 jets").
    - "Poland has taken delivery of K9 howitzers": the sender is the state that makes every named system in the
      clause, unless a later clause of the sentence names a sender ("received Leopard 2s promised by Poland"),
      short of a clause break ("…, while Italy got SAMP/T launchers from France" stops nothing). An earlier one
      does not stop it: "…, while Romania will be sent K9 howitzers" are still Korean.
    - "In return (`in_return`), Moscow has supplied food": the recipient is whoever sent to Moscow earlier in the
      story.
    """
    earlier = list(earlier)
    in_return = any(m.payload[0] == "in_return" for m in cues)
    breaks = [m.start for m in cues if m.payload[0] == "clause_break"]
    if frame.sender is None and frame.recipient is None:
        # "Pengiriman itu disertai peluncur IRIS-T": a transfer noun that points back is the last transfer told.
        # Only for what it adds: "pembelian tersebut merupakan bagian dari program modernisasi alutsista" adds
        # nothing. "Three more jets are due to arrive next year": weapons arriving with no party named arrive in
        # a story about one pair.
        pairs = {(e.sender.id, e.recipient.id) for e in earlier}
        # "The package also includes Hellfire missiles": a transfer noun opening the sentence, with what it
        # includes, is the last told.
        opening = gap_words(text, sentence_start, frame.trigger.start) if sentence_start is not None else None
        opens = opening is not None and len(opening) <= 1 and all(w in lexicon.determiners for w in opening) \
            and any(m.payload[0] == "inclusion" and m.start >= frame.trigger.end for m in cues)
        if earlier and frame.voice == "nominal" and (points_back(text, frame.trigger, lexicon) or opens) and any(
                w.payload[0] not in GENERIC_CATEGORIES for w in frame.weapons):
            last = max(earlier, key=lambda e: e.evidence.start)
            frame.sender = ActorMention(frame.trigger, last.sender.id)
            frame.recipient = ActorMention(frame.trigger, last.recipient.id)
            frame.sender_source = frame.recipient_source = CONTEXT
        elif len(pairs) == 1 and frame.voice == "passive" and (frame.kind.frame == "receive" or (
                frame.kind.frame == "give" and {w.payload[3] for w in frame.weapons if w.payload[2]
                                                and len(w.payload) > 3} == {next(iter(pairs))[0]})):
            # "The first two TB3s were handed over at a ceremony": handed over by their maker, the story's sender.
            sender, recipient = pairs.pop()
            frame.sender, frame.recipient = ActorMention(frame.trigger, sender), ActorMention(frame.trigger, recipient)
            frame.sender_source = frame.recipient_source = CONTEXT
    elif frame.sender is not None and frame.recipient is None and not (
            frame.unknown_subject and frame.kind.frame == "receive"):
        # "In return, Moscow has supplied food": to whoever sent to Moscow.
        returned = {e.sender.id for e in earlier if e.recipient.id == frame.sender.actor_id} if in_return else set()
        recipients = returned or {e.recipient.id for e in earlier if e.sender.id == frame.sender.actor_id} or {
            e.recipient.id for e in earlier} or set(receivers)  # a new sender in a story about one recipient
        recipients.discard(frame.sender.actor_id)
        if frame.unknown_recipient:  # "delivered to the army": a state's army, not the story's armed group
            recipients = {r for r in recipients if lexicon.actors[r].kind is ActorKind.STATE} \
                if frame.unknown_recipient == "state" else set()
        if len(recipients) == 1:
            frame.recipient = ActorMention(frame.trigger, recipients.pop())
            frame.recipient_source = CONTEXT
    elif frame.recipient is not None and frame.sender is None and not any(
            f.sender for f in siblings if f.trigger.start > frame.trigger.start
            and not any(frame.trigger.end <= b < f.trigger.start for b in breaks)):
        # A named system's maker: the story's earlier senders proved a worse guess on the dev set ("took
        # delivery of Bayraktar TB2s" in a story about Russian aircraft). The named systems must share one maker;
        # generic words beside them ("ATACMS missiles and GMLRS guided rockets for the launchers") say nothing.
        # Only generic weapons received in a story whose every earlier transfer came from one sender came from it.
        senders = {w.payload[3] if len(w.payload) > 3 else None for w in frame.weapons if w.payload[2]}
        if not senders:
            # "Poland, whose army took delivery of Chunmoo launchers from South Korea, signed a second contract for
            # rocket ammunition": the sentence's earlier source for this recipient.
            senders = {f.sender.actor_id for f in siblings if f.trigger.start < frame.trigger.start
                       and f.sender is not None and f.recipient is not None
                       and f.recipient.actor_id == frame.recipient.actor_id} \
                if frame.kind.frame in ("receive", "contract") else set()
        if not senders and frame.kind.frame == "receive" and not any(w.payload[2] for w in frame.weapons):
            # "Bangladesh dan Fiji menerima kapal patroli" in a story where every transfer so far came from Japan.
            told = {e.sender.id for e in earlier}
            if len(told) == 1 and len(earlier) >= 2 and told != {frame.recipient.actor_id}:
                senders = told
        if len(senders) == 1 and (sender := senders.pop()) in lexicon.actors:
            others = [r for r in frame.recipients if r.actor_id != sender]
            if len(others) == len(frame.recipients):
                frame.sender, frame.sender_source = ActorMention(frame.trigger, sender), CONTEXT
            elif others:
                # "Indonesia dan Prancis meneken nota kesepahaman untuk pengadaan kapal selam Scorpene": of two
                # parties named together, the maker is the seller.
                maker = next(r for r in frame.recipients if r.actor_id == sender)
                frame.sender, frame.sender_source = maker, frame.recipient_source
                frame.recipient, frame.co_recipients = others[0], others[1:]


def _denials(denier: ActorMention, earlier: Iterable[TransferEvent], mentions: list[Mention],
             dates: list[DateMention], text: str, start: int, end: int) -> list[TransferEvent]:
    """"Iran membantah tuduhan tersebut", "Moscow denied the allegations": a denial with no transfer of its own,
    by an actor who is a party to the article's earlier claims, denies those claims. The sentence must point
    back at them (a claim word or a weapon), so that "Russia denied it was losing ground" denies nothing."""
    cue = next(m for m in mentions if m.kind == CUE and m.payload[0] == "denied")
    if denier.mention.end > cue.start or not any(
            m.kind == WEAPON or m.kind == CUE and m.payload[0] in ("claim", "hedge") for m in mentions
            if m.start >= cue.end):  # "tuduhan" is both a claim and, before a verb, a hedge
        return []
    date, source = _pick_date(cue, dates, mentions)
    # "membantah adanya pengiriman drone itu" denies the drones, not the jets told before.
    named = {m.payload[0] for m in mentions if m.kind == WEAPON and m.start >= cue.end} - GENERIC_CATEGORIES
    denied = []
    for event in earlier:
        if denier.actor_id not in (event.sender.id, event.recipient.id) or event.status in (
                Status.DENIED, Status.CANCELLED, Status.REQUESTED) or named and event.weapon.category not in named:
            continue
        evidence = event.evidence.model_copy(update={"sentence": text[start:end], "start": start, "end": end})
        update = {"status": Status.DENIED, "evidence": evidence,
                  "confidence": round(max(event.confidence - SLOT_PENALTY[CONTEXT], 0.05), 2),
                  "id": event_id(event.evidence.article_id, event.sender.id, event.recipient.id,
                                 event.weapon.category.value, "denied")}
        # Denied when said; with no date in the sentence, when reported, not when the claim says it happened.
        update.update(_date_fields(date, source, event.evidence.published))
        denied.append(event.model_copy(update=update))
    return denied


def _dated_by_paragraph(event: TransferEvent, text: str, news_days: list[DateMention]) -> TransferEvent:
    """A lead sentence often leaves the day to the next one ("Indonesia resmi memesan 42 Rafale. Kontrak ...
    ditandatangani ..., Kamis (10/2/2022)."): an event dated only by publication takes the nearest day of the
    news (within a week before publication) from its own paragraph, as the statement's date. A denial is a
    statement of its own: only a day after it can be its day ("Iran membantah ... Bantahan itu disampaikan ...,
    Senin (17/10)"); the day of the claim before it is not."""
    if event.date_source is not DateSource.PUBLISHED:
        return event
    start, end = event.evidence.start, event.evidence.end
    para_start = text.rfind("\n\n", 0, start) + 1
    para_end = text.find("\n\n", end)
    para_end = len(text) if para_end == -1 else para_end
    inside = [d for d in news_days if para_start <= d.start and d.end <= para_end
              and (event.status is not Status.DENIED or d.start >= end)]
    if not inside:
        return event
    best = min(inside, key=lambda d: min(abs(d.start - end), abs(start - d.end)))
    return event.model_copy(update={"date": best.value, "date_precision": DatePrecision.DAY,
                                    "date_source": DateSource.STATEMENT, "date_text": best.text})


def _date_fields(date: DateMention | None, source: DateSource | None, published: Date | None) -> dict:
    """An event's date fields: the date read for it, else the publication day."""
    if date is not None:
        return {"date": date.value, "date_precision": DatePrecision(date.precision), "date_source": source,
                "date_text": date.text}
    return {"date": published.isoformat() if published else None, "date_text": None,
            "date_precision": DatePrecision.DAY if published else None,
            "date_source": DateSource.PUBLISHED if published else None}


def _dated_by_story(event: TransferEvent, events: Iterable[TransferEvent], text: str) -> TransferEvent:
    """"Paket bantuan AS untuk Ukraina tersebut mencakup ...": a later sentence that only details a transfer
    the sentence before dated takes that date, when it has none of its own: an event of the same sender,
    recipient and status dated by the text, in the sentence just before."""
    if event.date_source is not DateSource.PUBLISHED:
        return event
    earlier = [e for e in events if e.evidence.end <= event.evidence.start and e.status == event.status
               and not text[e.evidence.end:event.evidence.start].strip()  # the sentence just before
               and (e.sender.id, e.recipient.id) == (event.sender.id, event.recipient.id)
               and e.date_source in (DateSource.EXPLICIT, DateSource.STATEMENT)]
    if not earlier:
        return event
    source = max(earlier, key=lambda e: e.evidence.start)
    return event.model_copy(update={"date": source.date, "date_precision": source.date_precision,
                                    "date_source": DateSource.STATEMENT, "date_text": source.date_text})


def _speaker_of(text: str, speech: Mention, mentions: list[Mention], lexicon: Lexicon, on: Date | None
                ) -> str | None:
    """Who makes the statement: the actor before the speech verb ("Iran said"), or None for a pronoun ("He also
    said"), a quote, or a speaker no lexicon knows ("Andrews said")."""
    before = [m for m in mentions if m.end <= speech.start]
    if not before or before[0].kind == PRONOUN:
        return None
    return next((a.actor_id for a in iter_actors(text, before, lexicon, on) if a.marker is None), None)


def _umbrella(frame: Frame, mentions: list[Mention]) -> bool:
    """Whether the frame's generic weapon word introduces its specific ones ("senjata, termasuk roket") rather
    than standing beside them ("weapons and ammunition")."""
    generic = [w for w in frame.weapons if Category(w.payload[0]) in GENERIC_CATEGORIES]
    return any(m.kind == CUE and m.payload[0] == "inclusion" and g.end <= m.start for g in generic
               for m in mentions) or all(g.start > frame.trigger.start and any(
                   w.end <= g.start for w in frame.weapons if w not in generic) for g in generic)


def _technology_list(frame: Frame, mentions: list[Mention]) -> bool:
    """Whether the frame's first weapon is technology and an inclusion cue after it opens the rest of its list
    ("military technology, including satellite and submarine know-how")."""
    first, rest = frame.weapons[0], frame.weapons[1:]
    return first.payload[0] == Category.TECHNOLOGY.value and bool(rest) and any(
        m.kind == CUE and m.payload[0] == "inclusion" and first.end <= m.start and m.end <= rest[0].start
        for m in mentions)


def _statement_date(dates: list[DateMention], speech: Mention, mentions: list[Mention]) -> DateMention | None:
    """When a statement was made: the first date after its speech verb ("said on Monday"), else a date before
    it with no transfer word between ("On Monday, the US said"). A bare year never dates a statement: in "Panel
    itu menyebut kedua kelompok bertemu dua kali tahun ini" it dates what was said."""
    dates = [d for d in dates if d.precision != "year"]
    after = [d for d in dates if d.start >= speech.end]
    if after:
        return after[0]
    before = [d for d in dates if d.end <= speech.start and not any(
        m.kind == "trigger" and d.end <= m.start < speech.start for m in mentions)]
    return before[-1] if before else None


def _drop_restated_generics(events, listed_with_specific: set[tuple]) -> list[TransferEvent]:
    """"Weapons" between a pair that the article also names specifically ("Rafale ... the arms purchase") is
    the same transfer said vaguely: keep the specific one, unless the generic word stood beside specific ones
    in its own clause ("weapons and ammunition"). A denial of "weapons" denies more than the specific claims
    ("Iran has never sent weapons to the Houthis"), so it stays."""
    specific = {(e.sender.id, e.recipient.id, e.status) for e in events
                if e.weapon.category not in GENERIC_CATEGORIES}
    return [e for e in events if e.weapon.category not in GENERIC_CATEGORIES or e.key in listed_with_specific
            or (e.sender.id, e.recipient.id, e.status) not in specific or e.status is Status.DENIED]


def _pick_date(trigger: Mention, dates: list[DateMention], mentions: list[Mention], walls: list[int] = (),
               text: str = "", subject: int | None = None, conjunctions: frozenset[str] = frozenset()
               ) -> tuple[DateMention | None, DateSource | None]:
    """The date nearest the trigger: explicit when nothing stands between them, statement when a speech verb
    does ("..., said a spokesman on Monday")."""
    speech = [m.start for m in mentions if m.kind == CUE and m.payload[0] == "speech"]
    # A date in another clause dates that clause: past another frame's trigger (`walls`: "received X, while Y
    # is due by the end of the year"), or opening a relative clause after the trigger ("to the Houthis, who since
    # November have attacked ..."; but "to Wagner, which Moscow backs, in November 2022" dates the transfer).
    walls = [w for w in walls if w != trigger.start]
    relatives = [m.end for m in mentions if m.kind == CUE and m.payload[0] == "clause" and m.start > trigger.end]
    # "India, which has been Armenia's largest supplier since 2020, has shipped ...": a relative clause closed
    # before the trigger keeps its date.
    closed = relative_clauses(text, mentions, 0, trigger.start)[1] if text else []
    # "mendapatkan HQ-9 untuk menggantikan sistem yang hancur dalam perang pada Juni lalu": a date past a clause
    # break after the trigger dates that clause; "before the end of the year" is a date of its own.
    breaks = [m for m in mentions if m.kind == CUE and m.payload[0] == "clause_break" and m.start >= trigger.end]
    best = None
    for d in dates:
        if any(b.end < d.start and len(gap_words(text, b.end, d.start)) > 1 for b in breaks):
            continue
        lo, hi = sorted((d.end, trigger.start) if d.end <= trigger.start else (trigger.end, d.start))
        if subject is not None and d.end <= subject and any(w < d.start for w in walls) and any(
                w in conjunctions for w in gap_words(text, d.end, subject)):
            continue  # "Germany delivered one in August, and Spain has sent launchers": Germany's August
        if d.end <= trigger.start and any(w < d.start for w in walls) and _comma_conjunction(
                gap_words(text, d.end, trigger.start), conjunctions):
            continue  # "the tanks Germany pledged on January 25, and the Leopards promised by Poland"
        if any(lo <= w < hi for w in walls) or any(
                lo <= r <= d.start and d.start - r <= RELATIVE_DATE_REACH for r in relatives) or any(
                c <= d.start and d.end <= comma for c, comma in closed):
            continue
        source = DateSource.STATEMENT if any(lo <= s < hi for s in speech) else DateSource.EXPLICIT
        rank = (_SOURCE_RANK[source], hi - lo)
        if best is None or rank < best[0]:
            best = (rank, d, source)
    return (best[1], best[2]) if best else (None, None)


def _comma_conjunction(words: list[str], conjunctions: frozenset[str]) -> bool:
    """Whether a comma followed by a conjunction (", and", ", dan") stands among the words."""
    return any(a == "," and b in conjunctions for a, b in zip(words, words[1:]))


def _rank(e: TransferEvent) -> tuple:
    """Within one article the same claim keeps its most explicit, most precise, most confident reading."""
    return (_SOURCE_RANK.get(e.date_source, 3), _PRECISION_RANK[e.date_precision], -e.confidence)


def _better(new: TransferEvent, old: TransferEvent) -> bool:
    return _rank(new) < _rank(old)
