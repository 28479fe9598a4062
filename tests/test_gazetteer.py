"""The gazetteer index: building it again gives exactly what the cache holds.

The cache file is named after the index format and the source packages' versions, not after
the code that builds it, so a change to :func:`build_index` that alters the index must also
bump ``INDEX_VERSION``; this test says when one forgot.
"""

from __future__ import annotations

import pytest

from newsframe.gazetteer import _load_index, _plural, build_index, index_file


@pytest.mark.slow
def test_built_index_equals_the_cached_index() -> None:
    cached = _load_index(index_file())
    if cached is None:
        pytest.skip("no cached index yet (make install builds it)")
    built = build_index()
    assert built.countries == cached.countries
    assert built.max_tokens == cached.max_tokens
    assert built.names.keys() == cached.names.keys()
    # candidates (named tuples) compare equal to the plain tuples the cache stores, in order
    assert built.names == cached.names


@pytest.mark.parametrize(
    ("demonym", "plural"),
    [
        ("Malian", "Malians"),
        ("Iraqi", "Iraqis"),
        ("Luxembourger", "Luxembourgers"),
        ("Togolese", None),
        ("Swiss", None),
        ("British", None),
        ("French", None),
    ],
)
def test_plural_of_a_demonym(demonym: str, plural: str | None) -> None:
    assert _plural(demonym) == plural
