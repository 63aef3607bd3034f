from django import template
from wagtail.templatetags.wagtailcore_tags import pageurl

from bulletin.models import GazetteIndexPage

register = template.Library()


@register.simple_tag(takes_context=True)
def gazette_url(context, page):
    """Where a reader of this page's language reads a gazette issue or document.

    The gazette is published in Chinese only; a translated gazette index (the English one)
    serves the Chinese issues and documents with its own language around them."""
    index = context.get("gazette_index")
    if index is None and isinstance(context.get("page"), GazetteIndexPage):
        index = context["page"]
    if index is not None and index.locale_id != page.locale_id:
        return index.reading_url(page)
    return pageurl(context, page)
