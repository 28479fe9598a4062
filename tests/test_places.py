"""Place mentions, coverage by country, the scorer and the coverage charts.

The example sentences are quoted from the articles under data/raw (the seed and the CNN
stories) unless a case needs a construction those articles lack.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib
import pandas as pd
import pytest

import newsframe as nf
from newsframe.coverage import COUNTED_SECTIONS, COVERAGE_SECTIONS, coverage_by_country
from newsframe.evaluation import evaluate, pooled, score_places
from newsframe.frames import SCHEMAS
from newsframe.gazetteer import load_gazetteer, normalize
from newsframe.paths import CNN_STORIES, SEED

matplotlib.use("Agg")

GOLD = Path(__file__).parent / "data" / "gold" / "places"


def places_of(text: str) -> pd.DataFrame:
    return nf.read_article(text).places


def found(text: str) -> list[tuple[str, str]]:
    return [(r.surface, r.iso3) for r in places_of(text).itertuples()]


@pytest.fixture(scope="module")
def seed() -> nf.Article:
    return nf.read_article(SEED)


# -- the frame contract ---------------------------------------------------------------------
def test_seed_frame_has_schema_columns_and_dtypes(seed: nf.Article) -> None:
    pl = seed.places
    assert list(pl.columns) == list(SCHEMAS["places"])
    for col, dtype in SCHEMAS["places"].items():
        assert pl[col].dtype == pd.Series([], dtype=dtype).dtype, col
    assert len(pl) > 100
    assert set(pl["kind"].astype(str)) == {"country", "demonym", "city"}


def test_offsets_reproduce_surface_and_line(seed: nf.Article) -> None:
    pl, lines = seed.places, seed.lines.set_index("line")
    for r in pl.itertuples():
        assert seed.text[r.start : r.end] == r.surface
        assert lines.loc[r.line, "start"] <= r.start and r.end <= lines.loc[r.line, "end"]
    assert pl["start"].is_monotonic_increasing


def test_dateline_places_are_reported(seed: nf.Article) -> None:
    line24 = seed.places[seed.places.line == 24]
    assert line24.iloc[0]["surface"] == "Bamako" and line24.iloc[1]["surface"] == "Mali"
    assert (line24.iloc[:2]["iso3"] == "MLI").all()


def test_no_places_gives_empty_typed_frame() -> None:
    pl = places_of("It was raining. Nobody said anything about it on Tuesday.")
    assert pl.empty
    assert list(pl.columns) == list(SCHEMAS["places"])
    assert str(pl["kind"].dtype) == "category" and pl["start"].dtype == "int64"


# -- what must be found -----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # seed line 1: demonym, "City, Country", the town of an airport
            "Togolese troops board a plane to Bamako, Mali, on Thursday, January 17, at the "
            "Lome airport in Togo.",
            [
                ("Togolese", "TGO"),
                ("Bamako", "MLI"),
                ("Mali", "MLI"),
                ("Lome", "TGO"),
                ("Togo", "TGO"),
            ],
        ),
        (  # seed line 3: a possessive loses its 's
            "Malian soldiers stand guard as Mali's President Dioncounda Traore speaks to French "
            "troops at an air base in Bamako, Mali, on Wednesday, January 16.",
            [
                ("Malian", "MLI"),
                ("Mali", "MLI"),
                ("French", "FRA"),
                ("Bamako", "MLI"),
                ("Mali", "MLI"),
            ],
        ),
        (  # seed line 17: "French Embassy" counts; "Muslim" does not
            "Muslim men protest French military action in Mali outside the French Embassy in "
            "central London on Saturday, January 12.",
            [("French", "FRA"), ("Mali", "MLI"), ("French", "FRA"), ("London", "GBR")],
        ),
        (  # seed line 22: the EU is not a country
            "The European Union, Canada, Britain and Nigeria are among those assisting.",
            [("Canada", "CAN"), ("Britain", "GBR"), ("Nigeria", "NGA")],
        ),
        (  # seed line 41: plural demonyms
            "The Canadians and British are deploying military transport aircraft.",
            [("Canadians", "CAN"), ("British", "GBR")],
        ),
        (  # seed line 7
            "French troops prepare their Sagaie armoured all terrain vehicles from the Licorne "
            "operation based in Abidjan, Ivory Coast, at the 101st military airbase near Bamako.",
            [("French", "FRA"), ("Abidjan", "CIV"), ("Ivory Coast", "CIV"), ("Bamako", "MLI")],
        ),
        (  # seed line 2: a state capital
            "Helmets belonging to soldiers of the Nigerian army are prepared to be sent to Mali "
            "at the Nigerian army peacekeeping center near Kaduna, Nigeria, on January 17.",
            [
                ("Nigerian", "NGA"),
                ("Mali", "MLI"),
                ("Nigerian", "NGA"),
                ("Kaduna", "NGA"),
                ("Nigeria", "NGA"),
            ],
        ),
        (  # seed line 11: a town named with its country; "Brize Norton" is not in GeoNames
            "A British army Boeing C-17 cargo plane lands Sunday at the Evreux military base in "
            "France to take supplies to Bamako.",
            [("British", "GBR"), ("Evreux", "FRA"), ("France", "FRA"), ("Bamako", "MLI")],
        ),
        (  # seed line 15: a town with a locative cue in an article about its country
            "Internally displaced Malians from Timbuktu chat at a makeshift cafe in Bamako.",
            [("Malians", "MLI"), ("Timbuktu", "MLI"), ("Bamako", "MLI")],
        ),
        (  # seed line 38: a capital standing for its government
            "France is sending troops to Mali. Paris is seeking help from its regional allies.",
            [("France", "FRA"), ("Mali", "MLI"), ("Paris", "FRA")],
        ),
        (  # CNN 017d27d0 line 5: "City, State"
            "On Wednesday in Kansas City, Missouri, Bush will tell members of the Veterans of "
            "Foreign Wars that the real problem was America's presence.",
            [("Kansas City", "USA"), ("Missouri", "USA"), ("America", "USA")],
        ),
        (  # CNN e2706dce line 41: a list of countries
            "Amnesty International raised particular concerns in relation to court proceedings "
            "in Afghanistan, Bangladesh, China, Egypt, Iran, Iraq, North Korea, Pakistan, "
            "Saudi Arabia and Sri Lanka.",
            [
                ("Afghanistan", "AFG"),
                ("Bangladesh", "BGD"),
                ("China", "CHN"),
                ("Egypt", "EGY"),
                ("Iran", "IRN"),
                ("Iraq", "IRQ"),
                ("North Korea", "PRK"),
                ("Pakistan", "PAK"),
                ("Saudi Arabia", "SAU"),
                ("Sri Lanka", "LKA"),
            ],
        ),
        (  # CNN f001ec5c line 3
            "The formal accession was marked with a ceremony at The Hague, in the Netherlands.",
            [("The Hague", "NLD"), ("Netherlands", "NLD")],
        ),
        (  # CNN 017d27d0 line 39: a two-word demonym
            "Millions of South Koreans would now be living under a brutal regime.",
            [("South Koreans", "KOR")],
        ),
        (  # CNN 469c6ac0 line 7: a demonym inside a place name
            "It crashed into the French Alps.",
            [("French", "FRA")],
        ),
        (
            "Washington said it would impose new sanctions on Moscow. The talks were held in "
            "Seoul.",
            [("Washington", "USA"), ("Moscow", "RUS"), ("Seoul", "KOR")],
        ),
        (
            "The U.S. and the United States of America are one.",
            [("U.S.", "USA"), ("United States of America", "USA")],
        ),
    ],
)
def test_recognised(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(text) == expected


# -- what must not be found -----------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        # seed line 1 and 25: broad regions
        "Troops from West African countries are heading there as part of a U.N.-mandated "
        "African force.",
        "That region is the latest front in the grinding fight between the West and militants.",
        "It is a sprawling, landlocked Saharan nation in the Middle East of Africa.",
        # supranational bodies
        "The European Union has OK'd a training mission. The U.N. has noted accounts.",
        # people whose names are places (seed lines 42, 53, 33)
        "No support can go to the military directly, said Victoria Nuland, a spokeswoman.",
        "CNN's Joe Sterling reported and wrote from home.",
        "Rogers: It is the 1st victim",
        "Georgia Smith said she would run again.",
        "Michael Jordan scored 40 points on Tuesday.",
        # months, substrings, names of other things, languages, web addresses
        "In March, the army returned. May was quiet.",
        "Germanwings Flight 9525 crashed.",
        "Bild and Paris Match reported that the video was recovered.",
        "He studied at the University of Denver and San Francisco State University.",
        "There is a legitimate debate about how we got into the Vietnam War.",
        "The foreign minister tweets in English and speaks French.",
        "The aim, says the website Iranian.com, was to expel them.",
        "Jewish New Year and Islamic law were discussed.",
    ],
)
def test_not_counted(text: str) -> None:
    assert found(text) == []


def test_substrings_are_not_places() -> None:
    got = found("Romania, Somalia and Nigeria signed the accord.")
    assert got == [("Romania", "ROU"), ("Somalia", "SOM"), ("Nigeria", "NGA")]


def test_person_name_is_remembered_for_the_article() -> None:
    # CNN 4495ba8f: "Secretary of State John Kerry" ... later "Kerry, who is 71"
    text = "He met U.S. Secretary of State John Kerry in Geneva. Later, Kerry, who is 71, left."
    assert [s for s, _ in found(text)] == ["U.S.", "Geneva"]


# -- ambiguity by context -------------------------------------------------------------------
def test_paris_is_france_unless_texas() -> None:
    assert found("Officials in Paris said so.") == [("Paris", "FRA")]
    assert found("He grew up in Paris, Texas, and moved.") == [("Paris", "USA"), ("Texas", "USA")]


def test_georgia_country_or_state() -> None:
    # CNN 7fe70cc8 line 39
    assert found("Phillips, 28, of Atlanta, Georgia, has accepted.") == [
        ("Atlanta", "USA"),
        ("Georgia", "USA"),
    ]
    assert found("Russia sent troops into Georgia in 2008.") == [
        ("Russia", "RUS"),
        ("Georgia", "GEO"),
    ]


def test_jordan_country() -> None:
    assert found("Jordan closed its border with Syria.") == [("Jordan", "JOR"), ("Syria", "SYR")]


def test_city_with_its_country_takes_that_country() -> None:
    assert found("CNN's Ingrid Formanek reported from Bamako, Mali") == [
        ("Bamako", "MLI"),
        ("Mali", "MLI"),
    ]


# -- gazetteer --------------------------------------------------------------------------------
def test_gazetteer_has_sources() -> None:
    load_gazetteer.cache_clear()
    gaz = load_gazetteer()
    assert {c.kind for c in gaz.lookup(normalize("Togolese")) or []} >= {"demonym"}
    assert any(c.iso3 == "FRA" for c in gaz.lookup(normalize("Évreux")) or [])
    assert gaz.countries["CIV"] == "Ivory Coast"


def test_user_gazetteer_file_is_read(tmp_path: Path) -> None:
    user = tmp_path / "gazetteer.csv"
    user.write_text("# my places\nname,iso3,kind,population\nCamp Zzyzx,USA,city,\n")
    gaz = load_gazetteer(str(user))
    assert [c.iso3 for c in gaz.lookup(normalize("Camp Zzyzx")) or []] == ["USA"]
    assert load_gazetteer().lookup(normalize("Camp Zzyzx")) is None


# -- coverage ----------------------------------------------------------------------------------
def test_coverage_one_article(seed: nf.Article) -> None:
    cov = coverage_by_country(seed)
    assert list(cov.columns) == ["iso3", "country", "mentions", *COVERAGE_SECTIONS, "share"]
    assert cov.iloc[0]["iso3"] == "MLI" and cov.iloc[1]["iso3"] == "FRA"
    assert cov["mentions"].is_monotonic_decreasing
    counted = seed.places.section.isin(COUNTED_SECTIONS)
    assert cov["mentions"].sum() == counted.sum() < len(seed.places)  # the credit line's
    assert (cov[list(COUNTED_SECTIONS)].sum(axis=1) == cov["mentions"]).all()
    assert cov[list(COVERAGE_SECTIONS)].to_numpy().sum() == len(seed.places)  # nothing lost
    assert cov["share"].sum() == pytest.approx(1.0)


def test_coverage_several_articles(seed: nf.Article) -> None:
    other = nf.read_article(CNN_STORIES / "7c0e61ac829a3b3b653e2e3e7536cc4881d1f264.story")
    cov = coverage_by_country([seed, other])
    assert cov.columns[0] == "article"
    assert list(cov["article"].unique()) == [seed.stem, other.stem]
    iraq = cov[cov["article"] == other.stem]
    assert iraq.iloc[0]["iso3"] == "IRQ" and iraq["share"].sum() == pytest.approx(1.0)


def test_coverage_empty() -> None:
    cov = coverage_by_country(nf.read_article("Nothing happened here today."))
    assert cov.empty and cov["mentions"].dtype == "int64"
    assert coverage_by_country([]).columns[0] == "article"


# -- charts ------------------------------------------------------------------------------------
def _texts(ax: matplotlib.axes.Axes) -> list[str]:
    return [t.get_text() for t in ax.texts]


def test_plots_on_empty_data_say_so() -> None:
    from newsframe.plots.coverage import plot_coverage_bars, plot_world_map

    empty = coverage_by_country(nf.read_article("Nothing happened here today."))
    assert "no places found" in _texts(plot_coverage_bars(empty))
    assert "no places found" in _texts(plot_world_map(empty))


def test_plots_on_data(seed: nf.Article) -> None:
    import matplotlib.pyplot as plt

    from newsframe.plots.coverage import plot_coverage_bars, plot_world_map

    cov = coverage_by_country(seed)
    fig, (a1, a2) = plt.subplots(1, 2)
    assert plot_coverage_bars(cov, ax=a1, top=5) is a1
    labels = [t.get_text() for t in a1.get_yticklabels()]
    assert labels[-1] == "Mali" and len(labels) == 5
    assert plot_world_map(cov, ax=a2) is a2
    assert len(a2.collections) == 1 and len(a2.collections[0].get_paths()) > 200
    plt.close(fig)


# -- accuracy on the gold set ------------------------------------------------------------------
def _gold_scores() -> pd.DataFrame:
    return evaluate(GOLD, "places").set_index("article")


def test_score_places_rule() -> None:
    pred = pd.DataFrame({"line": [1, 1, 2], "iso3": ["MLI", "MLI", "FRA"]})
    gold = [{"line": 1, "iso3": "MLI"}, {"line": 2, "iso3": "FRA"}, {"line": 3, "iso3": "TGO"}]
    s = score_places(pred, gold)
    assert (s["tp"], s["fp"], s["fn"]) == (2, 1, 1)
    assert s["f1"] == pytest.approx(2 / 3)


def test_gold_accuracy() -> None:
    scores = _gold_scores()
    assert scores.loc[SEED.stem, "f1"] >= 0.97
    cnn = scores.drop(index=SEED.stem)
    assert len(cnn) >= 5
    # measured 1.00 on these six stories (they informed the rules); unseen text scores lower
    assert pooled(cnn.to_dict("records"))["f1"] >= 0.95


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("According to Xinhua, the toll rose in Yunnan, China.", ["CHN", "CHN"]),
        ("Mr. Paris said the talks would resume.", []),
        ("Russia launched a strike on Kharkiv, Ukraine said.", ["RUS", "UKR", "UKR"]),
        ("Protesters gathered in Gaza City and Khan Younis.", ["PSE", "PSE"]),
        (
            "Rescuers in Sicily and Bavaria helped Italian and German teams.",
            ["ITA", "DEU", "ITA", "DEU"],
        ),
        ("Floods hit West Bengal and Odisha in India.", ["IND", "IND", "IND"]),
        ("CNN's Austin Herrera contributed to this report from Panama.", ["PAN"]),
        (
            "Kenya's police chief said herders had driven cattle onto ranches around Nanyuki.",
            ["KEN", "KEN"],
        ),
        ("Ukraine said Russian drones hit Kostyantynivka overnight.", ["UKR", "RUS", "UKR"]),
        ("The Minneapolis Star-Tribune reported 20 missing, Minnesota officials said.", ["USA"]),
        # an administrative unit names a place the gazetteer lacks
        ("Ma Liya, a resident of Ludian county, said so. China sent troops.", ["CHN", "CHN"]),
        ("Fighting spread in Rakhine state, Myanmar's army said.", ["MMR", "MMR"]),
        ("The Islamic State claimed the attack in Iraq.", ["IRQ"]),
        ("Northern province officials in Zambia said rain fell.", ["ZMB"]),
        ("Fighting around el-Fasher, Sudan, killed 20 people.", ["SDN", "SDN"]),
        ("Moqtada al-Sadr won the vote in Iraq.", ["IRQ"]),
        ("Floodwater rose in the Adyar river in Chennai, India.", ["IND", "IND", "IND"]),
        ("The Airport Authority of India closed the airport in Chennai.", ["IND"]),
        # seas named after countries are not the countries
        (
            "The storm hit Catanduanes province, Philippines, then crossed the South China Sea.",
            ["PHL", "PHL"],
        ),
    ],
)
def test_general_rules_from_blind_evaluation(text, expected):
    from newsframe import read_article

    assert read_article(text + "\n").places.iso3.tolist() == expected


# -- the module keeps its rules in step with its code ------------------------------------------
def test_docstring_names_the_passes_in_order_and_the_thresholds() -> None:
    from newsframe import places

    doc = places.__doc__ or ""
    at = [doc.find(f"``{step.__name__}``") for step in places._PASSES]
    assert -1 not in at and at == sorted(at)
    assert f"{places.STRONG_POPULATION:,} inhabitants" in doc
    assert f"{places.STRONG_POPULATION_US:,} in the US" in doc
    assert all(name.title() in doc for name in places._GIVEN_NAME_COUNTRIES)


def test_places_does_not_import_article_or_corpus() -> None:
    """places sits below article and corpus: not even a TYPE_CHECKING import of them."""
    import ast

    from newsframe import places

    tree = ast.parse(Path(places.__file__).read_text(encoding="utf-8"))
    parts: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            parts.update((node.module or "").split("."))
        if isinstance(node, ast.Import | ast.ImportFrom):
            parts.update(p for alias in node.names for p in alias.name.split("."))
    assert "article" not in parts and "corpus" not in parts


def test_places_in_a_credit_line_are_not_coverage() -> None:
    import newsframe as nf

    text = (
        "Floods hit Sudan\n\n"
        "KHARTOUM (Reuters) - Floods in Sudan have displaced thousands, officials in "
        "Khartoum said on Tuesday.\n\n"
        "(Reporting by Ali Hassan in Nairobi; Editing by Jane Doe)\n"
    )
    art = nf.read_article(text, published="2024-08-06")
    places = art.places
    assert set(places.loc[places.section == "byline", "iso3"]) == {"KEN"}
    cov = nf.coverage_by_country(art).set_index("iso3")
    assert cov.loc["KEN", "byline"] == 1 and cov.loc["KEN", "mentions"] == 0
    assert cov.loc["SDN", "mentions"] == (places.iso3 == "SDN").sum() >= 3
    assert cov.loc["KEN", "share"] == 0.0 and abs(cov["share"].sum() - 1.0) < 1e-9
    assert cov.index[0] == "SDN"  # sorted by counted mentions
