"""Finding the pages a site has one of per language, and the pages anyone may see."""

from django.db.models import Exists, F, OuterRef
from django.db.models.functions import Length, Substr
from wagtail.models import PageViewRestriction


def open_to_all(queryset, within=None, path="path"):
    """The pages of a queryset that no view restriction (password, sign-in, groups) covers,
    on the page itself or on an ancestor: what listings, feeds, calendars and datasets show.

    `within`: a page being shown whose children these are. Its own restrictions and its
    ancestors' the visitor has passed, so only the children's own ones count. `path`: where
    the page's tree path is, for a queryset of things that point to pages.

    Wagtail's public() does the same with a query of its own for the restrictions; this is a
    subquery in the same statement, so a listing's number of queries stays what it was."""
    covering = PageViewRestriction.objects.filter(
        page__path=Substr(OuterRef(path), 1, Length(F("page__path"))))
    if within is not None:
        covering = covering.filter(page__depth__gt=within.depth)
    return queryset.filter(~Exists(covering))


def one_live_page(model, locale):
    """The live page of `model` in `locale`, for types a site has one of per language (an
    index, an intake form), or None. Not one behind a view restriction: what is found here
    is linked and listed for everyone (its feeds, calendars and home sections).

    Ordered by the type's own key: Wagtail's default order is the tree path, and on
    PostgreSQL `ORDER BY path LIMIT 1` walked the whole tree probing every page for the
    type (0.4 s on the home page at 100,000 gazette documents)."""
    return open_to_all(model.objects.live().filter(locale=locale)).order_by("pk").first()
