"""Side-by-side comparison of two versions' text, section by section (difflib).

The result is plain data for the template: for each section, rows of (left, right) cells, each
cell a list of (kind, text) pieces where kind is "same", "removed" or "added". Templates escape
the text; nothing here produces HTML.
"""

import difflib
import re
from dataclasses import dataclass, field

from .models import Section

WORDS = re.compile(r"\s+|[^\s]+")


@dataclass
class SectionDiff:
    number: int
    section: Section
    changed: bool
    rows: list = field(default_factory=list)  # [(left pieces, right pieces)]


def _paragraphs(text):
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _word_diff(old, new):
    """Mark the words that changed inside a changed paragraph."""
    old_words, new_words = WORDS.findall(old), WORDS.findall(new)
    left, right = [], []
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        before, after = "".join(old_words[i1:i2]), "".join(new_words[j1:j2])
        if tag == "equal":
            left.append(("same", before))
            right.append(("same", after))
        else:
            if before:
                left.append(("removed", before))
            if after:
                right.append(("added", after))
    return left, right


def diff_text(old, new):
    """[(left pieces, right pieces)] for two texts, paragraph by paragraph."""
    old_lines, new_lines = _paragraphs(old), _paragraphs(new)
    rows = []
    matcher = difflib.SequenceMatcher(a=old_lines, b=new_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            rows += [([("same", line)], [("same", line)]) for line in old_lines[i1:i2]]
            continue
        olds, news = old_lines[i1:i2], new_lines[j1:j2]
        for index in range(max(len(olds), len(news))):
            before = olds[index] if index < len(olds) else None
            after = news[index] if index < len(news) else None
            if before is not None and after is not None:
                rows.append(_word_diff(before, after))
            else:
                rows.append(([("removed", before)] if before is not None else [], [("added", after)] if after else []))
    return rows


def compare(old_agreement, new_agreement):
    """[SectionDiff] for every section, in agreement order."""
    result = []
    for number, section in enumerate(Section, start=1):
        old, new = getattr(old_agreement, section.value), getattr(new_agreement, section.value)
        result.append(SectionDiff(number, section, old != new, diff_text(old, new)))
    return result
