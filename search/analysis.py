"""Text analysis shared by every search backend, at index time and at query time.

Chinese has no spaces between words, so a Han run is indexed as its overlapping bigrams
(any two-character word inside it, such as 釜山 or 調解, is one of them) followed by its
single characters (so one-character queries work). A query turns each Han run into the
phrase of its bigrams, which only matches where those bigrams are consecutive, that is
where the whole word occurs. Latin words are reduced to their Snowball English stems, so
"markets" finds "market"; digits are kept as they are.

Before that, text is NFKC-normalised (full-width ＡＢＣ becomes ABC), case-folded, and
Traditional characters are mapped to Simplified ones. Traditional→Simplified is a
many-to-one mapping (發 and 髮 both become 发), so unlike the reverse direction it needs
no context: 消費者 and 消费者 end up as the same tokens, whichever script was typed.
"""

import functools
import re
import unicodedata
from pathlib import Path

import opencc
import snowballstemmer

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
# Han runs, digit runs, and runs of other letters; a letter run stops where Han begins,
# since both count as word characters ("odf文件" is "odf" then "文件").
TOKEN = re.compile(rf"([{HAN}]+)|(\d+)|((?:(?![{HAN}])[^\W\d_])+)")
# Words too common in English to narrow a search; dropped on both sides alike.
STOPWORDS = frozenset({
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "is", "it", "of",
    "on", "or", "the", "to", "with",
})
_stemmer = snowballstemmer.stemmer("english")


@functools.cache
def character_table():
    """Traditional → Simplified, one character to one character, from OpenCC's table.

    The same table feeds Elasticsearch's mapping char_filter, so every backend agrees."""
    path = Path(opencc.__file__).parent / "dictionary" / "TSCharacters.txt"
    table = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        source, _, targets = line.partition("\t")
        target = targets.split(" ")[0]
        if len(source) == 1 and len(target) == 1 and source != target:
            table[source] = target
    return table


@functools.cache
def _translation():
    return str.maketrans(character_table())


def normalise(text):
    return unicodedata.normalize("NFKC", text).casefold().translate(_translation())


def _stem(word):
    return _stemmer.stemWord(word)


def _groups(text):
    """Each token run of the text as a list of index tokens, in order."""
    for han, digits, word in TOKEN.findall(normalise(text)):
        if han:
            yield [han[i:i + 2] for i in range(len(han) - 1)] or [han]
        elif digits:
            yield [digits]
        elif word not in STOPWORDS:
            yield [_stem(word)]


def analyze(text):
    """The index tokens of a text: per Han run its bigrams then its characters; stems;
    digits."""
    tokens = []
    for han, digits, word in TOKEN.findall(normalise(text)):
        if han:
            if len(han) > 1:
                tokens.extend(han[i:i + 2] for i in range(len(han) - 1))
            tokens.extend(han)
        elif digits:
            tokens.append(digits)
        elif word not in STOPWORDS:
            tokens.append(_stem(word))
    return tokens


def analyze_query(text):
    """The query's terms: each a list of tokens that must occur consecutively (a Han run's
    bigrams, or one token). A document matches when it holds every term."""
    return list(_groups(text))


def analyzed_text(text):
    """What goes into the index entry: the tokens separated by spaces, which both SQLite's
    unicode61 tokenizer and PostgreSQL's `simple` configuration split back unchanged."""
    return " ".join(analyze(text))
