"""The gazetteer index: building it again gives exactly what the cache holds.

The cache file is named after the index format, a hash of the builder's source and the source
packages' versions; this test checks that what the cache holds (stored as text, decoded on
lookup) is what building gives.
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
    # the cache stores candidates as text; decoded, they are the built ones, in order
    assert all(cached.lookup(key) == cands for key, cands in built.names.items())
    assert built.prefixes() == cached.prefixes()


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
