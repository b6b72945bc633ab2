"""A regex alternation factored as a trie, so matching many names costs one branch per character."""

from __future__ import annotations

import re


def trie_pattern(words: list[str], escape=re.escape) -> str:
    """Pattern matching any of `words` (longest first at each branch); `escape` turns a character into regex."""
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = True

    def build(node: dict) -> str:
        ends = "" in node
        branches = [escape(ch) + build(child) for ch, child in sorted(node.items()) if ch != ""]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if ends else body

    return build(trie)
