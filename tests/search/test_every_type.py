"""Every public page type of every app is found on the search page by a word of its title."""

import re

import pytest

from home.models import HomePage
from tests.html import has_link, parse
from tests.page_makers import all_page_makers

SEARCHABLE = sorted(((model, make) for model, make in all_page_makers().items()
                     if model is not HomePage), key=lambda item: item[0].__name__)


def a_word_of(title):
    """Two Han characters from the middle of the title (a word the title does not start
    with), or the first Latin word."""
    runs = re.findall(r"[\u4e00-\u9fff]{2,}", title)
    if runs:
        run = max(runs, key=len)
        middle = max(0, len(run) // 2 - 1)
        return run[middle:middle + 2]
    return re.findall(r"[A-Za-z]+", title)[0]


@pytest.mark.parametrize("model, make", SEARCHABLE, ids=[m.__name__ for m, _ in SEARCHABLE])
def test_found_by_a_word_of_its_title(client, home, model, make):
    page = make(home)
    word = a_word_of(page.title)
    response = client.get("/search/", {"q": word})
    assert response.status_code == 200
    assert has_link(parse(response), page.url), (page.title, word)
