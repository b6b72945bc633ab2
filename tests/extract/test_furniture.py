from pipelines.extract.furniture import body_spans, is_furniture


def test_credits_captions_and_ads_are_furniture():
    text = (
        "Headline here\n\nImage source, AFP\nImage caption,\nSoldiers at a base in the south\n\n"
        "Ten soldiers were killed, officials said.\n\nAdvertisement\n\n(Writing by A Writer; "
        "Editing by An Editor)\n\n"
        "Most Read\nLocal team wins 2-1 in the derby\n"
    )
    kept = [text[s:e] for s, e in body_spans(text, "Headline here")]
    assert kept == ["Ten soldiers were killed, officials said."]


def test_credits_at_the_end_of_the_last_paragraph_are_furniture():
    text = "Two soldiers died, the army said. (Reporting by A Writer; Editing by An Editor)\n"
    assert [text[s:e] for s, e in body_spans(text)] == ["Two soldiers died, the army said."]


def test_offsets_point_into_the_original_text():
    text = "  Intro line without end\n\n   Five people died in the blast, police said.  \n"
    ((start, end),) = body_spans(text)
    assert text[start:end] == "Five people died in the blast, police said."


def test_wire_photo_caption_is_furniture():
    assert is_furniture(
        "FILE - In this Feb. 8, 2019, file photo, an envoy speaks in Washington. AP Photo"
    )
    assert not is_furniture("The governor says 15 policemen were wounded in the attack.")


def test_furniture_of_other_outlets():
    lines = [
        "SOURCE: AL JAZEERA AND NEWS AGENCIES",
        "Read more:",
        "Associated Press writer Rahim Faiez contributed to this report from Kabul.",
        "Reporting by Abdi Sheikh; Editing by Raissa Kasolowsky",
        "Sign up for our newsletter",
        "Related News",
        "Follow us on Twitter",
        "Share this article",
        "___",
        "Copyright 2019 The Associated Press. All rights reserved.",
    ]
    assert [line for line in lines if not is_furniture(line)] == []
