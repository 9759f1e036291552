"""The `geokg` command: a thin layer over geokg.api, geokg.extract, geokg.graph and geokg.export.

Exit codes: 0 all went well, 1 some inputs had problems (each named on stderr; the rest was processed; with
--strict, the first one stopped the run), 2 the command itself was wrong (unknown option, bad date), 130 Ctrl-C.
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
from geokg.graph.merge import merge_events

from .api import ENGINES, EngineError, StrictError, extract_paths, iter_extracted, no_full_collections

EXIT_OK, EXIT_PARTIAL, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
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


def _run_options(args: argparse.Namespace) -> dict:
    """How to extract, as geokg.api takes it: workers, engine, --strict, the progress line, the size limit."""
    if args.scheduler and args.engine != "dask":
        raise _UsageError("--scheduler is for the dask engine; add --engine dask")
    return {"workers": args.workers, "engine": args.engine, "scheduler": args.scheduler, "strict": args.strict,
            "progress": not args.quiet and sys.stderr.isatty(), "max_article_mb": args.max_article_mb}


def _stopped(err: StrictError, what: str) -> int:
    """--strict met a bad input: name it as always, then say what became of the run."""
    print(f"geokg: {err.problem}", file=sys.stderr)
    print(f"geokg: stopped at the first problem (--strict); {what}", file=sys.stderr)
    return EXIT_PARTIAL


def _print_table(events: list[TransferEvent]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table("sender", "recipient", "category", "mention", "status", "date", "conf.", "article")
    for e in events:
        table.add_row(e.sender.name, e.recipient.name, e.weapon.category.value, e.weapon.mention, e.status.value,
                      e.date or "", f"{e.confidence:.2f}", e.evidence.article_id)
    Console(width=None if sys.stdout.isatty() else 200).print(table)  # piped: do not squeeze to 80


def cmd_extract(args: argparse.Namespace) -> int:
    # One pass over the inputs: stdin cannot be read twice, and --unresolved needs the articles too.
    events: list[TransferEvent] = []
    problems: list = []
    articles: list[Article] = []
    try:
        with no_full_collections():  # every event is kept until the end, as in extract_paths
            for item in iter_extracted(args.paths, language=args.lang, published=args.published,
                                       **_run_options(args)):
                if isinstance(item, tuple):
                    events.extend(item[1])
                    if args.unresolved:
                        articles.append(item[0])
                else:
                    problems.append(item)
    except StrictError as err:
        return _stopped(err, "no events printed: fix or remove that input and run it again")
    if args.unresolved:
        from geokg.export.atomic import atomic_write
        from geokg.extract.unresolved import unresolved_mentions, unresolved_tsv

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
    try:
        events, problems = extract_paths(inputs, language=args.lang, **_run_options(args))
    except StrictError as err:
        return _stopped(err, f"nothing written to {args.out}/: fix or remove that input and run it again")
    graph = EventGraph(merge_events(events))  # one edge per transfer, with every article that reports it
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
        graph = EventGraph(merge_events(events))
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

    graph, problems = _export_graph(args)
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


# -- RDF, tables, triple stores and SPARQL (geokg.export.rdf, .tabular, .triplestore) ---------------------------

def _base_iri(text: str) -> str:
    from geokg.export.rdf import check_base_iri

    try:
        return check_base_iri(text)
    except ValueError as err:
        raise argparse.ArgumentTypeError(str(err)) from None


def _iri(text: str) -> str:
    from geokg.export.rdf import check_iri

    try:
        return check_iri(text)
    except ValueError as err:
        raise argparse.ArgumentTypeError(str(err)) from None


def _http_url(text: str) -> str:
    from geokg.export.triplestore import check_url

    try:
        return check_url(text)
    except ValueError as err:
        raise argparse.ArgumentTypeError(str(err)) from None


def _rdf_source(args: argparse.Namespace):
    """The graph to export, its input problems, and when its articles were extracted: the store recorded each
    ingest; articles read from INPUTs are extracted now."""
    from geokg.export.rdf import ingest_times

    from .api import DEFAULT_DB

    graph, problems = _export_graph(args)
    return graph, problems, (None if args.inputs else ingest_times(args.db or DEFAULT_DB))


def _wrote(path: Path, what: str, graph: EventGraph) -> None:
    size = path.stat().st_size
    shown = f"{size / 1e6:.1f} MB" if size >= 1e5 else f"{size / 1e3:.1f} kB"
    print(f"wrote {path} ({what}, {shown}) from {graph.number_of_events():,} events")
    if not graph.number_of_events():
        print("geokg: no events match; the file holds no events. Loosen the filters, or check the store with "
              "another --db", file=sys.stderr)


def cmd_export_rdf(args: argparse.Namespace) -> int:
    from geokg.export.rdf import format_of, write_rdf

    try:
        fmt = format_of(args.output, args.rdf_format)
        graph, problems, extracted = _rdf_source(args)
    except (_UsageError, ValueError) as err:
        print(f"geokg: {err}", file=sys.stderr)
        return EXIT_USAGE
    path = write_rdf(graph, args.output, fmt, args.base_iri, extracted_at=extracted, with_ontology=args.with_ontology)
    _wrote(path, fmt, graph)
    return _report(problems)


def cmd_export_table(args: argparse.Namespace) -> int:
    from geokg.export.tabular import WRITERS

    graph, problems = _export_graph(args)
    _wrote(WRITERS[args.format](graph, args.output), args.format, graph)
    return _report(problems)


def cmd_push(args: argparse.Namespace) -> int:
    from geokg.export.ntriples import ntriples_batches
    from geokg.export.triplestore import TripleStoreError, push

    try:
        graph, problems, extracted = _rdf_source(args)
    except _UsageError as err:
        print(f"geokg: {err}", file=sys.stderr)
        return EXIT_USAGE
    # The ontology travels with the data, so queries can read category and status labels.
    batches = ntriples_batches(graph, quads=args.graph is None, base_iri=args.base_iri, extracted_at=extracted,
                               with_ontology=True, evidence=not args.no_evidence)
    try:
        result = push(batches, args.url, graph=args.graph, replace=args.replace, batch_size=args.batch_size)
    except TripleStoreError as err:
        print(f"geokg: {err}", file=sys.stderr)
        return EXIT_PARTIAL
    target = f"graph <{args.graph}>" if args.graph else "the default graph and one named graph per article"
    print(f"loaded {result.statements:,} statements from {graph.number_of_events():,} events into {target} at "
          f"{args.url} ({result.batches} {'batch' if result.batches == 1 else 'batches'}, {result.seconds:.1f} s)")
    return _report(problems)


def _query_text(text: str) -> str:
    """The query: read from stdin for -, from a file if `text` names one, else `text` itself."""
    from geokg.export.sparql import QueryError

    if text == "-":
        return sys.stdin.read()
    try:
        if "\n" not in text and Path(text).is_file():
            return Path(text).read_text(encoding="utf-8")
    except OSError:  # a one-line query longer than a file name can be
        pass
    if Path(text).suffix in (".rq", ".sparql") and " " not in text:
        raise QueryError(f"no query file {text}; give a file that exists, or the query itself in quotes")
    return text


def cmd_sparql(args: argparse.Namespace) -> int:
    from geokg.export import sparql

    from .api import DEFAULT_DB

    try:
        text = _query_text(args.query)
        if args.endpoint:
            output = sparql.remote(args.endpoint, text, args.format)
        else:
            output = sparql.local(args.db or DEFAULT_DB, text, args.format)
    except sparql.QueryError as err:
        print(f"geokg: {err}", file=sys.stderr)
        return EXIT_USAGE
    except sparql.TripleStoreError as err:
        print(f"geokg: {err}", file=sys.stderr)
        return EXIT_PARTIAL
    sparql.show(output, args.format)
    return EXIT_OK


# -- the store: ingest, stats, query and analytics (geokg.graph.store, geokg.graph.analytics) --------------------

def _store_graph(args: argparse.Namespace) -> EventGraph:
    """The graph of the store at --db, or a usage error that says how to make one."""
    from geokg import open as open_store
    from geokg.graph.store import StoreError

    try:
        return open_store(args.db)
    except StoreError as err:
        raise _UsageError(str(err)) from None


def _actor_arg(graph: EventGraph, text: str) -> str:
    """An actor given by id or by name in any supported language ("Korea Utara", "North Korea", "PRK")."""
    from geokg.extract.lexicon import resolve_actor

    found = resolve_actor(text)
    if found is not None:
        return found
    try:
        return _actor_id(graph, text)  # an actor of this store that no lexicon names
    except _UsageError:
        raise _UsageError(f"no actor called {text!r}; give an id (PRK, wagner-group) or a name in a supported "
                          f"language ({', '.join(supported_languages())}), such as 'North Korea' or 'Korea Utara'; "
                          "`geokg stats` lists the store's busiest actors") from None


def _filters(args: argparse.Namespace, graph: EventGraph) -> dict:
    """The query filters given on the command line, actors resolved to ids."""
    filters = {name: getattr(args, name) for name in QUERY_FILTERS if getattr(args, name, None) is not None}
    for role in ("sender", "recipient"):
        if role in filters:
            filters[role] = _actor_arg(graph, filters[role])
    return filters


def _console():
    from rich.console import Console

    return Console(width=None if sys.stdout.isatty() else 200)  # piped: do not squeeze to 80


def _print_events(events, fmt: str, limit: int | None, actor: str | None = None) -> None:
    """Events as a table, JSON lines or CSV; with `actor`, the table reads as that actor's timeline."""
    import csv
    from itertools import islice

    from geokg.export.tabular import CSV_COLUMNS, csv_row

    shown = islice(events, limit)
    if fmt == "jsonl":
        sys.stdout.writelines(event_json(e) + "\n" for e in shown)
    elif fmt == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(CSV_COLUMNS)
        writer.writerows(csv_row(e) for e in shown)
    else:
        from rich.table import Table

        more = f" (first {limit} shown)" if limit is not None and len(events) > limit else ""
        if actor is None:
            table = Table("date", "sender", "recipient", "category", "status", "conf.", "reports", "mention",
                          "article", caption=f"{len(events):,} events{more}")
        else:
            table = Table("date", "", "with", "category", "status", "conf.", "reports", "mention",
                          caption=f"{len(events):,} events{more}")
        for e in shown:
            common = (e.weapon.category.value, e.status.value, f"{e.confidence:.2f}", str(e.corroboration),
                      e.weapon.mention)
            if actor is None:
                table.add_row(e.date or "", e.sender.name, e.recipient.name, *common, e.evidence.article_id)
            elif e.sender.id == actor:
                table.add_row(e.date or "", "sent to", e.recipient.name, *common)
            else:
                table.add_row(e.date or "", "got from", e.sender.name, *common)
        _console().print(table)


def _print_counts(title: str, graph: EventGraph, counts: list[tuple[str, int]]) -> None:
    from rich.table import Table

    table = Table("actor", "id", "events", title=title)
    for actor_id, n in counts:
        table.add_row(graph.actor(actor_id).name, actor_id, f"{n:,}")
    _console().print(table)


def _store_command(run):
    """Run a store command: usage errors (no store, unknown actor, bad date) print their advice and exit 2."""
    def command(args: argparse.Namespace) -> int:
        try:
            return run(args)
        except _UsageError as err:
            print(f"geokg: {err}", file=sys.stderr)
            return EXIT_USAGE
    return command


def cmd_ingest(args: argparse.Namespace) -> int:
    from geokg.graph.store import Store, StoreError

    from .api import IngestInterrupted, ingest_paths

    try:
        result, problems = ingest_paths(args.paths, db=args.db, language=args.lang, published=args.published,
                                        batch_size=args.batch_size, **_run_options(args))
    except StoreError as err:
        print(f"geokg: {err}", file=sys.stderr)
        return EXIT_USAGE
    except StrictError as err:
        return _stopped(err, f"{err.result.articles:,} articles stored in {args.db}, every one read before it: fix "
                             "or remove that input and run the same command again to add the rest")
    except IngestInterrupted as err:
        print(f"geokg: interrupted; {err.result.articles:,} articles stored in {args.db} ({err.result.events:,} new "
              "events). Run the same command again to resume: the store knows every stored text by its hash and "
              "skips it", file=sys.stderr)
        return EXIT_INTERRUPTED
    except KeyboardInterrupt:
        print(f"geokg: interrupted; every finished batch is stored in {args.db}: run the same command again to "
              "add the rest (stored articles are skipped)", file=sys.stderr)
        return EXIT_INTERRUPTED
    print(f"stored {result.articles:,} articles ({result.skipped:,} already there): {result.reports:,} reports, "
          f"{result.events:,} new events, {result.merged:,} reports merged into events already told")
    with Store(args.db) as store:
        stats = store.stats()
    print(f"{args.db} holds {stats['events']:,} events from {stats['articles']:,} articles")
    return _report(problems)


@_store_command
def cmd_stats(args: argparse.Namespace) -> int:
    from geokg.graph.store import Store, StoreError

    try:
        with Store(args.db, create=False) as store:
            s = store.stats()
    except StoreError as err:
        raise _UsageError(str(err)) from None
    print(f"{args.db}: {s['articles']:,} articles, {s['reports']:,} reports -> {s['events']:,} events "
          f"({s['corroborated']:,} told by 2+ articles), {s['actors']:,} actors")
    if s["events"]:
        print(f"dates: {s['first']} to {s['last']}")
        for name in ("categories", "statuses"):
            print(f"{name}: " + ", ".join(f"{k} {n:,}" for k, n in s[name].most_common()))
        print("busiest pairs: " + ", ".join(f"{u} -> {v} {n:,}" for u, v, n in s["pairs"]))
    return EXIT_OK


@_store_command
def cmd_query(args: argparse.Namespace) -> int:
    graph = _store_graph(args)
    found = graph.transfers(**_filters(args, graph))
    if not found:
        print("geokg: no events match; loosen the filters (`geokg stats` shows what the store holds)",
              file=sys.stderr)
    _print_events(found, args.format, args.limit)
    return EXIT_OK


@_store_command
def cmd_suppliers(args: argparse.Namespace) -> int:
    from geokg.graph.analytics import recipients, suppliers

    graph = _store_graph(args)
    actor = _actor_arg(graph, args.actor)
    ask = suppliers if args.command == "suppliers" else recipients
    counts = ask(graph, actor, **_filters(args, graph))[: args.n]
    name = next((a.name for a in graph.actors() if a.id == actor), actor)
    _print_counts(f"{args.command} of {name}", graph, counts)
    return EXIT_OK


@_store_command
def cmd_top(args: argparse.Namespace) -> int:
    from geokg.graph.analytics import top_recipients, top_suppliers

    graph = _store_graph(args)
    filters = _filters(args, graph)
    _print_counts("top suppliers", graph, top_suppliers(graph, n=args.n, **filters))
    _print_counts("top recipients", graph, top_recipients(graph, n=args.n, **filters))
    return EXIT_OK


@_store_command
def cmd_chain(args: argparse.Namespace) -> int:
    from geokg.graph.analytics import actor_graph, supply_chains

    graph = _store_graph(args)
    source, target = _actor_arg(graph, args.source), _actor_arg(graph, args.target)
    filters = _filters(args, graph)
    paths = supply_chains(graph, source, target, hops=args.hops, limit=args.limit, **filters)
    pairs = actor_graph(graph, **filters)
    for path in paths:
        steps = ", ".join(str(pairs[u][v]["events"]) for u, v in zip(path, path[1:]))
        print(" -> ".join(graph.actor(a).name for a in path) + f"   (events per step: {steps})")
    if not paths:
        print(f"geokg: no chain of at most {args.hops} transfers from {source} to {target}; try more --hops or "
              "fewer filters", file=sys.stderr)
    return EXIT_OK


@_store_command
def cmd_timeline(args: argparse.Namespace) -> int:
    from geokg.graph.analytics import timeline

    graph = _store_graph(args)
    actor = _actor_arg(graph, args.actor)
    _print_events(timeline(graph, actor, **_filters(args, graph)), args.format, args.limit, actor=actor)
    return EXIT_OK


def _add_store_commands(sub) -> None:
    """`geokg ingest`, `stats`, `query`, and the analytics: `suppliers`, `recipients`, `top`, `chain`, `timeline`."""
    from geokg.graph import Category, Status

    from .api import DEFAULT_DB

    def db_option(p: argparse.ArgumentParser) -> None:
        p.add_argument("--db", default=DEFAULT_DB, metavar="FILE",
                       help=f"the SQLite store (default: {DEFAULT_DB} in the current folder)")

    def period_filters(p: argparse.ArgumentParser) -> None:
        group = p.add_argument_group("filters (an event must match every filter given)")
        group.add_argument("--category", choices=[c.value for c in Category], metavar="CATEGORY",
                           help="weapon category: " + ", ".join(c.value for c in Category))
        group.add_argument("--status", choices=[s.value for s in Status], metavar="STATUS",
                           help="status: " + ", ".join(s.value for s in Status))
        group.add_argument("--since", type=_partial_date, metavar="DATE", help="dated on or after (YYYY[-MM[-DD]])")
        group.add_argument("--until", type=_partial_date, metavar="DATE",
                           help="dated on or before (YYYY[-MM[-DD]])")
        group.add_argument("--min-confidence", type=_confidence, metavar="X", help="at least this sure (0 to 1)")

    def output_options(p: argparse.ArgumentParser) -> None:
        p.add_argument("--format", choices=("table", "jsonl", "csv"), default="table", help="output format")
        p.add_argument("--limit", type=int, metavar="N", help="print at most N events (default: all)")

    raw = argparse.RawDescriptionHelpFormatter  # defaults are in the help texts
    p = sub.add_parser(
        "ingest", formatter_class=raw, help="extract articles and store their events in an SQLite file",
        description="Extract the events of articles (files, folders, - for stdin, as `geokg extract` reads them)\n"
                    "and store them in --db (default: geokg.db in the current folder; created if missing).\n"
                    "Reports of one transfer from several articles merge into one event with all its sources.\n"
                    "An article whose text is stored already adds nothing (it is not even extracted again).\n"
                    "Every --batch-size articles are one transaction: an interrupted ingest keeps every finished\n"
                    "batch, and running it again adds the rest.",
        epilog="examples:\n  geokg ingest seeds/                       # into ./geokg.db\n"
               "  geokg ingest corpus/ news.jsonl --db arms.db\n"
               "  cat articles.jsonl | geokg ingest - --lang id")
    p.add_argument("paths", nargs="+", metavar="PATH", help="article files, folders, or - for stdin")
    db_option(p)
    _add_lang(p)
    p.add_argument("--published", type=_date, metavar="DATE",
                   help="publication date (YYYY-MM-DD) for articles that carry none")
    p.add_argument("--batch-size", type=_positive, default=100, metavar="N",
                   help="articles per transaction (default: 100)")
    _add_run_options(p, defaults_in_help=True)
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("stats", formatter_class=raw, help="summarise a store",
                       description="Count what the store holds: articles, reports, events, actors, dates,\n"
                                   "events per category and status, and the busiest pairs.",
                       epilog="examples:\n  geokg stats\n  geokg stats --db arms.db")
    db_option(p)
    p.set_defaults(func=cmd_stats)

    p = sub.add_parser(
        "query", formatter_class=raw, help="list the stored events that match filters",
        description="List the events of the store that match every filter given, by date. Actors may be given\n"
                    "by id or by name in any supported language: PRK, 'North Korea' and 'Korea Utara' are one.",
        epilog="examples:\n  geokg query --sender 'Korea Utara' --since 2022\n"
               "  geokg query --sender USA --recipient UKR --category artillery --format csv > usa-ukr.csv\n"
               "  geokg query --category uav --since 2020 --until 2023 --format jsonl --db arms.db")
    _add_query_filters(p)
    output_options(p)
    db_option(p)
    p.set_defaults(func=cmd_query)

    for name, who in (("suppliers", "who sent ACTOR anything"), ("recipients", "whom ACTOR sent anything")):
        p = sub.add_parser(name, formatter_class=raw, help=f"{who}, with event counts",
                           description=f"List {who}, most events first.",
                           epilog=f"examples:\n  geokg {name} RUS\n  geokg {name} 'Rusia' --category uav --since 2022")
        p.add_argument("actor", metavar="ACTOR", help="actor id or name, such as RUS, Russia or Rusia")
        p.add_argument("-n", type=int, default=20, metavar="N", help="show the first N (default: 20)")
        period_filters(p)
        db_option(p)
        p.set_defaults(func=cmd_suppliers)

    p = sub.add_parser("top", formatter_class=raw, help="the top suppliers and recipients, for a category and period",
                       description="List the actors that sent and received the most events.",
                       epilog="examples:\n  geokg top\n  geokg top --category missiles --since 2015 --until 2020 -n 5")
    p.add_argument("-n", type=int, default=10, metavar="N", help="how many of each (default: 10)")
    period_filters(p)
    db_option(p)
    p.set_defaults(func=cmd_top)

    p = sub.add_parser("chain", formatter_class=raw, help="supply chains from one actor to another",
                       description="List the paths of transfers from SOURCE to TARGET of at most --hops steps,\n"
                                   "fewest steps first, then the strongest weakest step. A step is any transfer,\n"
                                   "aid included; narrow them with --category, --status and the dates.",
                       epilog="examples:\n  geokg chain IRN wagner-group\n"
                              "  geokg chain 'Iran' 'Wagner Group' --hops 4 --status delivered --limit 5")
    p.add_argument("source", metavar="SOURCE", help="actor id or name")
    p.add_argument("target", metavar="TARGET", help="actor id or name")
    p.add_argument("--hops", type=int, default=3, metavar="K", help="at most K transfers in a chain (default: 3)")
    p.add_argument("--limit", type=int, default=20, metavar="N", help="show the first N chains (default: 20)")
    period_filters(p)
    db_option(p)
    p.set_defaults(func=cmd_chain)

    p = sub.add_parser("timeline", formatter_class=raw, help="everything an actor sent or received, by date",
                       description="List the events ACTOR sent or received, by date.",
                       epilog="examples:\n  geokg timeline PRK\n"
                              "  geokg timeline 'Korea Utara' --since 2022 --format jsonl")
    p.add_argument("actor", metavar="ACTOR", help="actor id or name, such as PRK, North Korea or Korea Utara")
    period_filters(p)
    output_options(p)
    db_option(p)
    p.set_defaults(func=cmd_timeline)


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a count; give a whole number of at least 1, such as 4")
    return value


def _add_run_options(parser: argparse.ArgumentParser, defaults_in_help: bool = False) -> None:
    """--workers, --engine, --scheduler, --strict, --quiet and --max-article-mb: how extraction runs."""
    from geokg.extract.read import MAX_ARTICLE_MB

    default = (lambda text: f" (default: {text})") if defaults_in_help else (lambda text: "")
    group = parser.add_argument_group("running")
    group.add_argument("--workers", type=_positive, default=1, metavar="N",
                       help="extract in N processes, or N Dask workers on this machine (same results as one; use "
                            "the number of cores)" + default(1))
    group.add_argument("--engine", choices=ENGINES, default="local",
                       help="local: this machine; dask: a Dask cluster, the one at --scheduler or else a "
                            "LocalCluster of --workers processes (pip install 'geokg[dask]')" + default("local"))
    group.add_argument("--scheduler", metavar="ADDRESS",
                       help="the Dask scheduler to extract on, such as tcp://10.0.0.5:8786 (with --engine dask)")
    group.add_argument("--strict", action="store_true",
                       help="stop at the first bad input (exit 1) instead of naming it and going on")
    group.add_argument("-q", "--quiet", action="store_true",
                       help="no progress line (one is drawn on stderr only when it is a terminal)")
    group.add_argument("--max-article-mb", type=_megabytes, default=MAX_ARTICLE_MB, metavar="MB",
                       help="a .txt or .html file, JSONL line or stdin bigger than this is named, not read as one "
                            "article" + default(f"{MAX_ARTICLE_MB:g}"))


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
    _add_run_options(p)
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
    _add_run_options(p)
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
        epilog="examples:\n  geokg export html -o graph.html\n  geokg export rdf -o graph.nq\n"
               "  geokg export csv -o events.csv\n  geokg export html --help")
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
    _add_rdf_commands(sub, export_formats)
    _add_store_commands(sub)
    return parser


def _add_rdf_commands(sub, export_formats) -> None:
    """`geokg export rdf`, `geokg export graphml|gexf|csv|jsonl`, `geokg push` and `geokg sparql`."""
    from geokg.export.rdf import FORMATS
    from geokg.export.vocab import DEFAULT_BASE_IRI

    def source_options(p: argparse.ArgumentParser) -> None:
        p.add_argument("inputs", nargs="*", metavar="INPUT", help="article files or folders (default: read the store)")
        p.add_argument("--db", metavar="FILE", help="the store to read (default: geokg.db in this folder)")
        _add_lang(p)
        _add_query_filters(p)

    def base_iri_option(p: argparse.ArgumentParser) -> None:
        p.add_argument("--base-iri", type=_base_iri, default=DEFAULT_BASE_IRI, metavar="IRI",
                       help=f"where events, actors and articles get their IRIs (default: {DEFAULT_BASE_IRI}); "
                            "use a domain you control to publish")

    p = export_formats.add_parser(
        "rdf", formatter_class=argparse.RawDescriptionHelpFormatter, help="RDF for triple stores and Wikidata joins",
        description="Write the events of the store (--db, default geokg.db) or of article INPUTs as RDF: one node\n"
                    "per event (sender, recipient, weapon category, status, typed date, confidence, corroboration),\n"
                    "actors owl:sameAs their Wikidata item, and each article's reports in a named graph with its\n"
                    "PROV-O provenance (TriG and N-Quads keep the named graphs; the other formats merge them).\n"
                    "nt, nquads and trig stream in constant memory: use them for large stores.\n"
                    "The ontology and SHACL shapes ship in the package (geokg/export/ontology.ttl, shapes.ttl).",
        epilog="examples:\n  geokg export rdf -o graph.ttl                          # everything in geokg.db, Turtle\n"
               "  geokg export rdf -o graph.nq --with-ontology            # N-Quads: a named graph per article\n"
               "  geokg export rdf -o prk.nt --sender PRK --since 2022 --base-iri https://example.org/arms/\n"
               "  geokg export rdf -o seeds.ttl seeds/                    # straight from articles")
    source_options(p)
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="the file to write")
    p.add_argument("--format", dest="rdf_format", choices=list(FORMATS), metavar="|".join(FORMATS),
                   help="RDF syntax (default: from FILE's suffix: .ttl .nt .jsonld .rdf .trig .nq; else turtle)")
    base_iri_option(p)
    p.add_argument("--with-ontology", action="store_true", help="include the ontology's classes, properties and "
                   "SKOS schemes (in TriG and N-Quads, in a graph named https://w3id.org/geokg/ontology)")
    p.set_defaults(func=cmd_export_rdf)

    for name, what, suffix in (("graphml", "GraphML for Gephi or yEd: an edge per event", "graphml"),
                               ("gexf", "GEXF for Gephi: an edge per event", "gexf"),
                               ("csv", "CSV, one row per event, for spreadsheets and pandas", "csv"),
                               ("jsonl", "JSON Lines, one event per line, as `geokg extract` prints", "jsonl")):
        p = export_formats.add_parser(
            name, formatter_class=argparse.RawDescriptionHelpFormatter, help=what,
            description=f"Write the events of the store (--db, default geokg.db) or of article INPUTs as {what}.\n"
                        "Reports of one transfer are merged into one event first.",
            epilog=f"examples:\n  geokg export {name} -o events.{suffix}\n"
                   f"  geokg export {name} -o prk.{suffix} --sender PRK --db corpus.db")
        source_options(p)
        p.add_argument("-o", "--output", required=True, metavar="FILE", help="the file to write")
        p.set_defaults(func=cmd_export_table)

    p = sub.add_parser(
        "push", formatter_class=argparse.RawDescriptionHelpFormatter,
        help="load the RDF export into a triple store (SPARQL Graph Store Protocol)",
        description="Load the events of the store (--db, default geokg.db) or of article INPUTs, and the ontology,\n"
                    "into a triple store through its SPARQL 1.1 Graph Store HTTP Protocol endpoint URL, in batches,\n"
                    "retried on network errors. Without --graph the export keeps its named graphs (N-Quads: the\n"
                    "default graph, one graph per article, the ontology in https://w3id.org/geokg/ontology);\n"
                    "with --graph every statement goes into that one graph. POST adds to what the store holds;\n"
                    "--replace empties the target first: the --graph graph, or else THE WHOLE STORE.\n"
                    "URL: Oxigraph http://HOST:7878/store; Fuseki http://HOST:3030/DATASET.",
        epilog="examples:\n  oxigraph serve --location arms.oxigraph &          # pip install oxigraph\n"
               "  geokg push http://127.0.0.1:7878/store\n"
               "  geokg push http://127.0.0.1:7878/store --graph https://example.org/arms --replace\n"
               "  geokg push http://127.0.0.1:7878/store seeds/       # straight from articles")
    p.add_argument("url", type=_http_url, metavar="URL", help="the store's Graph Store endpoint")
    source_options(p)
    p.add_argument("--graph", type=_iri, metavar="IRI",
                   help="load every statement into this named graph (default: keep the export's named graphs)")
    p.add_argument("--replace", action="store_true",
                   help="empty the target first (the --graph graph, or else the whole store) instead of adding")
    base_iri_option(p)
    p.add_argument("--batch-size", type=_positive, default=2_000_000, metavar="N", help="statements per request, "
                   "spooled to a temporary file (default: 2000000)")
    p.add_argument("--no-evidence", action="store_true",
                   help="leave out the reports (each event's sentence and offsets, 6 of about 22 statements an "
                        "event): about a third less work for the store; events, actors, articles and provenance stay")
    p.set_defaults(func=cmd_push)

    p = sub.add_parser(
        "sparql", formatter_class=argparse.RawDescriptionHelpFormatter, help="run a SPARQL query",
        description="Run a SPARQL query (text, a .rq FILE, or - for stdin) on the store's RDF export (--db,\n"
                    "default geokg.db; rdflib, in memory, with the ontology in its own named graph) or on a\n"
                    "triple store's query endpoint (--endpoint). Events, actors and articles are in the default\n"
                    "graph; reports and provenance in one named graph per article (GRAPH ?g { ... }).\n"
                    "These prefixes are declared for you: geokg cat status sem schema wd prov owl skos xsd rdfs rdf.",
        epilog="examples:\n"
               "  geokg sparql 'SELECT ?supplier (COUNT(?e) AS ?events)\n"
               "                WHERE { ?e geokg:sender/rdfs:label ?supplier } GROUP BY ?supplier'\n"
               "  geokg sparql suppliers.rq --format csv > suppliers.csv\n"
               "  geokg sparql suppliers.rq --endpoint http://127.0.0.1:7878/query")
    p.add_argument("query", metavar="QUERY|FILE", help="the query, a file holding it, or - for stdin")
    p.add_argument("--endpoint", type=_http_url, metavar="URL", help="a SPARQL endpoint (default: query the "
                   "store locally)")
    p.add_argument("--format", choices=("table", "json", "csv"), default="table",
                   help="how to print results (CONSTRUCT and DESCRIBE always print Turtle)")
    p.add_argument("--db", metavar="FILE", help="the store to query locally (default: geokg.db in this folder)")
    p.set_defaults(func=cmd_sparql)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except (_UsageError, EngineError) as err:  # every command's usage mistakes end the same way: advice, exit 2
        print(f"geokg: {err}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:  # outputs are written atomically: nothing half-written is left behind
        print("geokg: interrupted; nothing more was written", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # `geokg extract ... | head` is fine
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
