"""Many distinct articles from a few real ones, for benchmarks and crash tests.

Each copy keeps its source's front matter and text and gains one sentence with a unique code
word, so no two copies share content (none is a duplicate) and none gains a claim.
"""

from __future__ import annotations

import html
import json
import random
from collections.abc import Iterator
from pathlib import Path

import frontmatter


def code_word(index: int) -> str:
    """A unique lowercase word for an index (base 26, letters only, so no number appears)."""
    letters = ""
    index += 26 * 26  # at least three letters
    while index:
        index, rest = divmod(index, 26)
        letters = chr(ord("a") + rest) + letters
    return letters


def _copies(sources: list[Path], count: int, first: int) -> Iterator[tuple[str, frontmatter.Post]]:
    """(name, article) of copies number `first` to `first + count - 1`, cycling over `sources`."""
    posts = [(path.stem, frontmatter.load(path)) for path in sources]
    for index in range(first, first + count):
        stem, post = posts[index % len(posts)]
        yield (
            f"{stem}-{index:06d}",
            frontmatter.Post(
                post.content + f"\n\nDispatch code {code_word(index)}.\n", **post.metadata
            ),
        )


def write_synthetic_corpus(
    sources: list[Path], out_dir: Path, count: int, first: int = 0, pages: bool = False
) -> list[Path]:
    """Write `count` distinct article files cycling over `sources`, copies number `first` on;
    returns their paths.

    Copies of different numbers differ; a later call with `first` past the earlier copies adds new
    articles. With `pages`, each is a news site's HTML page instead of a front-mattered Markdown
    file.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, post in _copies(sources, count, first):
        path = out_dir / f"{name}.{'html' if pages else 'md'}"
        path.write_text(
            news_page(post) if pages else frontmatter.dumps(post) + "\n", encoding="utf-8"
        )
        written.append(path)
    return written


def news_page(post: frontmatter.Post) -> str:
    """An article as a news site serves it: its date and outlet in the page's metadata, the text
    among navigation, related links and a footer, as trafilatura meets it in a feed of pages.
    """
    paragraphs = [p.strip() for p in post.content.split("\n\n") if p.strip()]
    # the code word inside the last paragraph: a lone short line reads as boilerplate
    paragraphs[-2:] = [" ".join(paragraphs[-2:])]
    title, outlet = (
        html.escape(str(post.get("title", ""))),
        html.escape(str(post.get("outlet", ""))),
    )
    published = post.get("published")
    links = "".join(
        f'<li><a href="/news/world-{i}">More world news, part {i}</a></li>' for i in range(40)
    )
    related = "".join(
        f'<li><a href="/news/related-{i}">Related story, part {i}</a></li>' for i in range(8)
    )
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title} - '
        f"{outlet}</title>"
        f'<meta property="og:site_name" content="{outlet}"><meta property="og:title" '
        f'content="{title}">'
        + (f'<meta property="article:published_time" content="{published}">' if published else "")
        + f"</head><body><header><nav><ul>{links}</ul></nav></header>"
        + f"<main><article><h1>{title}</h1>"
        + "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
        + f"</article><aside><h2>Related</h2><ul>{related}</ul></aside></main>"
        f"<footer><p>Copyright {outlet}. All rights reserved.</p></footer></body></html>\n"
    )


def append_synthetic_bundle(sources: list[Path], bundle: Path, count: int, first: int = 0) -> Path:
    """Append the same copies as `write_synthetic_corpus` to a JSONL bundle, one article a line
    (front matter as fields).
    """
    bundle.parent.mkdir(parents=True, exist_ok=True)
    with bundle.open("a", encoding="utf-8") as out:
        for name, post in _copies(sources, count, first):
            fields = {
                key: value if value is None or isinstance(value, (str, int, float)) else str(value)
                for key, value in post.metadata.items()
            }
            out.write(
                json.dumps({"id": name, **fields, "text": post.content}, ensure_ascii=False) + "\n"
            )
    return bundle


# our own sentences of conflict reporting, for text of any length with many claims, speakers and
# quotes
_SPEAKERS = [
    "the defence ministry said",
    "a police spokesman told reporters",
    "local officials said",
    "the militants claimed in a statement",
    "witnesses said",
    "according to the provincial governor",
    "medics at the hospital said",
    "the army said on its website",
]
_PLACES = [
    "the northern district",
    "a village near the border",
    "the provincial capital",
    "an army post",
    "the main market",
]


def _report_sentence(rng: random.Random) -> str:
    n, m, who, place = (
        rng.randint(2, 90),
        rng.randint(2, 40),
        rng.choice(_SPEAKERS),
        rng.choice(_PLACES),
    )
    return rng.choice(
        [
            f"At least {n} soldiers were killed and {m} wounded in an attack on {place}, {who}.",
            f"{who[0].upper()}{who[1:]} that {n} fighters died in the clashes.",
            f"\u201cWe lost {m} of our men,\u201d a commander said after the raid on {place}.",
            f"The fighting in {place} lasted for several hours before reinforcements arrived.",
            f"More than {n} civilians were wounded when shells hit {place}, {who}.",
        ]
    )


def conflict_report(rng: random.Random, size: int) -> str:
    """About `size` characters of conflict reporting on one line: sentences with counts, speakers
    and quotes.
    """
    sentences, length = [], 0
    while length < size:
        sentences.append(_report_sentence(rng))
        length += len(sentences[-1]) + 1
    return " ".join(sentences)
