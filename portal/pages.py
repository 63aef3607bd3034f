"""Finding the pages a site has one of per language."""


def one_live_page(model, locale):
    """The live page of `model` in `locale`, for types a site has one of per language (an
    index, an intake form), or None. Not one behind a view restriction: what is found here
    is linked and listed for everyone (its feeds, calendars and home sections).

    Ordered by the type's own key: Wagtail's default order is the tree path, and on
    PostgreSQL `ORDER BY path LIMIT 1` walked the whole tree probing every page for the
    type (0.4 s on the home page at 100,000 gazette documents)."""
    return model.objects.live().public().filter(locale=locale).order_by("pk").first()
