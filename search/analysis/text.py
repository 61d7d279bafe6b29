"""Text basics shared by query and document analysis: normalisation, scripts, word tokens.

Visitors never write engine syntax: every character that means something to a query parser
(``AND (``, ``title:``, ``*:*``, quotes, backslashes) is turned into a space here, and what is
left is plain words that the planner turns into engine-neutral clauses.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Final, Iterator, NamedTuple

#: Longest query the service analyses; the rest is cut (the result says so).
MAX_QUERY_CHARS: Final = 200

LATIN_LOCALES: Final[frozenset[str]] = frozenset({"en", "fr", "de", "es", "vi"})
CJK_LOCALES: Final[frozenset[str]] = frozenset({"zh", "ja", "ko"})


def char_script(ch: str) -> str:
    """The script of one character: han, kana, hangul, latin, cyrillic, arabic, digit or other."""
    code = ord(ch)
    if 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0xF900 <= code <= 0xFAFF \
            or 0x20000 <= code <= 0x3FFFF or ch == "〇":
        return "han"
    if 0x3040 <= code <= 0x30FF or 0x31F0 <= code <= 0x31FF or 0xFF66 <= code <= 0xFF9F:
        return "kana"
    if 0xAC00 <= code <= 0xD7AF or 0x1100 <= code <= 0x11FF or 0x3130 <= code <= 0x318F:
        return "hangul"
    if ch.isdigit():
        return "digit"
    if 0x0400 <= code <= 0x052F:
        return "cyrillic"
    if 0x0600 <= code <= 0x06FF or 0x0750 <= code <= 0x077F or 0xFB50 <= code <= 0xFDFF \
            or 0xFE70 <= code <= 0xFEFF:
        return "arabic"
    if ch.isalpha() and (code < 0x0250 or 0x1E00 <= code <= 0x1EFF):
        return "latin"
    if unicodedata.category(ch).startswith("M"):
        return "mark"
    return "other"


def is_word_char(ch: str) -> bool:
    """Letters, digits and combining marks make words; everything else separates them."""
    return unicodedata.category(ch)[0] in "LNM"


def normalize_query(text: str) -> tuple[str, bool]:
    """Make typed text safe plain words: NFKC, no control or syntax characters, one space between
    words, at most :data:`MAX_QUERY_CHARS` characters (cut at a word boundary when possible).

    Returns the text and whether it was truncated. Never raises for any ``str``.
    """
    text = unicodedata.normalize("NFKC", text[: MAX_QUERY_CHARS * 4])
    kept = []
    for ch in text:
        kept.append(ch if is_word_char(ch) else " ")
    cleaned = " ".join("".join(kept).split())
    # A word that is only combining marks (stray accents, variation selectors) means nothing.
    cleaned = " ".join(w for w in cleaned.split(" ") if any(unicodedata.category(c)[0] in "LN" for c in w))
    truncated = len(cleaned) > MAX_QUERY_CHARS
    if truncated:
        cut = cleaned[:MAX_QUERY_CHARS]
        space = cut.rfind(" ")
        cleaned = cut[:space] if space > MAX_QUERY_CHARS // 2 else cut
    return cleaned, truncated


class _FoldTable(dict):  # type: ignore[type-arg]
    """``str.translate`` table computed one character at a time, on first sight."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        if ch == "đ":
            folded = "d"
        elif ch == "ё":
            folded = "е"
        elif ch == "ß":
            folded = "ss"
        elif ch.isalpha() and char_script(ch) == "latin":
            base = unicodedata.normalize("NFD", ch)
            folded = "".join(c for c in base if not unicodedata.combining(c)) or ch
        else:
            folded = ch
        self[code] = folded
        return folded


_FOLD = _FoldTable()


def fold(text: str) -> str:
    """Lowercase and strip accents from Latin letters (``"Thé Vert"`` -> ``"the vert"``).

    Other scripts only lose their case; Cyrillic ``ё`` becomes ``е``.
    """
    lowered = text.casefold()
    return lowered if lowered.isascii() else lowered.translate(_FOLD)


@dataclass(frozen=True)
class Run:
    """A maximal stretch of one script family in a text, with its character offsets."""

    script: str
    text: str
    start: int
    end: int


def _family(script: str) -> str:
    """Group scripts that are segmented together (Han with kana: Japanese mixes them)."""
    return {"kana": "cjk", "han": "cjk", "hangul": "hangul", "digit": "digit"}.get(script, script)


def script_runs(text: str) -> list[Run]:
    """Split ``text`` into runs of words of one script family.

    Han and kana form one ``cjk`` run (Japanese mixes them); the run's ``script`` is ``kana`` if
    it holds any kana, else ``han``. Digits belong to the run they touch (``"48V"`` is Latin);
    neighbouring runs of one script separated by spaces are joined (``"silk lantern"``).
    """
    runs: list[Run] = []
    start: int | None = None
    family = ""
    for i, ch in enumerate(text):
        if not is_word_char(ch):
            if start is not None:
                runs.append(Run(_run_script(family, text[start:i]), text[start:i], start, i))
                start = None
            continue
        script = char_script(ch)
        fam = _family(script)
        if start is None:
            start, family = i, fam
        elif fam == family or fam == "digit" or script in ("mark", "other"):
            continue
        elif family == "digit":
            family = fam
        else:
            runs.append(Run(_run_script(family, text[start:i]), text[start:i], start, i))
            start, family = i, fam
    if start is not None:
        runs.append(Run(_run_script(family, text[start:]), text[start:], start, len(text)))
    return list(_merge_spaced(text, runs))


def _run_script(family: str, chunk: str) -> str:
    if family == "cjk":
        return "kana" if any(char_script(c) == "kana" for c in chunk) else "han"
    return family


def _merge_spaced(text: str, runs: list[Run]) -> Iterator[Run]:
    """Join neighbouring runs of the same script separated only by spaces (``"silk lantern"``)."""
    current: Run | None = None
    for run in runs:
        if current and current.script == run.script and not text[current.end:run.start].strip():
            current = Run(run.script, text[current.start:run.end], current.start, run.end)
            continue
        if current:
            yield current
        current = run
    if current:
        yield current


class Word(NamedTuple):
    """A word of a text with its character offsets in that text."""

    text: str
    start: int
    end: int


_WORD = re.compile(r"[^\W_]+(?:[\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed][^\W_]*)*")


def word_texts(text: str) -> list[str]:
    """The words of ``text`` without offsets (the fast path of :func:`words`)."""
    return _WORD.findall(text)


def words(text: str) -> list[Word]:
    """The words of ``text`` (letters and digits, with their combining marks) and their offsets."""
    return [Word(m.group(), m.start(), m.end()) for m in _WORD.finditer(text)]


def script_language(script: str, locale: str) -> str:
    """The analysis language for a run of ``script`` typed by someone browsing in ``locale``.

    Latin text is read in the visitor's language when that language is written in Latin, else
    as English (pinyin is tried as well by the planner); Han text is Chinese unless the visitor
    browses in Japanese.
    """
    if script == "latin" or script == "digit":
        return locale if locale in LATIN_LOCALES else "en"
    if script == "han":
        return "ja" if locale == "ja" else "zh"
    return {"kana": "ja", "hangul": "ko", "cyrillic": "ru", "arabic": "ar"}.get(script, "en")
