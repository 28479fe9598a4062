"""Places on the open web (issue 10): one test per class of place wire copy rarely uses.

Every text here is written for the test (none is quoted from an evaluation article), so a
rule that passes them passes for its general reason.
"""

from __future__ import annotations

import pandas as pd
import pytest

import newsframe as nf
from newsframe.frames import PLACE_RULES, SCHEMAS
from newsframe.places import extract_places


def places(text: str, source: str | None = None) -> pd.DataFrame:
    art = nf.read_article(text)
    return extract_places(art.text, art.sentences, dateline=art.meta["dateline"], source=source)


def found(text: str, source: str | None = None) -> list[tuple[str, str]]:
    return [(r.surface, r.iso3) for r in places(text, source).itertuples()]


# -- the frame ------------------------------------------------------------------------------
def test_places_frame_has_admin1_and_rule_columns() -> None:
    frame = places("Flooding hit Guizhou and Bavaria this week, officials said.\n")
    assert list(frame.columns) == list(SCHEMAS["places"])
    assert frame["admin1"].tolist() == ["Guizhou", "Bavaria"]
    assert frame["rule"].dtype == SCHEMAS["places"]["rule"]
    assert set(frame["rule"].astype(str)) <= set(PLACE_RULES)


def test_a_country_has_no_admin1_and_a_city_has_its_division() -> None:
    frame = places("Rescuers reached Munich and Germany pledged aid.\n")
    rows = {r.surface: (r.iso3, r.admin1, r.rule) for r in frame.itertuples()}
    assert rows["Germany"] == ("DEU", "", "country")
    assert rows["Munich"][:2] == ("DEU", "Bavaria")


# -- first-level divisions named alone ------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "iso3"),
    [
        ("Rain finally reached Guizhou on Tuesday.\n", "CHN"),
        ("Wildfires spread across British Columbia overnight.\n", "CAN"),
        ("Soy farmers in Mato Grosso expect a record harvest.\n", "BRA"),
        ("The brewery opened a second site in Saxony.\n", "DEU"),
        ("Reservoirs in Catalonia fell to a record low.\n", "ESP"),
        ("Voters in Virginia go to the polls next week.\n", "USA"),
    ],
)
def test_a_first_level_division_named_alone_counts(text: str, iso3: str) -> None:
    assert [iso for _, iso in found(text)] == [iso3]


def test_a_division_that_is_an_ordinary_word_needs_evidence() -> None:
    # "Delta" is a Nigerian state and an ordinary word: alone, it says nothing
    assert found("The delta of the argument is small. Delta said it would appeal.\n") == []


# -- demonyms of divisions --------------------------------------------------------------------
def test_demonyms_of_divisions_count_for_their_country() -> None:
    frame = places("Bavarian brewers, Texan ranchers and Sicilian growers met in Rome.\n")
    rows = [(r.surface, r.iso3, r.kind, r.admin1) for r in frame.itertuples()]
    assert rows[:3] == [
        ("Bavarian", "DEU", "demonym", "Bavaria"),
        ("Texan", "USA", "demonym", "Texas"),
        ("Sicilian", "ITA", "demonym", "Sicily"),
    ]


def test_a_division_demonym_naming_a_language_is_left_out() -> None:
    assert found("She spoke Catalan at home.\n") == []
    assert found("Catalan farmers protested.\n") == [("Catalan", "ESP")]


def test_the_victorian_era_is_no_place() -> None:
    assert found("They restored a Victorian terrace near the station.\n") == []


# -- short forms and islands of small countries -------------------------------------------------
def test_the_parts_of_a_country_named_a_and_b_name_the_country() -> None:
    assert found("Ferries from Antigua to Barbuda, Tobago and Nevis were cancelled.\n") == [
        ("Antigua", "ATG"),
        ("Barbuda", "ATG"),
        ("Tobago", "TTO"),
        ("Nevis", "KNA"),
    ]


def test_saint_written_st_with_or_without_a_full_stop() -> None:
    assert [iso for _, iso in found("Flights to St Lucia and St. Kitts resumed.\n")] == [
        "LCA",
        "KNA",
    ]


# -- features named after a place -----------------------------------------------------------------
def test_a_valley_named_after_an_unknown_name_takes_the_articles_country() -> None:
    frame = places(
        "Germany promised more aid on Monday.\nHomes in the Ahr Valley are still empty.\n"
    )
    rows = [(r.surface, r.iso3, r.rule) for r in frame.itertuples()]
    assert ("Ahr Valley", "DEU", "unit") in rows


def test_a_feature_whose_base_name_is_in_one_country_takes_that_country() -> None:
    text = "Australia's ferries are late.\nFerries to Flinders Island were cut.\n"
    assert [iso for _, iso in found(text)] == ["AUS", "AUS"]


def test_a_peninsula_shared_by_countries_is_no_place() -> None:
    assert found("Tension rose on the Korean Peninsula.\n") == []
    assert found("Germany sent aid.\nTension rose on the Arabian Peninsula.\n") == [
        ("Germany", "DEU")
    ]


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("Spain is dry.\nFarmers along the Duero River want water.\n", "Duero River"),
        ("Kenya is dry.\nHerders crossed the Waso delta at night.\n", "Waso delta"),
        ("Peru is cold.\nFishers on Lake Umayo saw ice.\n", "Lake Umayo"),
        ("Scotland votes.\nFerries to the Isle of Eigg were cut.\n", "Isle of Eigg"),
        ("Chile is wet.\nHikers climbed Mount Tronador again.\n", "Mount Tronador"),
        ("India is hot.\nRangers patrol Periyar National Park daily.\n", "Periyar National Park"),
        ("Mexico is dry.\nHe crossed the Sonoita plateau on foot.\n", "Sonoita plateau"),
    ],
)
def test_a_natural_feature_the_gazetteer_lacks_takes_its_articles_country(
    text: str, surface: str
) -> None:
    rows = places(text)
    row = rows[rows.surface == surface]
    assert len(row) == 1 and row.iloc[0].rule == "unit"
    assert row.iloc[0].iso3 == rows.iso3.iloc[0]  # the country named on the first line


def test_a_feature_takes_the_country_written_right_after_it() -> None:
    text = "Kenya is dry.\nA boat sank on Lake Bunyonyi in Uganda.\n"
    assert ("Lake Bunyonyi", "UGA") in found(text)


def test_a_feature_next_to_a_capitalised_word_or_said_to_speak_is_no_feature() -> None:
    text = (
        "Ghana is wet.\nThe Volta Lake Transport Company raised fares.\n"
        "Customer agent Beverly Lake, who worked there, left.\n"
    )
    assert [s for s, _ in found(text)] == ["Ghana"]


def test_a_features_base_name_alone_is_the_same_place_for_the_whole_article() -> None:
    text = (
        "ISLAY FERRIES CUT AGAIN\nScotland's isles wait.\n"
        "Ferries to the Isle of Eigg and the Moidart peninsula were cut.\n"
        "Eigg has one shop. Visitors to Moidart drive.\nNo boat reached EIGG.\n"
        "Jamie Eigg, a crofter, was angry.\n"
    )
    rows = places(text)
    bare = rows[rows.rule == "feature_base"]
    assert bare.surface.tolist() == ["Eigg", "Moidart", "EIGG"]
    assert set(bare.iso3) == {"GBR"}


def test_a_rivers_base_name_alone_is_not_remembered() -> None:
    """Rivers are as often shared by several countries; "the Mekong" alone stays out."""
    text = "Laos builds dams.\nBoats on the Xebang River stopped. The Xebang rose.\n"
    assert [s for s, _ in found(text)] == ["Laos", "Xebang River"]


def test_a_large_place_abroad_yields_to_a_feature_named_after_the_same_word() -> None:
    """ "Tana" is also Antananarivo; in an article about Kenya it is the Tana River's."""
    text = (
        "Kenya floods.\nVillages in the Tana Delta were cut off.\n"
        "Water in Tana rose again. Kenya's army came.\n"
    )
    assert found(text) == [
        ("Kenya", "KEN"),
        ("Tana Delta", "KEN"),
        ("Tana", "KEN"),
        ("Kenya", "KEN"),
    ]


def test_a_river_named_after_a_country_or_a_town_is_no_mention_of_it() -> None:
    """ "the Niger River" is shared by several countries: neither Niger nor a place; "the Tana
    River" is one feature of Kenya, not Antananarivo ("Tana") plus a river."""
    assert found("Boats on the Niger River sank.\n") == []
    assert found("Kenya floods.\nFishers on the Tana River lost boats.\n") == [
        ("Kenya", "KEN"),
        ("Tana River", "KEN"),
    ]


def test_a_track_named_after_a_place_and_png_in_capitals() -> None:
    text = "Students from PNG walked the Overland Track in Tasmania.\nThe Png file failed.\n"
    assert found(text) == [("PNG", "PNG"), ("Overland Track", "AUS"), ("Tasmania", "AUS")]


def test_a_small_capital_abroad_yields_to_a_namesake_in_a_division_the_article_names() -> None:
    """A capital beats its namesakes in a named division only when the article names the
    capital's country: "George Town" in a story about Tasmania is the Tasmanian town."""
    tasmania = "Australia's Tasmania votes.\nShops in Launceston and George Town closed.\n"
    assert ("George Town", "AUS") in found(tasmania)
    cayman = "The Cayman Islands vote.\nTasmania votes too.\nShops in George Town closed.\n"
    assert ("George Town", "CYM") in found(cayman)


def test_a_name_in_apposition_to_a_place_noun_is_a_place() -> None:
    text = (
        "Nigeria's delta is polluted.\nFarmers in Okoroba, a fishing community, lost nets.\n"
        "Pemzang Lepcha, a member of a community group, spoke.\n"
        "The Kreuzchor, the city's choir, sang.\n"
    )
    rows = places(text)
    assert rows.surface.tolist() == ["Nigeria", "Okoroba"]
    assert rows.iso3.tolist() == ["NGA", "NGA"]


def test_an_island_named_in_apposition_or_after_the_island_of_is_remembered() -> None:
    text = (
        "Italy's islands are busy.\nFerries reach Ginostra, the smallest island, at dawn.\n"
        "Boats to the island of Basiluzzo left.\nGinostra and Basiluzzo wait.\n"
    )
    rows = places(text)
    assert rows.surface.tolist() == ["Italy", "Ginostra", "Basiluzzo", "Ginostra", "Basiluzzo"]
    assert set(rows.iso3) == {"ITA"}


# -- places listed with places ------------------------------------------------------------------
def test_unknown_names_listed_with_places_of_one_country_take_that_country() -> None:
    text = "Scotland's ferries are late.\nBoats from Oban, Ulva, Lismore and Tobermory stopped.\n"
    rows = places(text)
    listed = rows[rows.rule == "listed_with_places"]
    assert listed.surface.tolist() == ["Ulva", "Lismore"] and set(listed.iso3) == {"GBR"}


@pytest.mark.parametrize(
    "text",
    [
        # places of two countries
        "Trains ran from Paris, Berlin, Zorbo and Madrid.\n",
        # ordinary words, a month, a person, a company
        "However, Glasgow, Edinburgh and Inverness are dry.\n",
        "Ferries from Glasgow, Oban and Nov were late.\n",
        "Glasgow, Oban and Shell Oil signed.\n",
        # two items only
        "Oban and Ulva are wet.\n",
    ],
)
def test_a_list_without_enough_places_of_one_country_adds_nothing(text: str) -> None:
    assert "listed_with_places" not in set(places(text).rule.astype(str))


def test_names_after_a_plural_place_noun_are_places_of_the_sentences_country() -> None:
    text = "Mexico is dry.\nWells ran dry in the villages of Xkopek, Sahcabá and Homún.\n"
    rows = places(text)
    listed = rows[rows.rule == "listed_with_places"]
    assert "Xkopek" in listed.surface.tolist() and set(listed.iso3) == {"MEX"}
    two = "Ghana sued.\nA court in The Hague heard Nigerian farmers of the villages of Oruma.\n"
    assert "Oruma" not in places(two).surface.tolist()  # two countries in its sentence


# -- US and UK conventions ----------------------------------------------------------------------
def test_a_us_town_and_its_postal_code_are_two_mentions() -> None:
    frame = places("The startup moved to College Station, TX, last spring.\n")
    assert [(r.surface, r.iso3, r.rule) for r in frame.itertuples()] == [
        ("College Station", "USA", "pair"),
        ("TX", "USA", "pair"),
    ]


def test_a_postal_code_alone_or_in_lower_case_is_no_place() -> None:
    assert found("OK, we said. Me and him went in.\n") == []


@pytest.mark.parametrize(
    ("text", "iso3"),
    [
        ("She moved from LA to NYC in May.\n", ["USA", "USA"]),
        ("Talks resumed in Washington DC on Friday.\n", ["USA"]),
        ("Unemployment in N. Ireland fell again.\n", ["GBR"]),
    ],
)
def test_us_and_uk_short_forms(text: str, iso3: list[str]) -> None:
    assert [iso for _, iso in found(text)] == iso3


# -- longest match and full names ---------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "iso3"),
    [
        ("Leaders of the People's Republic of China met on Monday.\n", ["CHN"]),
        ("Mining resumed in Papua New Guinea last week.\n", ["PNG"]),
        ("Drought hit New Mexico hard this summer.\n", ["USA"]),
        ("Oil output in Equatorial Guinea fell.\n", ["GNQ"]),
        ("Aid reached the Democratic Republic of the Congo.\n", ["COD"]),
    ],
)
def test_the_longest_name_wins(text: str, iso3: list[str]) -> None:
    assert [iso for _, iso in found(text)] == iso3


# -- people ---------------------------------------------------------------------------------------
def test_an_ordinary_word_opening_a_sentence_is_no_given_name() -> None:
    text = "The bridge opened on Sunday.\nMountainous Guizhou has built hundreds of them.\n"
    assert found(text) == [("Guizhou", "CHN")]


def test_a_subhead_before_a_colon_is_a_place_and_a_transcript_speaker_is_not() -> None:
    text = (
        "Italy's islands draw crowds.\n\nLipari: the capital\n\nThe port is busy.\n"
        "In Lipari, prices rose.\n"
    )
    assert [iso for _, iso in found(text)] == ["ITA", "ITA", "ITA"]


def test_a_surname_learned_once_is_the_person_for_the_whole_article() -> None:
    text = (
        "Climate scientist Michael Mann spoke in Oslo.\n\n"
        "Norway hosted the event. Later, Mann said the data were clear.\n"
    )
    assert [iso for _, iso in found(text)] == ["NOR", "NOR"]


def test_a_place_after_a_given_name_country_is_a_surname() -> None:
    text = "Aid arrived, said Israel Mendoza, a spokesman for the agency in Geneva.\n"
    assert [iso for _, iso in found(text)] == ["CHE"]


def test_a_title_case_headline_opening_on_a_place() -> None:
    assert found("Texas Lets Drillers Burn Off Gas Thousands Of Times\n") == [("Texas", "USA")]


# -- ambiguity resolved by the article ------------------------------------------------------------
def test_a_namesake_in_a_division_the_article_names_wins() -> None:
    text = (
        "Mexico's Yucatán has hundreds of cenotes.\n"
        "The colonial town of Valladolid sits between Mérida and Cancún.\n"
    )
    rows = {r.surface: (r.iso3, r.rule) for r in places(text).itertuples()}
    assert rows["Valladolid"] == ("MEX", "in_mentioned_division")


def test_parana_is_the_brazilian_state_in_an_article_about_brazil() -> None:
    text = "Brazil's farm belt is dry.\nFarmers in Paraná and São Paulo lost much of the crop.\n"
    rows = {r.surface: r.iso3 for r in places(text).itertuples()}
    assert rows["Paraná"] == "BRA"


def test_a_capital_beats_a_small_namesake_in_a_named_division() -> None:
    text = "Talks in Khartoum stalled.\nMediators in Riyadh and Washington urged a truce.\n"
    rows = {r.surface: r.iso3 for r in places(text).itertuples()}
    assert rows["Riyadh"] == "SAU"


# -- the outlet's own name ------------------------------------------------------------------------
def test_the_outlets_own_name_is_no_mention() -> None:
    text = "The Barbados Islander\n\nFerry fares rose in Barbados this week.\n"
    assert found(text, source="The Barbados Islander (weekly)") == [("Barbados", "BRB")]
    assert found(text) == [("Barbados", "BRB"), ("Barbados", "BRB")]


def test_verbs_beside_a_place_in_a_title_case_headline_are_no_names() -> None:
    text = "Judges Send Vermont Back To The Drawing Board\n"
    assert found(text) == [("Vermont", "USA")]


def test_a_credit_line_keeps_its_reporters_names() -> None:
    text = (
        "Talks resumed on Monday.\n"
        "(Reporting by Victoria Hale in Geneva; Editing by Sydney Marsh)\n"
    )
    assert [iso for _, iso in found(text)] == ["CHE"]


def test_second_level_divisions_count_in_a_division_the_article_names() -> None:
    text = "Scotland's ferries are failing.\nHauliers in Aberdeenshire and Orkney lost a week.\n"
    rows = [(r.surface, r.iso3, r.admin1) for r in places(text).itertuples()]
    assert ("Aberdeenshire", "GBR", "Scotland") in rows
    assert ("Orkney", "GBR", "Scotland") in rows


def test_a_state_written_as_a_unit_and_a_state_that_is_no_place() -> None:
    text = "Nigeria's oil regions flooded.\nFarmers in Rivers State and Delta State fled.\n"
    assert [iso for _, iso in found(text)] == ["NGA", "NGA", "NGA"]
    assert found("Nigeria's army fought Islamic State fighters.\n") == [("Nigeria", "NGA")]
    assert found("She studied at Washington State University.\n") == []


def test_a_place_after_a_place_name_prefix_is_no_surname() -> None:
    text = "Mexico's coast is busy.\nBoats leave Puerto Morelos at dawn.\n"
    assert [iso for _, iso in found(text)] == ["MEX", "MEX"]


def test_a_town_of_the_articles_main_country_beats_its_namesakes() -> None:
    text = (
        "Scotland's ferries are failing.\nIn Edinburgh, ministers met.\n"
        "Hauliers from Glasgow said the crossing to Tobermory was cancelled.\n"
    )
    rows = {r.surface: (r.iso3, r.rule) for r in places(text).itertuples()}
    assert rows["Tobermory"][0] == "GBR"


def test_a_middle_initial_and_a_title_make_a_name() -> None:
    text = "The judge ruled in Virginia.\nJudge Henry E. Hudson issued an order.\n"
    assert [iso for _, iso in found(text)] == ["USA"]
    text = "Texas and New Mexico argued.\nJustice Jackson wrote for the majority.\n"
    assert [iso for _, iso in found(text)] == ["USA", "USA"]


def test_a_surname_opening_a_sentence_is_no_town_of_the_main_country() -> None:
    assert found("Phillips, 28, of Atlanta, Georgia, has accepted.\n") == [
        ("Atlanta", "USA"),
        ("Georgia", "USA"),
    ]


def test_a_name_learned_as_a_persons_is_the_place_after_in() -> None:
    text = (
        "Italy's wine exports grew.\nChef Luca Marsala cooked for the guests.\n"
        "Marsala said the menu was new.\nTourists in Marsala bought wine.\n"
    )
    assert [iso for _, iso in found(text)] == ["ITA", "ITA"]


def test_washington_comma_dc_is_one_mention() -> None:
    assert found("The bill passed in Washington, D.C., on Friday.\n") == [
        ("Washington, D.C.", "USA")
    ]
    assert [iso for _, iso in found("From Paris, Texas, to Austin.\n")] == ["USA", "USA", "USA"]


def test_a_roman_numeral_is_no_place() -> None:
    assert found("The ferry Spirit II sailed late.\n") == []


def test_a_division_named_only_by_compass_words_needs_its_unit() -> None:
    assert found("North-West farmers want rain.\n") == []


def test_a_feature_takes_its_bases_country_only_when_the_article_names_it() -> None:
    text = "Nigeria's delta is polluted.\nThe firm Seaboard Delta denied it.\n"
    assert ("Seaboard Delta", "USA") not in found(text)


def test_us_written_without_full_stops_inside_a_territorys_name() -> None:
    assert found("Storms hit the US Virgin Islands.\n") == [("US Virgin Islands", "VIR")]
