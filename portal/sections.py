"""The home page's sections. Each app registers what it shows on the home page as a
HOME_SECTIONS hook in its wagtail_hooks.py, so the home page needs no change when an app
lands:

    @hooks.register(extensions.HOME_SECTIONS)
    def gazette_section():
        return [HomeSection("gazette", "bulletin/home_section.html", latest_gazette, order=20)]

`get_context(request, home_page)` returns the section's context, or None to hide it.
Each section must make a constant number of queries. `pages`: the page types the section
links to by address and title (an index, a form), read for all sections in one query with
the home page's children (portal.pages.read_home_pages): the section then finds them with
one_live_plain_page and live_children without a query of its own.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from . import extensions
from .pages import read_home_pages


@dataclass(frozen=True)
class HomeSection:
    name: str
    template: str
    get_context: Callable[[Any, Any], dict | None]
    order: int = 100
    pages: tuple = ()


def registered_sections():
    return sorted(extensions.collect(extensions.HOME_SECTIONS),
                  key=lambda section: (section.order, section.name))


def render_context(request, home_page):
    """[(template, context)] for every section that has something to show."""
    rendered = []
    sections = registered_sections()
    read_home_pages(home_page, [model for section in sections for model in section.pages])
    for section in sections:
        context = section.get_context(request, home_page)
        if context is not None:
            rendered.append(
                {"name": section.name, "template": section.template, "context": context}
            )
    return rendered
