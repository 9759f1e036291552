"""N-Triples and N-Quads, written as the statements come: constant memory for any number of events.

rdflib holds a whole Graph in memory (about 0.9 GB and 23 s per million triples here) and a million events are
some 20 million triples, so large exports and pushes to triple stores go through this writer. It writes the very
statements `rdf.statements()` gives the rdflib path, so both hold the same triples (tests/test_rdf.py checks it,
and checks the output with Debian's `rapper` too).

Only what N-Triples 1.1 requires is escaped in literals: backslash, double quote, line feed and carriage return;
everything else is written as UTF-8. IRIs need no escaping: geokg mints them percent-encoded (rdf.segment).

>>> from geokg.graph.examples import example_event
>>> lines = list(ntriples_lines(statements([example_event("PRK", "RUS", "missiles")])))
>>> lines[0]
'<https://w3id.org/geokg/id/event/PRK/RUS/missiles/delivered/2022-11> \
<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/geokg/ontology#TransferEvent> .\\n'
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path

from geokg.graph import EventGraph, TransferEvent

from .atomic import atomic_open
from .rdf import ExtractedAt, Statement, export_events, statement_chunks, statements
from .vocab import DEFAULT_BASE_IRI

_NEEDS_ESCAPE = re.compile(r'[\\"\n\r]')


def _escape(text: str) -> str:
    if _NEEDS_ESCAPE.search(text) is None:  # most literals: one C-level scan, no copy
        return text
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")


def ntriples_lines(stream: Iterable[Statement], quads: bool = False) -> Iterator[str]:
    """One line per statement, as they come: N-Triples, or N-Quads (the graph name kept) when `quads`."""
    statements_left = iter(stream)
    while chunk := list(islice(statements_left, 1000)):
        yield from _lines(chunk, quads)


def _lines(chunk: list[Statement], quads: bool) -> list[str]:
    needs_escape = _NEEDS_ESCAPE.search  # checked here, not in a call per literal: a million events have 9 million
    out = []
    append = out.append
    for s, p, o, g in chunk:
        if o.__class__ is tuple:
            lexical, datatype, language = o
            if needs_escape(lexical) is not None:
                lexical = _escape(lexical)
            if language:
                obj = f'"{lexical}"@{language}'
            elif datatype:
                obj = f'"{lexical}"^^<{datatype}>'
            else:
                obj = f'"{lexical}"'
        else:
            obj = f"<{o}>"
        if quads and g is not None:
            append(f"<{s}> <{p}> {obj} <{g}> .\n")
        else:
            append(f"<{s}> <{p}> {obj} .\n")
    return out


def ntriples_batches(source: EventGraph | Iterable[TransferEvent], *, quads: bool = False,
                     base_iri: str = DEFAULT_BASE_IRI, extracted_at: ExtractedAt = None, with_ontology: bool = False,
                     evidence: bool = True, batch_lines: int = 10_000) -> Iterator[tuple[str, int]]:
    """The export as text in pieces of about `batch_lines` lines: (text, number of lines). Memory stays
    constant: a piece is dropped once its consumer (a file, an HTTP request) has it. `evidence=False`: without
    the reports (see `rdf.statements`)."""
    lines: list[str] = []
    for chunk in statement_chunks(export_events(source), base_iri, extracted_at, with_ontology, evidence):
        lines += _lines(chunk, quads)
        if len(lines) >= batch_lines:
            yield "".join(lines), len(lines)
            lines = []
    if lines:
        yield "".join(lines), len(lines)


def write_ntriples(source: EventGraph | Iterable[TransferEvent], path: str | Path, *, quads: bool = False,
                   base_iri: str = DEFAULT_BASE_IRI, extracted_at: ExtractedAt = None,
                   with_ontology: bool = False) -> int:
    """Write N-Triples (or N-Quads when `quads`) to `path` atomically; returns the number of lines written.

    `source`: an EventGraph, or merged events as an iterable (see `rdf.export_events`), read one at a time.
    """
    written = 0
    with atomic_open(path) as out:
        for text, n in ntriples_batches(source, quads=quads, base_iri=base_iri, extracted_at=extracted_at,
                                        with_ontology=with_ontology):
            out.write(text)
            written += n
    return written
