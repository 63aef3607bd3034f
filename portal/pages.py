"""Finding the pages a site has one of per language, and the pages anyone may see."""

from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Substr
from wagtail.models import Page, PageViewRestriction

from .memo import request_memo

# Deeper than any page the portal has (a gazette document is at depth 6).
MAX_DEPTH = 16


def open_to_all(queryset, within=None, path="path"):
    """The pages of a queryset that no view restriction (password, sign-in, groups) covers,
    on the page itself or on an ancestor: what listings, feeds, calendars and datasets show.

    `within`: a page being shown whose children these are. Its own restrictions and its
    ancestors' the visitor has passed, so only the children's own ones count. `path`: where
    the page's tree path is, for a queryset of things that point to pages.

    Wagtail's public() does the same with a query of its own; this is a subquery in the same
    statement, so a listing's number of queries stays what it was. It names the ancestors'
    paths (each a prefix of the page's, four characters a level), which the path index finds:
    comparing each listed page with every page's path instead took SQLite 52 s for the
    gazette index at 20,000 documents."""
    first = 1 if within is None else within.depth + 1
    covering = PageViewRestriction.objects.filter(page__path__in=[
        Substr(OuterRef(path), 1, Page.steplen * depth) for depth in range(first, MAX_DEPTH + 1)])
    return queryset.filter(~Exists(covering))


def view_restrictions(page):
    """The view restrictions that apply to `page` (Wagtail's Page.get_view_restrictions,
    which every page served checks): those on the page and its ancestors, an alias's taken
    from the page it is an alias of. One query, where Wagtail reads the ancestors first."""
    paths = [page.path[:end] for end in range(Page.steplen, len(page.path) + 1, Page.steplen)]
    on_path = Page.objects.filter(path__in=paths)
    return PageViewRestriction.objects.filter(
        Q(page__in=on_path.filter(alias_of__isnull=True).values("pk"))
        | Q(page__in=on_path.filter(alias_of__isnull=False).values("alias_of_id")))


def check_view_restrictions_at_once():
    """Makes Wagtail's Page.get_view_restrictions read in one query."""
    Page.get_view_restrictions = view_restrictions


def one_live_page(model, locale):
    """The live page of `model` in `locale`, for types a site has one of per language (an
    index, an intake form), or None. Not one behind a view restriction: what is found here
    is linked and listed for everyone (its feeds, calendars and home sections).

    Ordered by the type's own key: Wagtail's default order is the tree path, and on
    PostgreSQL `ORDER BY path LIMIT 1` walked the whole tree probing every page for the
    type (0.4 s on the home page at 100,000 gazette documents). Read once a request: the
    home page's sections ask for the same form."""
    memo = request_memo("one_live_page")
    key = (model, getattr(locale, "pk", locale))
    if memo is not None and key in memo:
        return memo[key]
    page = open_to_all(model.objects.live().filter(locale=locale)).order_by("pk").first()
    if memo is not None:
        memo[key] = page
    return page


class OneChildTypeRouting:
    """For a page whose children are all of one type (an index of datasets, of issues, of
    sister cities): finds the child a path names as that type in one query, where Wagtail's
    route reads it as a plain page, then again as its type. A child of any other type (from
    before the type was restricted) is still found the usual way."""

    def route(self, request, path_components):
        if path_components:
            models = self.specific_class.allowed_subpage_models()
            if len(models) == 1:
                child = (models[0].objects.child_of(self)
                         .filter(slug=path_components[0]).first())
                if child is not None and child.specific_class is models[0]:
                    child._cached_parent_obj = self
                    return child.route(request, path_components[1:])
        return super().route(request, path_components)
