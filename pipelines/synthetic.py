"""Many distinct articles from a few real ones, for benchmarks and crash tests.

Each copy keeps its source's front matter and text and gains one sentence with a unique code
word, so no two copies share content (none is a duplicate) and none gains a claim.
"""

from __future__ import annotations

import json
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
        yield f"{stem}-{index:06d}", frontmatter.Post(post.content + f"\n\nDispatch code {code_word(index)}.\n", **post.metadata)


def write_synthetic_corpus(sources: list[Path], out_dir: Path, count: int, first: int = 0) -> list[Path]:
    """Write `count` distinct article files cycling over `sources`, copies number `first` on; returns their paths.

    Copies of different numbers differ; a later call with `first` past the earlier copies adds new articles.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, post in _copies(sources, count, first):
        path = out_dir / f"{name}.md"
        path.write_text(frontmatter.dumps(post) + "\n", encoding="utf-8")
        written.append(path)
    return written


def append_synthetic_bundle(sources: list[Path], bundle: Path, count: int, first: int = 0) -> Path:
    """Append the same copies as `write_synthetic_corpus` to a JSONL bundle, one article a line (front matter as fields)."""
    bundle.parent.mkdir(parents=True, exist_ok=True)
    with bundle.open("a", encoding="utf-8") as out:
        for name, post in _copies(sources, count, first):
            fields = {key: value if value is None or isinstance(value, (str, int, float)) else str(value) for key, value in post.metadata.items()}
            out.write(json.dumps({"id": name, **fields, "text": post.content}, ensure_ascii=False) + "\n")
    return bundle
