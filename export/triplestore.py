"""Triple stores over HTTP: load an export with the SPARQL 1.1 Graph Store Protocol, query with SPARQL 1.1.

`push` sends the export in requests of N-Triples or N-Quads, as `ntriples.py` writes them, each retried on network
errors and 5xx answers:

- without a graph: N-Quads POSTed to the store's Graph Store endpoint with no graph parameter, which loads them as
  a dataset: the default graph and each article's named graph, as the export has them (Oxigraph
  `http://host:7878/store`; Fuseki at the dataset URL `http://host:3030/DATASET`);
- with `graph`: N-Triples POSTed to `?graph=IRI`, every statement in that one named graph (standard GSP).

Memory stays flat however large a request is: each request's body is spooled to an unnamed temporary file as it is
written, and sent (and, after a failure, sent again) from there. Requests are large (`BATCH_LINES`): Oxigraph turns
every bulk load into sorted files that its database then merges in the background, and on 4.5 million statements
sent one request after another, 1,000,000-statement requests cost it 36 CPU seconds against 48 for 250,000-statement
ones. At a million events, two in flight, the difference was within the noise of a shared machine (217 against 208
CPU seconds; wall 147 against 170 s in one pair of runs), so the size mostly saves requests; Oxigraph holds about
2.3 GB while it loads two such requests, and a smaller `batch_size` lowers that (bench/README.md).

Traps this module steps around (measured with Oxigraph 0.5): N-Triples POSTed with neither `?default` nor
`?graph=` land in a new named graph with a random IRI, so triples are only ever sent with `?graph=`; PUT replaces
where POST adds, so `replace` PUTs the first request and POSTs the rest; Oxigraph loads about 3x faster with
`no_transaction` (its bulk loader), which it is sent once its `Server` header shows it is Oxigraph (another store
might refuse an unknown parameter). That is why the first request is small (the first piece of the export) and
sent alone: its answer tells what the server is, and a replacing PUT lands before any POST. Oxigraph's `lenient`
(no IRI checks) is not used: it saves no measurable time here and would drop a bad statement silently. A request
sent twice after a retry does no harm: an RDF store holds a set of statements.

`query` sends a SPARQL query to an endpoint (Oxigraph `http://host:7878/query`, Fuseki
`http://host:3030/DATASET/sparql`) and returns the response's text in the format asked for.
"""
from __future__ import annotations

import re
import tempfile
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import BinaryIO

import requests

BATCH_LINES = 2_000_000  # statements per request: ~400 MB of N-Quads, spooled to disk, ~20 s' work for Oxigraph
PARALLEL = 2  # requests in flight: Oxigraph loads each on threads of its own, while Python writes the next
RETRIES = 3
TIMEOUT = (10, 600)  # seconds to connect, seconds to wait for an answer (a batch can take a while to index)
_OXIGRAPH_HELP = ("start one with `oxigraph serve --location DIR --bind 127.0.0.1:7878` (pip install oxigraph) "
                  "and push to http://127.0.0.1:7878/store")


class TripleStoreError(Exception):
    """The store was unreachable or refused; the message says what happened and what to try."""


@dataclass
class PushResult:
    statements: int = 0
    batches: int = 0
    seconds: float = 0.0


def check_url(url: str, what: str = "endpoint") -> str:
    if not re.match(r"https?://[^/\s]+", url or ""):
        raise ValueError(f"{url!r} is not an HTTP URL; give the store's {what}, such as http://127.0.0.1:7878/store "
                         "for Oxigraph")
    if "?" in url:
        raise ValueError(f"give the {what} without a query string ({url}); choose the graph with --graph IRI")
    return url


def _refusal(response: requests.Response, url: str, dataset: bool) -> str:
    code, text = response.status_code, " ".join(response.text.split())[:300]
    if code == 404:
        return (f"{url} answered 404: it is not a Graph Store endpoint. Oxigraph's is http://HOST:PORT/store; "
                "Fuseki's is the dataset URL, http://HOST:PORT/DATASET")
    if code in (401, 403):
        return (f"{url} refused to load data (HTTP {code}): it needs credentials or is read-only "
                "(Oxigraph: use `oxigraph serve`, not serve-read-only; Fuseki: start it with --update)")
    if code == 405:
        return f"{url} does not accept {response.request.method} (HTTP 405): it is not a writable Graph Store endpoint"
    hint = (" If this store does not take N-Quads at its Graph Store endpoint, push into one named graph with "
            "--graph IRI.") if dataset else ""
    return f"{url} refused the data (HTTP {code}): {text}.{hint}"


def _send(session: requests.Session, method: str, url: str, params: dict, body: BinaryIO, content_type: str,
          dataset: bool, retries: int) -> requests.Response:
    """One request with the whole of the file `body`, retried with growing pauses on network errors and 5xx/429
    answers."""
    for attempt in range(retries + 1):
        body.seek(0)
        try:
            response = session.request(method, url, params=params, data=body, timeout=TIMEOUT,
                                       headers={"Content-Type": content_type})
        except requests.ConnectionError as err:
            problem = f"cannot reach {url} ({_reason(err)}); is the store running? For Oxigraph, {_OXIGRAPH_HELP}"
        except requests.Timeout:
            problem = f"{url} did not answer within {TIMEOUT[1]} s; try a smaller --batch-size"
        else:
            if response.status_code < 300:
                return response
            if response.status_code < 500 and response.status_code != 429:
                raise TripleStoreError(_refusal(response, url, dataset))
            problem = f"{url} failed (HTTP {response.status_code}): {' '.join(response.text.split())[:300]}"
        if attempt < retries:
            time.sleep(0.5 * 2 ** attempt)
    raise TripleStoreError(f"{problem} (tried {retries + 1} times)")


def _reason(err: Exception) -> str:
    text = str(err)
    for known in ("Connection refused", "Name or service not known", "No route to host", "timed out"):
        if known in text:
            return known.lower()
    return text[:200]


def push(batches: Iterable[tuple[str, int]], url: str, graph: str | None = None, replace: bool = False,
         retries: int = RETRIES, parallel: int = PARALLEL, batch_size: int = BATCH_LINES) -> PushResult:
    """Load the export into the store at `url` (its Graph Store endpoint).

    `batches`: the export's text in pieces of (text, statement count), as `ntriples.ntriples_batches` gives them:
    N-Quads when `graph` is None (loaded as a dataset), N-Triples otherwise (into the named graph `graph`). Pieces
    are gathered into requests of about `batch_size` statements (the first piece goes alone); up to `parallel`
    requests are in flight at once while the next is written. `replace` empties the target first: the named graph
    `graph`, or else the whole store.
    Raises TripleStoreError, saying how many statements were loaded already, if the store is unreachable or refuses.
    """
    check_url(url, "Graph Store endpoint")
    dataset = graph is None
    content_type = "application/n-quads" if dataset else "application/n-triples"
    params = {} if dataset else {"graph": graph}
    result = PushResult()
    started = time.perf_counter()
    local = threading.local()  # a Session per thread: requests does not promise that one is thread-safe
    fast: dict = {}  # Oxigraph's no_transaction, once the first answer shows the server is Oxigraph

    def send(method: str, body: BinaryIO) -> None:
        if not hasattr(local, "session"):
            local.session = requests.Session()
        with body:  # the spool file goes once it is loaded (or has failed)
            response = _send(local.session, method, url, params | (fast if method == "POST" else {}), body,
                             content_type, dataset, retries)
        if response.headers.get("Server", "").lower().startswith("oxigraph"):
            fast["no_transaction"] = ""

    in_flight: deque[tuple[Future, int]] = deque()

    def confirm(keep: int) -> None:
        while len(in_flight) > keep:
            future, n = in_flight.popleft()
            future.result()
            result.statements += n

    try:
        with ThreadPoolExecutor(max_workers=parallel) as sender:
            for body, n in _requests(batches, batch_size, replace):
                if result.batches == 0:
                    # Alone: its answer tells what the server is, and a replacing PUT must land before any POST.
                    send("PUT" if replace else "POST", body)
                    result.statements += n
                else:
                    confirm(parallel - 1)
                    in_flight.append((sender.submit(send, "POST", body), n))
                result.batches += 1
            confirm(0)
    except TripleStoreError as err:
        loaded = f"{result.statements:,} statements were loaded before this" if result.statements else \
            "Nothing was loaded"
        raise TripleStoreError(f"{str(err).rstrip('.')}. {loaded}; push again once it is fixed "
                               "(--replace starts clean)") from None
    result.seconds = time.perf_counter() - started
    return result


def _requests(batches: Iterable[tuple[str, int]], batch_size: int, replace: bool
              ) -> Iterator[tuple[BinaryIO, int]]:
    """The bodies of the requests, each an unnamed temporary file holding about `batch_size` statements (the
    first piece alone), with its statement count. An empty export still gives one empty body when replacing, so
    the old data goes."""
    spool: BinaryIO | None = None
    count = 0
    first = True
    for text, n in batches:
        if spool is None:
            spool = tempfile.TemporaryFile(prefix="geokg-push-")
        spool.write(text.encode("utf-8"))
        count += n
        if first or count >= batch_size:
            yield spool, count
            spool, count, first = None, 0, False
    if spool is not None:
        yield spool, count
    elif first and replace:
        yield tempfile.TemporaryFile(prefix="geokg-push-"), 0


ACCEPT = {"json": "application/sparql-results+json", "csv": "text/csv", "turtle": "text/turtle"}


def query(endpoint: str, text: str, accept: str = ACCEPT["json"], retries: int = RETRIES) -> str:
    """Run the SPARQL query `text` at `endpoint` (POSTed as application/sparql-query); the answer's text."""
    check_url(endpoint, "SPARQL query endpoint")
    with requests.Session() as session:
        for attempt in range(retries + 1):
            try:
                response = session.post(endpoint, data=text.encode("utf-8"), timeout=TIMEOUT,
                                        headers={"Content-Type": "application/sparql-query", "Accept": accept})
            except requests.ConnectionError as err:
                problem = (f"cannot reach {endpoint} ({_reason(err)}); is the store running? For Oxigraph, "
                           f"{_OXIGRAPH_HELP.replace('/store', '/query')}")
            except requests.Timeout:
                problem = f"{endpoint} did not answer within {TIMEOUT[1]} s"
            else:
                if response.status_code < 300:
                    response.encoding = "utf-8"
                    return response.text
                message = " ".join(response.text.split())[:500]
                if response.status_code == 404:
                    raise TripleStoreError(f"{endpoint} answered 404: it is not a SPARQL endpoint. Oxigraph's is "
                                           "http://HOST:PORT/query; Fuseki's is http://HOST:PORT/DATASET/sparql")
                if response.status_code < 500:
                    raise TripleStoreError(f"{endpoint} refused the query (HTTP {response.status_code}): {message}")
                problem = f"{endpoint} failed (HTTP {response.status_code}): {message}"
            if attempt < retries:
                time.sleep(0.5 * 2 ** attempt)
    raise TripleStoreError(f"{problem} (tried {retries + 1} times)")
