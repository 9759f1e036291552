"""Read articles from files, directories and stdin: .txt, .html, .json, .jsonl.

A `.txt` file may have a sidecar `<stem>.meta.json` (id, title, url, published, language, source), as in `seeds/`.
Sidecars and gold files (`*.meta.json`, `*.gold.jsonl`) are never read as articles. Problems are yielded as
`InputProblem`s, never raised, so one bad file does not stop a corpus.

>>> [a.id for a in read_paths(["seeds/kontan-korut-senjata-rusia.txt"]) if isinstance(a, Article)]
['kontan-korut-senjata-rusia']
"""
from __future__ import annotations

import codecs
import hashlib
import io
import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from pydantic import ValidationError

from geokg.graph import Article

ARTICLE_SUFFIXES = (".txt", ".html", ".htm", ".json", ".jsonl")
SIDECAR_SUFFIXES = (".meta.json", ".gold.jsonl")
RECORD_FIELDS = ("id", "title", "text", "published", "url", "language", "source")
# One article, read whole, may be at most this big (a .txt or .html file, a JSONL line, stdin). A long news feature is
# about 0.1 MB; a 100 MB "article" is a corpus, a book or a log, and is named with advice rather than read.
MAX_ARTICLE_MB = 10.0


@dataclass(frozen=True)
class InputProblem:
    """Something wrong with one input, phrased as advice."""

    path: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


def parse_published(value: object) -> date | None:
    """A publication date from ISO text or anything dateparser reads ("Tue, 13 Jun 2023", "13 Juni 2023")."""
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    text = str(value).strip()
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        import dateparser  # slow to import; only needed for dates that are not ISO

        parsed = dateparser.parse(text, settings={"PREFER_DAY_OF_MONTH": "first"})
        if parsed is None:
            raise ValueError(f"published date {text!r} is not a date; use YYYY-MM-DD") from None
        return parsed.date()


def decode(data: bytes) -> tuple[str, str | None]:
    """Text from bytes, and a note when it was not UTF-8.

    UTF-8 (with or without BOM) and UTF-16 with a BOM are read as such; other bytes with no NUL in them are
    read as cp1252 (which latin-1 text also is, bar a few control codes). Raises ValueError for binary data.
    """
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8):].decode("utf-8"), None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16"), "read as UTF-16 (it has a byte-order mark)"
    if b"\x00" in data[:8192]:
        raise ValueError("binary data, not text: skipped (is it a PDF, an image or an archive?)")
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "not UTF-8; read as Windows-1252/Latin-1"


def _too_big(size: int | None, limit: int | None, what: str = "this file") -> str | None:
    """Advice when one article's `size` bytes (None: more than it was read of) pass `limit`, else None."""
    if limit is None or (size is not None and size <= limit):
        return None
    how_big = f"over {limit / 1e6:g} MB" if size is None else f"{size / 1e6:,.1f} MB"
    return (f"{what} is {how_big}, more than one article can be (the limit is {limit / 1e6:g} MB; a long "
            "news feature is about 0.1 MB): if it holds many articles, split it into one file per article or a "
            "JSONL file with one record per line; to read it as one article anyway, raise --max-article-mb")


def _limit(max_article_mb: float | None) -> int | None:
    return None if max_article_mb is None else int(max_article_mb * 1_000_000)


def _jsonl_lines(stream, limit: int | None) -> Iterator[tuple[int, str | None]]:
    """(line number, text) of a JSON Lines stream of bytes, one line in memory at a time; None stands for a line
    longer than `limit` bytes, which is skipped unread. UTF-16 with a BOM is read as such; otherwise each line is
    UTF-8, or Windows-1252 when it is not."""
    head = stream.peek(8192)[:8192] if hasattr(stream, "peek") else b""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = io.TextIOWrapper(stream, encoding="utf-16")
        for number, line in enumerate(text, 1):
            yield number, (None if limit is not None and 2 * len(line) > limit else line)
        return
    if b"\x00" in head:
        raise ValueError("binary data, not text: skipped (is it a PDF, an image or an archive?)")
    number = 0
    while raw := (stream.readline() if limit is None else stream.readline(limit + 1)):
        number += 1
        if limit is not None and len(raw) > limit and not raw.endswith(b"\n"):
            while (rest := stream.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass  # the rest of an oversized line, dropped a megabyte at a time
            yield number, None
            continue
        if number == 1 and raw.startswith(codecs.BOM_UTF8):
            raw = raw[len(codecs.BOM_UTF8):]
        try:
            yield number, raw.decode("utf-8")
        except UnicodeDecodeError:
            yield number, raw.decode("cp1252", errors="replace")


def _stable_id(path: Path, text: str) -> str:
    return path.stem if path.stem not in ("", "-") else "stdin-" + hashlib.sha1(text.encode()).hexdigest()[:12]


def article_from_record(record: dict, fallback_id: str) -> Article:
    """An Article from a JSON record; unknown keys are ignored, `published` may be any common date form."""
    if not isinstance(record, dict):
        raise ValueError(f"expected a JSON object with a 'text' field, got {type(record).__name__}")
    if not isinstance(record.get("text"), str) or not record["text"].strip():
        raise ValueError("record has no 'text' (the article body is required)")
    fields = {k: record.get(k) for k in RECORD_FIELDS if record.get(k) is not None}
    fields["id"] = str(fields.get("id") or fallback_id)
    fields["published"] = parse_published(fields.get("published"))
    return Article(**fields)


def _read_text_file(path: Path, published: date | None, limit: int | None = None) -> Article:
    if advice := _too_big(path.stat().st_size, limit):
        raise ValueError(advice)
    text, _ = decode(path.read_bytes())
    if not text.strip():
        raise ValueError("the file is empty")
    meta_path = path.with_name(path.stem + ".meta.json")
    meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
    record = {**{k: v for k, v in meta.items() if k in RECORD_FIELDS}, "text": text}
    article = article_from_record(record, _stable_id(path, text))
    if published is not None:
        article.published = published
    return article


def _read_html(path: Path, published: date | None, limit: int | None = None) -> Article:
    import trafilatura  # heavy; only for HTML inputs

    if advice := _too_big(path.stat().st_size, limit, "this page"):
        raise ValueError(advice)
    html, _ = decode(path.read_bytes())
    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    if doc is None or not getattr(doc, "text", None):
        raise ValueError("no article text found in this HTML page")
    record = {"text": doc.text, "title": doc.title, "url": doc.url, "published": doc.date,
              "language": doc.language}
    article = article_from_record(record, _stable_id(path, doc.text))
    if published is not None:
        article.published = published
    return article


def _read_records(path: Path, lines: Iterable[tuple[int, str | None]] | str, published: date | None,
                  limit: int | None = None) -> Iterator[Article | InputProblem]:
    """Articles from a .json file's text (one record or a list), or from the numbered lines of JSON Lines."""
    def finish(record: dict, fallback: str) -> Article:
        article = article_from_record(record, fallback)
        if published is not None:
            article.published = published
        return article

    if path.suffix == ".json":
        try:
            data = json.loads(lines)
        except json.JSONDecodeError as err:
            yield InputProblem(str(path), f"not valid JSON ({err.msg}, line {err.lineno}); "
                                          "expected an article record or a list of them")
            return
        records = data if isinstance(data, list) else [data]
        for i, record in enumerate(records):
            try:
                yield finish(record, f"{path.stem}-{i}" if len(records) > 1 else path.stem)
            except (ValueError, ValidationError) as err:
                yield InputProblem(str(path), f"record {i}: {err}")
        return
    if isinstance(lines, str):
        lines = enumerate(lines.splitlines(), 1)
    for number, line in lines:
        if line is None:
            yield InputProblem(str(path), _too_big(None, limit, "this record"), number)
            continue
        if not line.strip():
            continue
        try:
            yield finish(json.loads(line), f"{path.stem}-{number}")
        except json.JSONDecodeError as err:
            yield InputProblem(str(path), f"not a JSON record ({err.msg}); one article object per line", number)
        except (ValueError, ValidationError) as err:
            yield InputProblem(str(path), str(err), number)


def _read_file(path: Path, published: date | None, limit: int | None = None) -> Iterator[Article | InputProblem]:
    try:
        if path.suffix == ".json":
            yield from _read_records(path, decode(path.read_bytes())[0], published)
        elif path.suffix == ".jsonl":  # streamed: a corpus of any size, one line in memory at a time
            with path.open("rb") as stream:
                yield from _read_records(path, _jsonl_lines(stream, limit), published, limit)
        elif path.suffix in (".html", ".htm"):
            yield _read_html(path, published, limit)
        else:
            yield _read_text_file(path, published, limit)
    except UnicodeDecodeError as err:
        yield InputProblem(str(path), f"cannot decode it ({err.reason}); convert it to UTF-8 (iconv -t utf-8)")
    except OSError as err:
        yield InputProblem(str(path), f"cannot read: {err.strerror or err}")
    except (ValueError, ValidationError) as err:
        yield InputProblem(str(path), str(err))


def _read_stdin(published: date | None, limit: int | None = None) -> Iterator[Article | InputProblem]:
    stream = getattr(sys.stdin, "buffer", None)
    if stream is not None and hasattr(stream, "peek"):
        head = stream.peek(8192)[:8192].lstrip(codecs.BOM_UTF8 + b" \t\r\n")
        if head.startswith(b"{"):  # JSON Lines: streamed like a .jsonl file
            yield from _read_records(Path("stdin.jsonl"), _jsonl_lines(stream, limit), published, limit)
            return
        data = stream.read() if limit is None else stream.read(limit + 1)
        if limit is not None and len(data) > limit:
            yield InputProblem("-", _too_big(None, limit, "stdin"))
            return
        try:
            text = decode(data)[0]
        except ValueError as err:
            yield InputProblem("-", str(err))
            return
    else:  # stdin replaced by a text stream (a notebook, a test)
        text = sys.stdin.read()
    if text.lstrip().startswith("{"):
        yield from _read_records(Path("stdin.jsonl"), text, published)
    elif text.strip():
        yield article_from_record({"text": text, "published": published}, _stable_id(Path("-"), text))
    else:
        yield InputProblem("-", "stdin is empty; pipe an article's text or JSONL records into it")


def _is_article_file(path: Path) -> bool:
    return path.suffix in ARTICLE_SUFFIXES and not path.name.endswith(SIDECAR_SUFFIXES)


def read_paths(paths: Iterable[str | Path], published: date | None = None,
               max_article_mb: float | None = MAX_ARTICLE_MB) -> Iterator[Article | InputProblem]:
    """Articles from every path: files, directories (recursively, sorted) and '-' for stdin.

    `published` overrides the date of every article read (for plain text that carries none). A .txt or .html file,
    a JSONL line or stdin bigger than `max_article_mb` is named as a problem, not read (None: no limit). JSON
    Lines are read one line at a time, so a corpus file of any size takes little memory.
    """
    limit = _limit(max_article_mb)
    for raw in paths:
        if str(raw) == "-":
            yield from _read_stdin(published, limit)
            continue
        path = Path(raw)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and _is_article_file(p))
            if not files:
                yield InputProblem(str(path), f"no article files ({', '.join(ARTICLE_SUFFIXES)}) in this folder")
            for file in files:
                yield from _read_file(file, published, limit)
        elif path.is_file():
            yield from _read_file(path, published, limit)
        else:
            yield InputProblem(str(path), "no such file or folder")
