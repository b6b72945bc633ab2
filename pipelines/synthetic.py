"""Many distinct articles from a few real ones, for benchmarks and crash tests.

Each copy keeps its source's front matter and text and gains one sentence with a unique code
word, so no two copies share content (none is a duplicate) and none gains a claim.
"""

from __future__ import annotations

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


def write_synthetic_corpus(sources: list[Path], out_dir: Path, count: int, first: int = 0) -> list[Path]:
    """Write `count` distinct article files cycling over `sources`, copies number `first` on; returns their paths.

    Copies of different numbers differ; a later call with `first` past the earlier copies adds new articles.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    posts = [(path.stem, frontmatter.load(path)) for path in sources]
    written = []
    for index in range(first, first + count):
        stem, post = posts[index % len(posts)]
        copy = frontmatter.Post(post.content + f"\n\nDispatch code {code_word(index)}.\n", **post.metadata)
        path = out_dir / f"{stem}-{index:06d}.md"
        path.write_text(frontmatter.dumps(copy) + "\n", encoding="utf-8")
        written.append(path)
    return written
