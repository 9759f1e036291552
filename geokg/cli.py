"""The `geokg` command: a thin layer over geokg.api, geokg.extract, geokg.graph and geokg.export.

Exit codes: 0 all went well, 1 some inputs had problems (each named on stderr; the rest was processed),
2 the command itself was wrong (unknown option, bad date).
"""
from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

from geokg.export import write_html, write_jsonl, write_rdf
from geokg.export.jsonl import event_json
from geokg.extract.lexicon import supported_languages
from geokg.graph import Article, EventGraph, TransferEvent, event_schema

from .api import extract_paths

EXIT_OK, EXIT_PARTIAL, EXIT_USAGE = 0, 1, 2
SEEDS = Path(__file__).resolve().parent.parent / "seeds"


class _Formatter(argparse.RawDescriptionHelpFormatter, argparse.ArgumentDefaultsHelpFormatter):
    pass


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date; write it as YYYY-MM-DD") from None


def _language(text: str) -> str | None:
    if text == "auto":
        return None
    if text not in supported_languages():
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a supported language; choose auto or one of {', '.join(supported_languages())}")
    return text


def _report(problems) -> int:
    for problem in problems:
        print(f"geokg: {problem}", file=sys.stderr)
    return EXIT_PARTIAL if problems else EXIT_OK


def _print_table(events: list[TransferEvent]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table("sender", "recipient", "category", "mention", "status", "date", "conf.", "article")
    for e in events:
        table.add_row(e.sender.name, e.recipient.name, e.weapon.category.value, e.weapon.mention, e.status.value,
                      e.date or "", f"{e.confidence:.2f}", e.evidence.article_id)
    Console(width=None if sys.stdout.isatty() else 200).print(table)  # piped: do not squeeze to 80


def cmd_extract(args: argparse.Namespace) -> int:
    events, problems = extract_paths(args.paths, language=args.lang, published=args.published,
                                     workers=args.workers)
    if args.unresolved:
        from geokg.export.atomic import atomic_write
        from geokg.extract import read_paths
        from geokg.extract.unresolved import unresolved_mentions, unresolved_tsv

        articles = [a for a in read_paths(args.paths, published=args.published) if isinstance(a, Article)]
        found = unresolved_mentions(articles)
        atomic_write(args.unresolved, unresolved_tsv(found))
        print(f"geokg: {len(found)} unresolved names near triggers written to {args.unresolved}", file=sys.stderr)
    if args.format == "jsonl":
        sys.stdout.writelines(event_json(e) + "\n" for e in events)
    elif args.format == "json":
        json.dump([e.model_dump(mode="json", exclude_none=True) for e in events], sys.stdout,
                  ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        _print_table(events)
    return _report(problems)


def cmd_build(args: argparse.Namespace) -> int:
    inputs = args.inputs or [SEEDS]
    if not args.inputs and not SEEDS.is_dir():
        print(f"geokg: no input given and no seeds/ folder at {SEEDS}; pass article files or folders",
              file=sys.stderr)
        return EXIT_USAGE
    events, problems = extract_paths(inputs, language=args.lang)
    graph = EventGraph(events)
    out = Path(args.out)
    written = [write_jsonl(graph.events(), out / "events.jsonl"), write_rdf(graph, out / "graph.ttl"),
               write_html(graph, out / "graph.html")]
    articles = len({e.evidence.article_id for e in graph.events()})
    print(f"{graph.number_of_events()} events, {graph.number_of_actors()} actors, from {articles} articles")
    for sender, recipient, count in graph.top_pairs(5):
        print(f"  {graph.actor(sender).name} -> {graph.actor(recipient).name}: {count}")
    for path in written:
        print(f"wrote {path}")
    return _report(problems)


def cmd_eval(args: argparse.Namespace) -> int:
    from geokg.extract import read_paths
    from geokg.extract.evaluate import read_gold, score

    try:
        gold = read_gold(args.gold)
    except (OSError, ValueError, KeyError) as err:
        print(f"geokg: cannot read gold file {args.gold}: {err}", file=sys.stderr)
        return EXIT_USAGE
    items = list(read_paths([args.articles]))
    articles = [a for a in items if isinstance(a, Article)]
    problems = [p for p in items if not isinstance(p, Article)]
    events, extract_problems = extract_paths([], language=args.lang, articles=articles)
    scores = score(articles, events, gold, by_language=args.by_language)
    columns = ("articles", "precision", "recall", "f1", "status_accuracy", "date_accuracy", "direction_swaps",
               "distractors", "distractor_events")
    print("slice  " + "  ".join(c.replace("_accuracy", "_acc") for c in columns))
    for name in ["all"] + sorted(k for k in scores if k != "all"):
        summary = scores[name].summary()
        print(f"{name:<6} " + "  ".join(f"{summary[c]:>{len(c.replace('_accuracy', '_acc'))}}" for c in columns))
    bands = scores["all"].precision_by_confidence()
    print("precision by confidence: " + "  ".join(f"{band}: {p:.2f} ({n})" for band, n, p in bands))
    if args.show_errors:
        result = scores["all"]
        for title, lines in (("missed", result.misses), ("extra", result.extras),
                             ("wrong status or date", result.wrong)):
            print(f"\n{title} ({len(lines)}):")
            for line in lines:
                print("  " + line)
    return _report(problems + extract_problems)


def cmd_schema(args: argparse.Namespace) -> int:
    json.dump(event_schema(), sys.stdout, indent=2)
    sys.stdout.write("\n")
    return EXIT_OK


class _UsageError(Exception):
    """A command line that cannot be carried out as written; the message says what to do instead."""


def _partial_date(text: str) -> str:
    parts = text.split("-")
    if not (len(parts) <= 3 and len(parts[0]) == 4 and all(len(p) == 2 for p in parts[1:])
            and all(p.isdigit() for p in parts)):
        raise argparse.ArgumentTypeError(f"{text!r} is not a date; write it as YYYY, YYYY-MM or YYYY-MM-DD")
    return text


def _confidence(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 <= value <= 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a confidence; give a number from 0 to 1, such as 0.7")
    return value


def _megabytes(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if value <= 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a size; give megabytes as a number, such as 5 or 0.5")
    return value


QUERY_FILTERS = ("sender", "recipient", "category", "status", "since", "until", "min_confidence")


def _add_query_filters(parser: argparse.ArgumentParser) -> None:
    from geokg.graph import Category, Status

    group = parser.add_argument_group("query filters (an event must match every filter given)")
    group.add_argument("--sender", metavar="ACTOR", help="actor id or name, such as PRK or 'North Korea'")
    group.add_argument("--recipient", metavar="ACTOR", help="actor id or name, such as wagner-group")
    group.add_argument("--category", choices=[c.value for c in Category], metavar="CATEGORY",
                       help="weapon category: " + ", ".join(c.value for c in Category))
    group.add_argument("--status", choices=[s.value for s in Status], metavar="STATUS",
                       help="status: " + ", ".join(s.value for s in Status))
    group.add_argument("--since", type=_partial_date, metavar="DATE", help="dated on or after (YYYY[-MM[-DD]])")
    group.add_argument("--until", type=_partial_date, metavar="DATE", help="dated on or before (YYYY[-MM[-DD]])")
    group.add_argument("--min-confidence", type=_confidence, metavar="X", help="at least this sure (0 to 1)")


def _actor_id(graph: EventGraph, text: str) -> str:
    """The id of the actor named `text` by id or by name, in any case."""
    actors = graph.actors()
    for actor in actors:
        if text == actor.id or text.casefold() in (actor.id.casefold(), actor.name.casefold()):
            return actor.id
    examples = ", ".join(sorted(a.id for a in actors)[:4]) or "PRK, RUS"
    raise _UsageError(f"no actor {text!r} in this graph; give an actor id (such as {examples}) or its full name")


def _export_graph(args: argparse.Namespace) -> tuple[EventGraph, list]:
    """The graph an export writes: extracted from the INPUTs, or else opened from the store; then filtered."""
    from .api import DEFAULT_DB

    if args.inputs and args.db:
        raise _UsageError("give article INPUTs or --db, not both")
    problems: list = []
    if args.inputs:
        events, problems = extract_paths(args.inputs, language=args.lang)
        graph = EventGraph(events)
    else:
        from geokg import open as open_store
        from geokg.graph.store import StoreError

        try:
            graph = open_store(args.db or DEFAULT_DB)
        except StoreError as err:
            raise _UsageError(f"{err}; or give article files or folders to read instead") from None
    filters = {name: getattr(args, name) for name in QUERY_FILTERS if getattr(args, name) is not None}
    for role in ("sender", "recipient"):
        if role in filters:
            filters[role] = _actor_id(graph, filters[role])
    return (graph.filtered(**filters) if filters else graph), problems


def cmd_export_html(args: argparse.Namespace) -> int:
    from geokg.export.atomic import atomic_write
    from geokg.export.html import TITLE, render_page

    try:
        graph, problems = _export_graph(args)
    except _UsageError as err:
        print(f"geokg: {err}", file=sys.stderr)
        return EXIT_USAGE
    # The title says what was filtered, so a page read weeks later still tells what it shows.
    chosen = [f"{name.replace('_', ' ')} {getattr(args, name)}" for name in QUERY_FILTERS
              if getattr(args, name) is not None]
    title = args.title or TITLE + (f" ({', '.join(chosen)})" if chosen else "")
    page = render_page(graph, title, int(args.max_mb * 1_000_000))
    path = atomic_write(args.output, page.html)
    print(f"wrote {path}: {graph.number_of_events():,} events, {graph.number_of_actors():,} actors, "
          f"{page.size / 1e6:.1f} MB; open it in any browser, it works offline")
    if not graph.number_of_events():
        print("geokg: no events match; the page is empty. Loosen the filters, or check the store with another "
              "--db", file=sys.stderr)
    elif page.detailed < page.events:
        print(f"geokg: the page lists sentences and sources for {page.detailed:,} of {page.events:,} events (each "
              f"pair's strongest first) to stay under {args.max_mb:g} MB; for all of them, narrow it with --sender, "
              "--since and the other filters, or raise --max-mb", file=sys.stderr)
    return _report(problems)


def _add_lang(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lang", type=_language, default=None, metavar="auto|" + "|".join(supported_languages()),
                        help="language of the articles (default: the record's own, else detected per article)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="geokg", formatter_class=_Formatter,
        description="Arms-transfer events from news articles, as a graph, RDF and interactive HTML.",
        epilog="examples:\n  geokg build                      # the seed articles -> out/\n"
               "  geokg extract article.txt --published 2023-06-13\n  geokg schema")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser(
        "extract", formatter_class=_Formatter, help="print the events found in articles",
        description="Read articles and print their arms-transfer events.\n\n"
                    "Inputs: .txt (with an optional <name>.meta.json beside it), .html, .json and .jsonl article\n"
                    "records (id, title, text, published, url, language), folders, and - for stdin.",
        epilog="examples:\n  geokg extract seeds/kontan-korut-senjata-rusia.txt --published 2023-06-13\n"
               "  geokg extract corpus/ --format table\n  cat articles.jsonl | geokg extract - --lang id\n"
               "  geokg extract corpus/ --unresolved unknown.tsv   # what the lexicons miss")
    p.add_argument("paths", nargs="+", metavar="PATH", help="article files, folders, or - for stdin")
    p.add_argument("--format", choices=("jsonl", "json", "table"), default="jsonl", help="output format")
    _add_lang(p)
    p.add_argument("--published", type=_date, metavar="DATE",
                   help="publication date (YYYY-MM-DD) for articles that carry none; relative dates resolve to it")
    p.add_argument("--workers", type=int, default=1, metavar="N",
                   help="extract in N processes (same results as one; use the number of cores)")
    p.add_argument("--unresolved", metavar="FILE",
                   help="also write a TSV of names and designations near transfer words that no lexicon resolved, "
                        "most frequent first: candidates for extract/lexicons/")
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser(
        "build", formatter_class=_Formatter, help="extract, then write the graph as HTML, Turtle and JSONL",
        description="The main job: read articles (the seeds/ folder when none are given), build the event graph,\n"
                    "and write DIR/graph.html (open it in a browser), DIR/graph.ttl and DIR/events.jsonl.",
        epilog="examples:\n  geokg build\n  geokg build corpus/ --out results/")
    p.add_argument("inputs", nargs="*", metavar="INPUT", help="article files or folders (default: seeds/)")
    p.add_argument("--out", default="out", metavar="DIR", help="output folder")
    _add_lang(p)
    p.set_defaults(func=cmd_build)

    p = sub.add_parser(
        "eval", formatter_class=_Formatter, help="score extraction against gold annotations",
        description="Extract from ARTICLES and compare with GOLD (JSON lines: article_id, sender, recipient,\n"
                    "category, status, date, optional): precision, recall and F1 over (sender, recipient, category)\n"
                    "per article; status and date accuracy on matched rows; direction swaps; events on distractors.",
        epilog="examples:\n  geokg eval tests/devset/heldout/ tests/devset/heldout/en.gold.jsonl --by-language\n"
               "  geokg eval articles.jsonl gold.jsonl --show-errors")
    p.add_argument("articles", metavar="ARTICLES", help="article file or folder")
    p.add_argument("gold", metavar="GOLD", help="gold JSON lines")
    p.add_argument("--by-language", action="store_true", help="also score each language on its own")
    p.add_argument("--show-errors", action="store_true", help="list misses, extras and wrong statuses or dates")
    _add_lang(p)
    p.set_defaults(func=cmd_eval)

    p = sub.add_parser("schema", formatter_class=_Formatter, help="print the event JSON Schema",
                       description="Print the JSON Schema of one event, as `geokg extract` prints them.",
                       epilog="example:\n  geokg schema > event.schema.json")
    p.set_defaults(func=cmd_schema)

    p = sub.add_parser(
        "export", formatter_class=_Formatter, help="write the graph to a file in one format: geokg export FORMAT",
        description="Write the event graph of a store (--db) or of article files in one format.",
        epilog="examples:\n  geokg export html -o graph.html\n  geokg export html --help")
    export_formats = p.add_subparsers(dest="format", required=True, metavar="FORMAT")

    # Defaults are in the help texts: the automatic "(default: None)" on every filter would only be noise.
    p = export_formats.add_parser(
        "html", formatter_class=argparse.RawDescriptionHelpFormatter, help="an interactive page that works offline",
        description="Write one self-contained page (no network needed, also from file://) of the events in the\n"
                    "store (--db, default geokg.db) or read from article INPUTs, after the query filters.\n"
                    "One edge per sender -> recipient pair, with every event in its tooltip; filters by category,\n"
                    "status and date; find an actor. Past --max-mb, evidence sentences and sources are kept for\n"
                    "each pair's strongest events only, and the page says so.",
        epilog="examples:\n  geokg export html -o graph.html                       # everything in geokg.db\n"
               "  geokg export html -o prk.html --sender PRK --since 2022\n"
               "  geokg export html -o seeds.html seeds/                 # straight from articles")
    p.add_argument("inputs", nargs="*", metavar="INPUT", help="article files or folders (default: read the store)")
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="the page to write")
    p.add_argument("--db", metavar="FILE", help="the store to read (default: geokg.db in this folder)")
    _add_lang(p)
    _add_query_filters(p)
    p.add_argument("--title", help="the page's title (default: names the filters used)")
    p.add_argument("--max-mb", type=_megabytes, default=5.0, metavar="MB", help="largest page to write (default: 5)")
    p.set_defaults(func=cmd_export_html)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except BrokenPipeError:  # `geokg extract ... | head` is fine
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
