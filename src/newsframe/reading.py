"""Reading what an article arrives with: bytes decoded to text, checks that it is article text,
publication dates from arguments, sidecars and manifests.

Nothing here builds frames; :mod:`newsframe.article` uses it to read one article and
:mod:`newsframe.corpus` to read many.
"""

from __future__ import annotations

import csv
import datetime as dt
import errno
import functools
import glob
import json
import os
import re
import stat
import sys
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias

from .errors import BadInputError, MissingDateError
from .webpage import declared_charset, looks_like_html

MAX_BYTES = 20_000_000
"""Files larger than this (20 MB, about 3 million words) are rejected as not being one article."""

if TYPE_CHECKING:
    import pandas as pd

# pandas is imported only for values that may be pandas' own: reading an article needs none
DateLike: TypeAlias = "dt.date | dt.datetime | str | pd.Timestamp | None"

# a string names a file when it has no whitespace and ends in an extension ("story.txt") or
# holds a directory separator ("data/raw/story"), or when it has a separator and an extension
# ("My Articles/story.txt"); longer than PATH_MAX it never does
_EXTENSION = re.compile(r"\.[A-Za-z][A-Za-z0-9]{0,7}\Z")
PATH_MAX = 4096
_ISO_DATE = re.compile(
    r"^(\d{4}-\d{2}-\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$"
)


def parse_date(value: DateLike, *, what: str = "published", name: str = "<text>") -> dt.date | None:
    """Turn a date, datetime, Timestamp or ISO string into a ``datetime.date``.

    Raises:
        MissingDateError: the value cannot be read as a calendar date.
    """
    if value is None:
        return None
    # a plain date or datetime is never missing; pandas' NaT is a datetime too, but then pandas
    # is imported already
    plain_date = isinstance(value, dt.date) and "pandas" not in sys.modules
    if not isinstance(value, str) and not plain_date:
        import pandas as pd

        try:
            if pd.isna(value):  # None, NaN, NaT, pd.NA
                return None
        except (TypeError, ValueError):
            pass
    if isinstance(value, dt.datetime):  # a pandas Timestamp is one
        return value.date()
    if isinstance(value, dt.date):
        return value
    if type(value).__name__ == "datetime64":
        import pandas as pd

        return pd.Timestamp(value).date()
    if isinstance(value, str):
        m = _ISO_DATE.match(value.strip())
        try:
            if m:
                return dt.date.fromisoformat(m.group(1))
        except ValueError:
            pass
    raise MissingDateError(
        f"{name}: {what} date {value!r} is not a calendar date; use ISO form such as 2013-01-18"
    )


def decode_bytes(data: bytes, name: str) -> tuple[str, str]:
    """Decode an article's bytes; return ``(text, encoding)``.

    UTF-8 (with or without a byte-order mark) is read as is. Anything else that decodes as
    Windows-1252 is accepted with a ``UnicodeWarning`` naming the file; bytes that are not
    text in either encoding raise :class:`BadInputError`.
    """
    for bom, codec in _WIDE_BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError as exc:
                raise BadInputError(
                    f"{name}: starts with a {codec.upper()} byte-order mark but does not decode "
                    f"as {codec.upper()} ({exc.reason} at byte {exc.start})"
                ) from None
            _check_controls(text.encode("utf-8", "surrogatepass"), name)
            return text, codec
    _check_controls(data, name)
    if data.startswith(b"\xef\xbb\xbf"):
        encoding, payload = "utf-8-sig", data[3:]
    else:
        encoding, payload = "utf-8", data
    try:
        return payload.decode("utf-8"), encoding
    except UnicodeDecodeError as exc:
        utf8_error = exc
    try:
        text = payload.decode("cp1252")
    except UnicodeDecodeError:
        raise BadInputError(
            f"{name}: cannot decode the text as UTF-8 ({utf8_error.reason} at byte "
            f"{utf8_error.start}) or Windows-1252; convert it to UTF-8 first"
        ) from None
    warnings.warn(
        f"{name}: not valid UTF-8; decoded as Windows-1252 (Latin-1). Check accented letters.",
        UnicodeWarning,
        stacklevel=3,
    )
    return text, "cp1252"


# byte-order marks of the wide Unicode encodings; UTF-32's first, as UTF-16's is its prefix
_WIDE_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13))
_BLOCK = 65536


def _check_controls(data: bytes, name: str) -> None:
    """Reject empty data, NUL bytes, and any 64 KB block of which over 1 % is control bytes."""
    if not data.strip():
        raise BadInputError(f"{name}: the file is empty (or only whitespace)")
    if b"\x00" in data:
        raise BadInputError(f"{name}: this looks like binary data, not article text")
    # whole 64 KB blocks (the last one ends at the end of the data), or all of a short file
    starts = [*range(0, len(data) - _BLOCK, _BLOCK), max(0, len(data) - _BLOCK)]
    for start in starts:
        block = data[start : start + _BLOCK]
        controls = len(block) - len(block.translate(None, _CONTROL_BYTES))
        if controls > 0.01 * len(block):
            where = f" (at byte {start:,})" if start else ""
            raise BadInputError(f"{name}: this looks like binary data, not article text{where}")


def read_bytes(path: Path, max_bytes: int) -> bytes:
    """The bytes of a regular file, at most ``max_bytes`` of them.

    Raises:
        BadInputError: no such file, a folder, a FIFO, device or socket (never opened, so
            reading cannot block), a link loop, no permission, or more than ``max_bytes``
            (counted while reading, whatever size the file system reports).
    """
    name = str(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        kind = "a broken symbolic link" if path.is_symlink() else "no such file"
        raise BadInputError(f"{name}: {kind}") from None
    except PermissionError:
        raise BadInputError(f"{name}: permission denied") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise BadInputError(f"{name}: a loop of symbolic links") from None
        raise BadInputError(f"{name}: cannot read the file ({exc.strerror})") from None
    if stat.S_ISDIR(info.st_mode):
        raise BadInputError(f"{name}: is a directory, not an article file")
    if not stat.S_ISREG(info.st_mode):
        raise BadInputError(f"{name}: is {_special_kind(info.st_mode)}, not a regular file")
    if info.st_size > max_bytes:
        raise BadInputError(
            f"{name}: {info.st_size:,} bytes is too large for one article (limit {max_bytes:,})"
        )
    try:
        with path.open("rb") as fh:
            data = fh.read(max_bytes + 1)
    except PermissionError:
        raise BadInputError(f"{name}: permission denied") from None
    except OSError as exc:
        raise BadInputError(f"{name}: cannot read the file ({exc.strerror})") from None
    if len(data) > max_bytes:
        raise BadInputError(f"{name}: too large for one article (over {max_bytes:,} bytes)")
    return data


def _special_kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


def check_size(text: str, name: str, max_bytes: int) -> None:
    """Reject a string whose UTF-8 encoding is longer than ``max_bytes``."""
    if len(text) > max_bytes or (
        4 * len(text) > max_bytes and len(text.encode("utf-8", "surrogatepass")) > max_bytes
    ):
        raise BadInputError(
            f"{name}: the text is too large for one article (limit {max_bytes:,} bytes)"
        )


def check_text(text: str, name: str) -> None:
    """Reject text that is not a plain-text article (empty, HTML)."""
    if not text.strip():
        raise BadInputError(f"{name}: the article is empty (or only whitespace)")
    if "\x00" in text:
        raise BadInputError(f"{name}: this looks like binary data (it holds NUL characters)")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise BadInputError(
            f"{name}: the text holds characters that are not valid Unicode ({exc.reason})"
        ) from None
    if looks_like_html(text):
        raise BadInputError(
            f"{name}: this is HTML markup, not article text; pass a whole saved page (a file, "
            "or a string that starts with <html>) to have its main text extracted, or extract "
            "the text first"
        )


def decode_page_or_text(data: bytes, name: str) -> tuple[str, str]:
    """Decode a file that may be a saved web page: a page that declares its character set
    (``<meta charset="iso-8859-1">``) is decoded with it; anything else as
    :func:`decode_bytes` does."""
    if data.lstrip()[:1] == b"<":
        charset = declared_charset(data)
        if charset and charset not in ("utf-8", "utf-8-sig"):
            _check_controls(data, name)
            try:
                return data.decode(charset), charset
            except UnicodeDecodeError:
                pass  # the declaration is wrong: decode as any other file
    return decode_bytes(data, name)


def read_sidecar(path: Path) -> dict[str, Any]:
    sidecar = path.with_name(path.stem + ".meta.json")
    if not sidecar.is_file():
        return {}
    try:
        meta = json.loads(sidecar.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BadInputError(f"{sidecar}: cannot read the metadata sidecar: {exc}") from None
    except RecursionError:
        raise BadInputError(f"{sidecar}: the metadata sidecar is nested too deeply") from None
    if not isinstance(meta, dict):
        raise BadInputError(f"{sidecar}: the metadata sidecar must hold a JSON object")
    return meta


def is_path(source: str | os.PathLike[str]) -> bool:
    """Whether ``source`` names a file rather than holding article text (see
    :func:`newsframe.read_article`). A ``PathLike`` is always a path; a string is one when it
    has no line break and names an existing file, or looks like a file name."""
    if isinstance(source, os.PathLike):
        return True
    s = source.strip()
    if not s or len(s) > PATH_MAX or "\n" in source or "\r" in source:
        return False
    if os.path.exists(source):
        return True
    spaced = any(c.isspace() for c in s)
    separator = "/" in s or "\\" in s
    extension = _EXTENSION.search(s) is not None
    return (not spaced and (extension or separator)) or (separator and extension)


class Manifest(dict[str, dt.date | None]):
    """A corpus folder's ``MANIFEST.csv``: file stem -> publication date (``None`` when the
    cell is empty). Rows whose date cannot be read are kept apart in :attr:`errors` (stem ->
    message), so that one bad cell concerns its own article only."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        self.errors: dict[str, str] = {}

    def date_of(self, stem: str) -> dt.date | None:
        """The date for ``stem`` (``None`` when not listed or empty).

        Raises:
            MissingDateError: the manifest's cell for ``stem`` is not a date.
        """
        if stem in self.errors:
            raise MissingDateError(self.errors[stem])
        return self.get(stem)


def read_manifest(manifest: str | os.PathLike[str]) -> Manifest:
    """Read a CSV with ``file`` and ``published`` columns into a :class:`Manifest`.

    ``file`` may be a path relative to the manifest, or a bare file name. The parsed manifest
    is cached per process (keyed by path, size and modification time), so a corpus of
    100,000 articles beside one manifest reads it once, not once per article.

    Raises:
        BadInputError: the file cannot be read, is not UTF-8 CSV, or lacks the two columns.
    """
    path = Path(manifest)
    try:
        info = path.stat()
    except OSError as exc:
        raise BadInputError(f"{path}: cannot read the manifest ({exc.strerror})") from None
    return _read_manifest(str(path), info.st_size, info.st_mtime_ns)


@functools.lru_cache(maxsize=16)
def _read_manifest(name: str, size: int, mtime_ns: int) -> Manifest:
    path = Path(name)
    out = Manifest(path)
    days: dict[dt.date, dt.date] = {}
    rows = 0
    try:
        with path.open(newline="", encoding="utf-8-sig") as fh:
            # row by row: a list of 100,000 row dicts was the client's largest allocation
            reader = csv.DictReader(fh)
            for i, row in enumerate(reader, start=2):
                if not rows and not {"file", "published"} <= set(row):
                    break
                rows += 1
                stem = Path(row["file"] or "").stem
                try:
                    day = parse_date(row["published"] or None, name=f"{path}, row {i}")
                    # one object per distinct day: many articles share a day
                    out[stem] = days.setdefault(day, day) if day is not None else None
                except MissingDateError as exc:
                    out.errors[stem] = str(exc)
    except OSError as exc:
        raise BadInputError(f"{path}: cannot read the manifest ({exc.strerror})") from None
    except UnicodeDecodeError as exc:
        raise BadInputError(
            f"{path}: the manifest is not UTF-8 text ({exc.reason} at byte {exc.start})"
        ) from None
    except csv.Error as exc:
        raise BadInputError(f"{path}: the manifest is not valid CSV ({exc})") from None
    if not rows:
        raise BadInputError(f"{path}: the manifest needs 'file' and 'published' columns")
    return out


# -- listing the articles of a folder or a glob (no pandas: the CLI calls it first) -----------
def expand_paths(
    paths_or_glob: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
) -> list[str]:
    """Turn a glob, a directory, a path or a list of them into a list of files.

    Globs and folders give their entries in sorted order, without metadata sidecars
    (``*.meta.json``), manifests (``*.csv``) and subfolders; every other entry is kept, also
    one that is not a regular file (a FIFO, a broken link), so that reading it reports it. A
    path that exists is never read as a glob ("st[1].txt"), and a named path that does not
    exist is kept, so that it is reported.
    """
    return [path for path, _ in _expand(paths_or_glob)]


def name_parts(name: str) -> tuple[str, str]:
    """``(stem, suffix)`` of one path component other than ``"."``, cut as
    :class:`pathlib.PurePath` cuts them (``"a.b.txt"`` -> ``("a.b", ".txt")``; ``".hidden"``,
    ``"x."`` and ``".."`` have no suffix), without
    building a Path: pathlib interns every part it parses, and the interpreter's table of
    interned strings never shrinks, which a folder of 100,000 articles would grow for good."""
    dot = name.rfind(".")
    if 0 < dot < len(name) - 1:
        return name[:dot], name[dot:]
    return name, ""


def _in_folder(base: str, name: str) -> str:
    """``str(Path(base) / name)`` for an entry ``name`` of folder ``base``."""
    return name if base == "." else os.path.join(base, name)


@dataclass(frozen=True, slots=True)
class Listing:
    """A folder's article entries, kept as names: 100,000 paths cost the memory of their
    names only, and each path is written when it is read (:meth:`paths`)."""

    base: str  # the folder as ``str(Path(folder))`` writes it
    names: list[str]  # its entries that are articles, in order

    def paths(self) -> Iterator[str]:
        """The entries' paths, written as ``str(Path(base) / name)`` writes them."""
        for name in self.names:
            yield _in_folder(self.base, name)


def _expand(
    paths_or_glob: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
) -> list[tuple[str, str | None]]:
    """:func:`expand_paths` with an error for what cannot be listed: ``(path, error)``."""
    out: list[tuple[str, str | None]] = []
    for entry in _expand_listed(paths_or_glob):
        if isinstance(entry, Listing):
            out.extend((p, None) for p in entry.paths())
        else:
            out.append(entry)
    return out


def _expand_listed(
    paths_or_glob: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
) -> list[Listing | tuple[str, str | None]]:
    """:func:`_expand` with each listed folder kept as one :class:`Listing`."""
    items = [paths_or_glob] if isinstance(paths_or_glob, str | os.PathLike) else list(paths_or_glob)
    out: list[Listing | tuple[str, str | None]] = []
    for item in items:
        s = os.fspath(item)
        if Path(s).is_dir():
            try:
                # names, not Path objects: a folder of 100,000 articles is listed in a
                # fraction of the memory, in the order Path objects sort in
                names = sorted(os.listdir(s), key=_NAME_ORDER)
            except OSError as exc:
                out.append((s, f"{s}: cannot list the folder ({exc.strerror})"))
                continue
            base = str(Path(s))
            out.append(Listing(base, _articles_in_folder(base, names)))
        elif not os.path.lexists(s) and any(c in s for c in "*?["):
            out.extend((p, None) for p in _articles_in(sorted(Path(p) for p in glob.glob(s))))
        else:
            out.append((s, None))
    return out


# how Path objects of one folder sort: by name, case-folded where the file system folds case
_NAME_ORDER = None if os.path.normcase("A") == "A" else os.path.normcase


def _articles_in_folder(base: str, names: list[str]) -> list[str]:
    """The names of ``base``'s entries ``names`` that are articles (not sidecars, manifests
    or folders)."""
    out = []
    for name in names:
        if name.endswith((".meta.json", ".csv")):
            continue
        if not os.path.isdir(_in_folder(base, name)):  # False for a link loop too: reported
            out.append(name)
    return out


def _articles_in(paths: Iterable[Path]) -> list[str]:
    return [
        str(p) for p in paths if not p.name.endswith((".meta.json", ".csv")) and not _is_folder(p)
    ]


def _is_folder(p: Path) -> bool:
    try:
        return p.is_dir()
    except OSError:  # a link loop: reported when read
        return False


__all__ = [
    "MAX_BYTES",
    "DateLike",
    "Manifest",
    "check_size",
    "check_text",
    "decode_bytes",
    "decode_page_or_text",
    "expand_paths",
    "is_path",
    "parse_date",
    "read_bytes",
    "read_manifest",
    "read_sidecar",
]
