"""Triple stores over HTTP: load an export with the SPARQL 1.1 Graph Store Protocol, query with SPARQL 1.1.

`push` sends the export in batches of N-Triples or N-Quads, as `ntriples.py` writes them (constant memory), each
batch retried on network errors and 5xx answers:

- without a graph: N-Quads POSTed to the store's Graph Store endpoint with no graph parameter, which loads them as
  a dataset: the default graph and each article's named graph, as the export has them (Oxigraph
  `http://host:7878/store`; Fuseki at the dataset URL `http://host:3030/DATASET`);
- with `graph`: N-Triples POSTed to `?graph=IRI`, every statement in that one named graph (standard GSP).

Traps this module steps around (measured with Oxigraph 0.5): N-Triples POSTed with neither `?default` nor
`?graph=` land in a new named graph with a random IRI, so triples are only ever sent with `?graph=`; PUT replaces
where POST adds, so `replace` PUTs the first batch and POSTs the rest; Oxigraph loads about 3x faster with
`no_transaction`, which it is sent once its `Server` header shows it is Oxigraph (another store might refuse an
unknown parameter). A batch sent twice after a retry does no harm: an RDF store holds a set of statements.

`query` sends a SPARQL query to an endpoint (Oxigraph `http://host:7878/query`, Fuseki
`http://host:3030/DATASET/sparql`) and returns the response's text in the format asked for.
"""
from __future__ import annotations

import re
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

import requests

BATCH_LINES = 250_000  # statements per request: ~40 MB, a few seconds' work for the store
PARALLEL = 2  # batches in flight: Oxigraph loads each request on its own thread (2 at once: 1.6x as fast here)
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


def _send(session: requests.Session, method: str, url: str, params: dict, body: bytes, content_type: str,
          dataset: bool, retries: int) -> requests.Response:
    """One request, retried with growing pauses on network errors and 5xx/429 answers."""
    for attempt in range(retries + 1):
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
         retries: int = RETRIES, parallel: int = PARALLEL) -> PushResult:
    """Load `batches` of (text, statement count) into the store at `url` (its Graph Store endpoint).

    The text is N-Quads when `graph` is None (loaded as a dataset), N-Triples otherwise (into the named graph
    `graph`). `replace` empties the target first: the named graph `graph`, or else the whole store. Up to
    `parallel` batches are in flight at once, while the next is written.
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

    def send(method: str, text: str) -> None:
        if not hasattr(local, "session"):
            local.session = requests.Session()
        response = _send(local.session, method, url, params | (fast if method == "POST" else {}),
                         text.encode("utf-8"), content_type, dataset, retries)
        if response.headers.get("Server", "").lower().startswith("oxigraph"):
            fast["no_transaction"] = ""

    in_flight: deque[tuple[Future, int]] = deque()

    def confirm(keep: int) -> None:
        while len(in_flight) > keep:
            future, n = in_flight.popleft()
            future.result()
            result.statements += n

    try:
        # Batches are sent while the next is written: the store indexes while Python formats, and a store that
        # loads requests on several threads (Oxigraph does) loads several at once.
        with ThreadPoolExecutor(max_workers=parallel) as sender:
            for text, n in _with_first(batches, replace):
                if result.batches == 0:
                    # Alone: its answer tells what the server is, and a replacing PUT must land before any POST.
                    send("PUT" if replace else "POST", text)
                    result.statements += n
                else:
                    confirm(parallel - 1)
                    in_flight.append((sender.submit(send, "POST", text), n))
                result.batches += 1
            confirm(0)
    except TripleStoreError as err:
        loaded = f"{result.statements:,} statements were loaded before this" if result.statements else \
            "Nothing was loaded"
        raise TripleStoreError(f"{str(err).rstrip('.')}. {loaded}; push again once it is fixed "
                               "(--replace starts clean)") from None
    result.seconds = time.perf_counter() - started
    return result


def _with_first(batches: Iterable[tuple[str, int]], replace: bool) -> Iterator[tuple[str, int]]:
    """The batches; an empty export still sends one empty PUT when replacing, so the old data goes."""
    empty = True
    for batch in batches:
        empty = False
        yield batch
    if empty and replace:
        yield "", 0


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
