"""Reading a page's HTML in tests: parse it and look for elements and attributes, rather
than matching substrings of the markup."""

from bs4 import BeautifulSoup, NavigableString


def parse(html):
    """The parsed document of an HTML string, bytes or Django response."""
    content = getattr(html, "content", html)
    if isinstance(content, bytes):
        content = content.decode()
    return BeautifulSoup(content, "html.parser")


def texts(soup):
    """Every text node of the document, stripped, in document order."""
    return [text.strip() for text in soup.find_all(string=True) if text.strip()]


def has_link(soup, href, text=None):
    """Whether the document (or element) has a link to `href`, with exactly `text` if given."""
    return any(text is None or link.get_text(strip=True) == text
               for link in soup.find_all("a", href=href))


def inline_scripts(soup):
    """The text of each inline <script> without attributes, exactly as the page has it."""
    return [script.string or "" for script in soup.find_all("script") if not script.attrs]


def leading_text(element):
    """The text an element starts with, before its first child element, stripped."""
    first = next(iter(element.contents), None)
    return first.strip() if isinstance(first, NavigableString) else ""
