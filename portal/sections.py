"""The home page's sections. Each app registers what it shows on the home page, in its
AppConfig.ready(), so the home page needs no change when an app lands:

    from portal.sections import HomeSection, register
    register(HomeSection("gazette", "bulletin/home_section.html", latest_issues, order=20))

`get_context(request, home_page)` returns the section's context, or None to hide it.
Each section must make a constant number of queries.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class HomeSection:
    name: str
    template: str
    get_context: Callable[[Any, Any], dict | None]
    order: int = 100


_sections: dict[str, HomeSection] = {}


def register(section):
    _sections[section.name] = section
    return section


def registered_sections():
    return sorted(_sections.values(), key=lambda section: (section.order, section.name))


def render_context(request, home_page):
    """[(template, context)] for every section that has something to show."""
    rendered = []
    for section in registered_sections():
        context = section.get_context(request, home_page)
        if context is not None:
            rendered.append(
                {"name": section.name, "template": section.template, "context": context}
            )
    return rendered
