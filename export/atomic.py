"""Write files atomically: a temporary file beside the target, then a rename."""
from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path


def atomic_write(path: str | Path, data: bytes | str) -> Path:
    """Replace `path` with `data` in one step; on any error the old file (if any) is left untouched."""
    with atomic_open(path, binary=True) as handle:
        handle.write(data.encode("utf-8") if isinstance(data, str) else data)
    return Path(path)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextmanager
def atomic_open(path: str | Path, binary: bool = False):
    """A file to stream into that replaces `path` only when the block ends without error (as `atomic_write`)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.chmod(tmp, 0o666 & ~_umask())
        mode = "wb" if binary else "w"
        with os.fdopen(fd, mode, buffering=1 << 20, **({} if binary else {"encoding": "utf-8", "newline": "\n"})) \
                as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
