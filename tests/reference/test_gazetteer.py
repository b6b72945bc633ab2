"""The world gazetteer: rows from the libraries, names found as English writes them, and places
resolved by the article's country, never by first match. Sentences are written for the tests."""

import polars as pl
import pycountry
import pytest

from pipelines.extract.document import dateline_end
from pipelines.reference.gazetteer import Gazetteer, name_keys, read_gazetteer

ROWS = read_gazetteer()
GAZETTEER = Gazetteer(ROWS)


def _place(text, ignore=frozenset()):
    hits = GAZETTEER.find(text, ignore)
    return GAZETTEER.resolve(text, GAZETTEER.article_countries(hits)[:1])


def test_every_country_and_subdivision_comes_from_the_libraries():
    countries = ROWS.filter(pl.col("level") == 0)
    assert set(countries["country_code"]) == {c.alpha_2 for c in pycountry.countries}
    codes = set(ROWS.filter(pl.col("level") == 1)["admin1_code"].drop_nulls())
    top = {s.code for s in pycountry.subdivisions if s.parent_code is None}
    # Afghanistan's and Somalia's provinces come from the hand layer, with their ISO codes
    assert len(top - codes) / len(top) < 0.02
    towns = ROWS.filter(pl.col("level") == 3)
    assert towns.height > 100_000
    assert towns["latitude"].is_between(-90, 90).all()
    assert towns["geonameid"].is_not_null().mean() > 0.99  # all but the hand layer's cities


def test_the_hand_layer_keeps_its_districts_and_files_world_towns_under_its_provinces():
    afghan = ROWS.filter(pl.col("country_code") == "AF")
    kandahar = afghan.filter(pl.col("level") == 1, pl.col("name") == "Kandahar").row(0, named=True)
    assert (kandahar["admin1_code"], kandahar["pcode"]) == ("AF-KAN", "AF27")
    provinces = set(afghan.filter(pl.col("level") == 1)["name"])
    assert set(afghan.filter(pl.col("level") == 3)["admin1"].drop_nulls()) <= provinces
    assert afghan.filter(pl.col("level") == 2).height > 50


@pytest.mark.parametrize(
    ("text", "country", "admin1", "place", "precision"),
    [
        # the same town name in several countries: the article's country decides
        ("Fighting near Tripoli killed 12 fighters, Libya's health ministry said.",
         "LY", "Tripoli", "Tripoli", "town"),
        ("Clashes in Tripoli, Lebanon's second city, killed three people.",
         "LB", None, "Tripoli", "town"),
        ("A strike on the Kherson region killed four people, Ukraine said.",
         "UA", "Kherson", None, "admin1"),
        ("Shelling killed five people in Khan Younis in the Gaza Strip, medics said.",
         "PS", "Khan Yunis", None, "town"),
        ("Rebels attacked a gendarmerie post in Wum, in the North-West region of Cameroon.",
         "CM", "North-West", "Wum", "town"),
        # a town named without a preposition of place yields to the subdivision the text names
        ("Rebels attacked Wum in the North-West region of Cameroon.",
         "CM", "North-West", None, "admin1"),
        # "northern Gaza": the subdivision named for its part
        ("Israeli strikes killed 20 people in northern Gaza, medics said.",
         "PS", "North Gaza", None, "admin1"),
        # a district the hand layer knows, inside the province the text names
        ("The Taliban attacked a checkpoint in Nad Ali district of Helmand province.",
         "AF", "Helmand", None, "admin2"),
    ],
)  # fmt: skip
def test_a_place_resolves_in_the_articles_country(text, country, admin1, place, precision):
    found = _place(text)
    assert (found.country_code, found.precision) == (country, precision), found
    if admin1:
        assert found.admin1 == admin1, found
    if place:
        assert found.place == place, found
    if precision == "town":
        assert found.latitude is not None and found.longitude is not None


def test_what_english_says_is_not_a_place_is_not_one():
    text = (
        "Defence Minister Juan Manuel Santos said on Monday that police had sealed the Gulf of "
        "Aden route. Police said more. Ten soldiers died in Kabul."
    )
    names = [text[h.start : h.end] for h in GAZETTEER.find(text)]
    assert names == ["Kabul"]


def test_an_armed_groups_name_is_not_a_town():
    text = "Hamas fighters attacked an outpost, Israel's army said."
    assert "Hamas" in [text[h.start : h.end] for h in GAZETTEER.find(text)]
    ignored = name_keys(["hamas"])
    assert [text[h.start : h.end] for h in GAZETTEER.find(text, ignored)] == ["Israel"]


def test_the_dateline_names_the_country_but_not_the_event():
    text = (
        "NAIROBI (Reuters) - Militants stormed a base in Lower Shabelle, Somalia's army said. "
        "Somali officials said 12 soldiers died."
    )
    hits = GAZETTEER.find(text)
    assert hits[0].dateline and not any(h.dateline for h in hits[1:])
    found = _place(text)
    assert (found.country_code, found.admin1) == ("SO", "Lower Shabelle")


def test_a_passage_that_names_no_place_lies_in_the_articles_country():
    found = GAZETTEER.resolve("Two soldiers died.", ["ML"])
    assert (found.country_code, found.precision, found.admin1) == ("ML", "country", None)


def test_a_damaged_cache_of_the_world_layer_is_built_again(tmp_path, monkeypatch):
    from pipelines.reference import world

    expected = world.cached_world_places().height  # this process's build, made before
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    path = world._cache_path()
    path.parent.mkdir(parents=True)
    path.write_bytes(b"not parquet")
    assert world.cached_world_places.__wrapped__().height == expected
    assert pl.read_parquet(path).height == expected  # and kept for the next run


def test_a_state_named_as_an_actor_does_not_move_the_event_out_of_the_articles_country():
    said = "Since the invasion by the Russian Federation, 3,000 civilians have been killed."
    assert GAZETTEER.place_of(GAZETTEER.find(said), ["UA"]) is None  # the article's country
    found = GAZETTEER.resolve(said, ["UA"])
    assert found.country_code == "UA"
    placed = GAZETTEER.place_of(GAZETTEER.find("Two soldiers died in Russia."), ["UA"])
    assert placed.country_code == "RU"


def test_neighbours_and_reference_points_are_not_where_the_event_is():
    bordering = "Troops fought in the desert bordering Syria, Saudi Arabia and Jordan."
    assert not any(hit.locative for hit in GAZETTEER.find(bordering))
    reference = "The base lies about 200 km (125 miles) northwest of Baghdad."
    assert not any(hit.locative for hit in GAZETTEER.find(reference))
    inside = "Fighting went on in the north of Syria."
    assert any(hit.locative for hit in GAZETTEER.find(inside))


def test_french_names_of_subdivisions_meet_their_english_names():
    found = _place("Rebels killed 12 villagers in North Kivu, the army said.")
    assert (found.country_code, found.admin1, found.precision) == ("CD", "Nord Kivu", "admin1")


def test_a_dateline_of_two_cities_is_a_dateline():
    text = "BEIRUT/JERUSALEM (Reuters) - Jets struck targets in southern Lebanon on Saturday."
    hits = GAZETTEER.find(text)
    assert hits[0].dateline and text[hits[0].start : hits[0].end] == "BEIRUT"
    assert text[dateline_end(text) :].startswith("Jets struck")


def test_where_those_who_speak_sit_is_not_where_the_event_is():
    text = "Authorities in Kinshasa said rebels killed 50 people in North Kivu."
    seat = next(h for h in GAZETTEER.find(text) if text[h.start : h.end] == "Kinshasa")
    assert not seat.locative
    assert _place(text).admin1 == "Nord Kivu"


def test_a_subdivision_after_a_comma_completes_the_address_of_an_unknown_village():
    text = "Fighters stormed a camp in Qorvadil near Zebbuk, eastern Tigray, killing 20 soldiers."
    (hit,) = GAZETTEER.find(text)
    assert text[hit.start : hit.end] == "Tigray" and hit.locative


def test_a_reference_point_close_by_is_where_the_event_is_and_a_far_one_is_not():
    near = "An armed group attacked an airbase 4 kilometres southeast of Sabha."
    assert all(hit.locative for hit in GAZETTEER.find(near))
    assert _place(near).admin1.startswith("Sabha")
    far = "Militants stormed a refinery near Baiji, 200 km north of Baghdad."
    found = GAZETTEER.place_of(GAZETTEER.find(far), ["IQ"])
    assert (found.place, found.admin1) == ("Bayjī", "Salah ad Din")
    salahuddin = GAZETTEER.places_named("Salahuddin")
    assert {ROWS["admin1"][i] for i in salahuddin} == {"Salah ad Din"}


def test_a_name_several_places_share_means_the_one_in_the_subdivision_the_article_names():
    text = "Taliban attacked a checkpoint in Khogyani district, killing four soldiers."
    hits = GAZETTEER.find(text)
    assert GAZETTEER.place_of(hits, ["AF"]).admin1 == "Nangarhar"
    article = GAZETTEER.find("A checkpoint in eastern Ghazni province came under fire. " + text)
    areas = GAZETTEER.named_areas(article, ["AF"])
    assert areas == {("AF", "Ghazni")}
    assert GAZETTEER.place_of(hits, ["AF"], areas).admin1 == "Ghazni"


def test_where_people_fled_to_is_not_where_the_event_is_nor_the_rest_of_its_list():
    text = (
        "Villagers fled to places they thought safe in the towns of Mokolo, Mora, Kousseri and "
        "Maroua after the raid."
    )
    hits = GAZETTEER.find(text)
    assert len(hits) == 4 and all(h.elsewhere and not h.locative for h in hits)
    assert GAZETTEER.place_of(hits, ["CM"]) is None
