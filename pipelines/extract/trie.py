"""A regex alternation factored as a trie, so matching many names costs one branch per character."""

from __future__ import annotations

import re


def trie_pattern(words: list[str], escape=re.escape, after_first: str = "") -> str:
    """Pattern matching any of `words` (longest first at each branch); `escape` turns a character
    into regex.

    `after_first` goes right after each word's first character: a lookbehind placed there (rather
    than before the pattern) leaves the pattern starting with literal characters, which `re` scans
    for fast.
    """
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = True

    def build(node: dict, depth: int = 0) -> str:
        ends = "" in node
        branches = [
            escape(ch) + (after_first if depth == 0 else "") + build(child, depth + 1)
            for ch, child in sorted(node.items())
            if ch != ""
        ]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if ends else body

    return build(trie)
