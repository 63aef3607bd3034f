"""Finding the pages a site has one of per language, and the pages anyone may see."""

from django.conf import settings
from django.core.cache import cache
from django.db.models import BooleanField, CharField, Exists, F, Func, OuterRef, Q
from django.http import Http404
from django.utils.translation import get_language
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.query import TreeQuerySet
from wagtail.url_routing import RouteResult

from .fragments import SECONDS, kept_key
from .memo import request_memo

# Deeper than any page the portal has (a gazette document is at depth 6).
MAX_DEPTH = 16


class AncestorPaths(Func):
    """The tree paths of a page's ancestors at depths `first` to `last` (the page's own
    among them when it is that deep), as a list for IN: one expression where a list of
    Substr made Django build and compile sixteen on every listing, the largest part of
    the time a cold page spends in Python outside its templates."""

    output_field = CharField()

    def __init__(self, path, first, last):
        super().__init__(path)
        self.first, self.last = first, last

    def as_sql(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.source_expressions[0])
        parts = [f"SUBSTR({sql}, 1, {Page.steplen * depth})"
                 for depth in range(self.first, self.last + 1)]
        return f"({', '.join(parts)})", tuple(params) * len(parts)


class OpenToAll(Func):
    """True for a page (by its tree path) whose ancestors at depths `first` to `last` (its
    own path among them when it is that deep) carry no view restriction. The few restricted
    paths are read once for the whole statement, not once for each page listed as with a
    correlated NOT EXISTS, which took PostgreSQL 560 to 780 ms to count the gazette's
    100,000 documents (165 ms now, 58 with no condition at all)."""

    output_field = BooleanField()
    conditional = True

    def __init__(self, path, first, last):
        super().__init__(path)
        self.first, self.last = first, last

    @staticmethod
    def restricted(connection):
        """The restricted pages' paths, as SQL written once, not a queryset built and
        compiled for every listing (a cold home page lists seven kinds of page)."""
        qn = connection.ops.quote_name
        page, restriction = Page._meta, PageViewRestriction._meta
        return (f"SELECT restricted_page.{qn(page.get_field('path').column)}"  # noqa: S608
                f" FROM {qn(page.db_table)} restricted_page"
                f" WHERE restricted_page.{qn(page.pk.column)} IN"
                f" (SELECT {qn(restriction.get_field('page').column)}"
                f" FROM {qn(restriction.db_table)})")

    def as_sql(self, compiler, connection, **extra_context):
        path, path_params = compiler.compile(self.source_expressions[0])
        restricted = self.restricted(connection)
        ancestors = [f"SUBSTR({path}, 1, {Page.steplen * depth})"
                     for depth in range(self.first, self.last + 1)]
        return (f"NOT ({' OR '.join(f'{ancestor} IN ({restricted})' for ancestor in ancestors)})",
                tuple(path_params) * len(ancestors))

    def as_postgresql(self, compiler, connection, **extra_context):
        # The path tested against each restricted path at those depths as a prefix (^@):
        # one array, so the planner does not count sixteen NOT IN as halving the rows
        # sixteen times; and no sixteen substrings built for every row, which was half
        # of counting the gazette's 100,000 documents (480 -> 230 ms with no restriction).
        path, path_params = compiler.compile(self.source_expressions[0])
        shortest, longest = Page.steplen * self.first, Page.steplen * self.last
        return (f"NOT ({path}::text ^@ ANY (ARRAY(SELECT restricted.path::text"  # noqa: S608
                f" FROM ({self.restricted(connection)}) restricted WHERE LENGTH(restricted.path)"
                f" BETWEEN {shortest} AND {longest})))",
                tuple(path_params))


def child_of_q(queryset, other):
    """Wagtail's child_of as treebeard's own get_children asks for them: the depth and the
    range of paths a child's can take (MP_Node._get_children_path_interval). Wagtail's
    `path LIKE 'prefix%'` SQLite cannot read through the (depth, path) index (its LIKE
    ignores case, the index does not), so a gazette issue's documents were looked for
    among every document at their depth (150 ms at 100,000). The same rows: a child's
    path is its parent's and one step more."""
    return Q(depth=other.depth + 1, path__range=Page._get_children_path_interval(other.path))


def open_to_all(queryset, within=None, path="path"):
    """The pages of a queryset that no view restriction (password, sign-in, groups) covers,
    on the page itself or on an ancestor: what listings, feeds, calendars and datasets show.

    `within`: a page being shown whose children these are. Its own restrictions and its
    ancestors' the visitor has passed, so only the children's own ones count. `path`: where
    the page's tree path is, for a queryset of things that point to pages.

    Wagtail's public() does the same with a query of its own; this is a condition in the
    same statement, so a listing's number of queries stays what it was."""
    first = 1 if within is None else within.depth + 1
    return queryset.filter(OpenToAll(F(path), first, MAX_DEPTH))


def view_restrictions(page):
    """The view restrictions that apply to `page` (Wagtail's Page.get_view_restrictions,
    which every page served checks): those on the page and its ancestors, an alias's taken
    from the page it is an alias of. One query, where Wagtail reads the ancestors first;
    none for a page the router read with neither a restriction nor an alias on its path."""
    memo = request_memo("route")
    if memo and page.pk in memo.get("unrestricted", ()):
        return PageViewRestriction.objects.none()
    paths = [page.path[:end] for end in range(Page.steplen, len(page.path) + 1, Page.steplen)]
    on_path = Page.objects.filter(path__in=paths)
    return PageViewRestriction.objects.filter(
        Q(page__in=on_path.filter(alias_of__isnull=True).values("pk"))
        | Q(page__in=on_path.filter(alias_of__isnull=False).values("alias_of_id")))


def localized_root(root):
    """`root.localized.specific` (the site's home page in the reader's language if it has a
    live translation there, else itself, as its own type) in one query, where Wagtail reads
    the translation and then its type: a query fewer on every page in English."""
    model = root.specific_class
    if model is None or not getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        return root.localized.specific
    try:
        locale = Locale.get_active()
    except (LookupError, Locale.DoesNotExist):
        return root.specific
    pages = {page.locale_id: page for page in model.objects.filter(
        translation_key=root.translation_key, locale_id__in={locale.id, root.locale_id})}
    translated = pages.get(locale.id)
    if translated is not None and translated.live:
        return translated
    return pages.get(root.locale_id) or root.specific


def route_for_request(request, path):
    """Wagtail's Page.route_for_request, starting from localized_root; inside a GET or HEAD
    request (and a POST to a page), from the pages read_route read. A POST's route is kept
    (kept_route)."""
    if not hasattr(request, "_wagtail_route_for_request"):
        key = kept_route_key(request, path) if request.method == "POST" else None
        kept = cache.get(key) if key else None
        if kept is not None:
            request_memo("route").setdefault("unrestricted", set()).add(kept.page.pk)
            request._wagtail_route_for_request = kept
            return kept
        try:
            site = Site.find_for_request(request)
            if site:
                components = [component for component in path.split("/") if component]
                request._wagtail_route_for_request = route_from_site(request, site, components)
            else:
                request._wagtail_route_for_request = None
        except Http404:
            # .route() can raise Http404
            request._wagtail_route_for_request = None
        if key and keeps(request._wagtail_route_for_request):
            cache.set(key, request._wagtail_route_for_request, SECONDS)
    return request._wagtail_route_for_request


# The route of a form sent to a page (an intake form): the same for every sender until the
# content changes, and reading it (the site, the pages on the path, the page as its type)
# was more than a third of a submission's CPU, for the fifty citizens sending at once.
def kept_route_key(request, path):
    """The key of a POST's kept route: the host and port a site is found by, the path's
    components, the language and the content version, which every publish, move, view
    restriction, site and locale change replaces (portal.invalidation), so no kept route
    outlives them. None outside a request with memos (read_route's knowledge of
    restrictions)."""
    if request_memo("route") is None:
        return None
    # The path as the router reads it: extra slashes make no key of their own.
    components = "/".join(component for component in path.split("/") if component)
    return kept_key("route", request._get_raw_host(), request.get_port(), components,
                    get_language() or "")


def keeps(result):
    """Only a page served as itself (no sub-route's arguments) that read_route found with
    no view restriction and no alias on its path is kept: a restricted page is checked on
    every request, as before."""
    memo = request_memo("route")
    return (result is not None and not result.args and not result.kwargs
            and result.page.pk in memo.get("unrestricted", ()))


def route_from_site(request, site, components):
    root = site.root_page
    memo = request_memo("route")
    if memo is None or root.depth < 2 or not getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        return localized_root(root).route(request, components)
    pages = read_route(memo, root, components)
    translations = {page.locale_id: page for page in pages
                    if page.translation_key == root.translation_key}
    try:
        translated = translations.get(Locale.get_active().id)
    except (LookupError, Locale.DoesNotExist):
        translated = None
    if translated is None or not translated.live:
        translated = translations.get(root.locale_id) or root
    return route_onwards(translated, request, components)


def read_route(memo, root, components):
    """Reads, in one query, every page a request's path may pass through and what serving
    it asks of them, kept for the request: the site's home page in every language, the
    pages at each depth below it named by the path's components with their translations
    (the language links), and whether a view restriction or an alias may cover each (the
    check before serving). Page.route, view_restrictions and live_translations answer from
    them; what they do not cover (a sub-route's page) is read as before."""
    # The home page's translations are its siblings: the candidates are looked for below
    # their parent, by the (depth, slug) each component names, which the slug index finds.
    parent_path = root.path[:Page.steplen * (root.depth - 1)]
    named = {(root.depth + number, slug)
             for number, slug in enumerate(components[:MAX_DEPTH - root.depth], 1)}
    # Every site's home page, for the sites' root paths (portal.sites).
    sites = request_memo("sites") or {}
    home_keys = {root.translation_key, *(site.root_page.translation_key
                                         for site in sites.get("all", ()))}
    keys = Q(translation_key__in=home_keys)
    if named:
        model = Page
        on_path = Q()
        for depth, slug in named:
            on_path |= Q(depth=depth, slug=slug)
        # One IN over one subquery: an OR of two conditions on the translation key led
        # PostgreSQL to filter every page (80 ms at 100,000 gazette documents).
        keys = Q(translation_key__in=Page.objects.filter(
            Q(path__startswith=parent_path) & on_path
            | Q(pk__in=[root.pk, *(site.root_page_id for site in sites.get("all", ()))])
        ).values("translation_key"))
    elif all(site.root_page.specific_class is root.specific_class
             for site in sites.get("all", ())):
        # The home page itself: read as its type, as it is served.
        model = root.specific_class or Page
    else:
        model = Page
    # The pages looked for are no deeper than the path goes (a translation placed deeper
    # is checked again when served): fewer ancestors' paths to name than MAX_DEPTH.
    deepest = root.depth + len(named)
    pages = list(model.objects.filter(keys).select_related("locale").annotate(
        _restricted=Exists(PageViewRestriction.objects.filter(
            page__path__in=AncestorPaths(OuterRef("path"), 1, deepest))),
        _aliased=Exists(Page.objects.filter(
            path__in=AncestorPaths(OuterRef("path"), 1, deepest), alias_of__isnull=False)),
    ))
    memo.update(pages=pages, parent_path=parent_path, named=named,
                unrestricted={page.pk for page in pages if page.depth <= deepest
                              and not page._restricted and not page._aliased})
    translations = request_memo("live_translations")
    for key in {page.translation_key for page in pages}:
        translations[key] = sorted((page for page in pages
                                    if page.translation_key == key and page.live),
                                   key=lambda page: page.path)
    return pages


def routes_plainly(page):
    """Whether the page's type finds its children as Wagtail's Page does, so that it may be
    routed through as a plain page, without reading it as its type."""
    model = page.specific_class
    return model is not None and model.route in (route, OneChildTypeRouting.route)


def route_onwards(page, request, components):
    if components and routes_plainly(page):
        return route(page, request, components)
    return page.specific.route(request, components)


def covered(page, slug):
    """Whether read_route read the child of `page` with `slug`, if there is one."""
    memo = request_memo("route")
    return bool(memo and "pages" in memo and page.path.startswith(memo["parent_path"])
                and (page.depth + 1, slug) in memo["named"])


def routed_child(page, slug):
    """The child of `page` with `slug`, from the pages read_route read when they cover it,
    else read (None when there is none)."""
    if covered(page, slug):
        return next((child for child in request_memo("route")["pages"]
                     if child.depth == page.depth + 1 and child.slug == slug
                     and child.path.startswith(page.path)), None)
    return page.get_children().filter(slug=slug).first()


def route(self, request, path_components):
    """Wagtail's Page.route, finding the child from the pages read_route read, and routing
    through a child of a type that routes as Page does without reading it as its type."""
    if path_components:
        subpage = routed_child(self, path_components[0])
        if subpage is None:
            raise Http404
        # As Wagtail does: treebeard's get_parent answers from it.
        subpage._cached_parent_obj = self
        return route_onwards(subpage, request, path_components[1:])
    if self.live:
        return RouteResult(self)
    raise Http404


def check_view_restrictions_at_once():
    """Makes Wagtail's Page.get_view_restrictions read in one query, its router read the
    home page in the reader's language in one, and every child_of (a listing's, the
    admin's, an issue's documents) read through the tree's index."""
    TreeQuerySet.child_of_q = child_of_q
    Page.get_view_restrictions = view_restrictions
    Page.route_for_request = staticmethod(route_for_request)
    Page.route = route


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


def read_home_pages(home_page, models):
    """Reads, in one query, the pages the home page's sections link to by address and title
    only: the live public children of `home_page` and, for each of `models`, the page
    one_live_page would find in the home page's language, all as plain pages. Kept for the
    request, where live_children and one_live_plain_page answer from them."""
    memo = request_memo("home_pages")
    if memo is None:
        return
    wanted = Q(path__startswith=home_page.path, depth=home_page.depth + 1)
    if models:
        wanted |= Page.objects.type_q(*models)
    # Put in order here: ordered by id, SQLite read every page in id order to find these
    # few (28 ms at 100,000 gazette documents, 2 ms through the depth and type indexes).
    pages = sorted(open_to_all(
        Page.objects.live().filter(locale_id=home_page.locale_id).filter(wanted)
    ).order_by(), key=lambda page: page.pk)
    memo[("children", home_page.pk)] = sorted(
        (page for page in pages
         if page.depth == home_page.depth + 1 and page.path.startswith(home_page.path)),
        key=lambda page: page.path)
    for model in models:
        memo[("one", model, home_page.locale_id)] = next(
            (page for page in pages if issubclass(page.specific_class, model)), None)


def live_children(page):
    """The live children of `page` that no view restriction covers, as plain pages in tree
    order (read with the home page's other pages when read_home_pages was called)."""
    memo = request_memo("home_pages")
    key = ("children", page.pk)
    if memo is not None and key in memo:
        return memo[key]
    return list(open_to_all(page.get_children().live()).order_by("path"))


def one_live_plain_page(model, locale):
    """What one_live_page finds, as a plain page (its title and address), read with the
    home page's other pages when read_home_pages named `model`."""
    memo = request_memo("home_pages")
    key = ("one", model, getattr(locale, "pk", locale))
    if memo is not None and key in memo:
        return memo[key]
    return one_live_page(model, locale)


class OneChildTypeRouting:
    """For a page whose children are all of one type (an index of datasets, of issues, of
    sister cities): finds the child a path names as that type in one query, where Wagtail's
    route reads it as a plain page, then again as its type. A child of any other type (from
    before the type was restricted) is still found the usual way."""

    def route(self, request, path_components):
        if path_components and not covered(self, path_components[0]):
            models = self.specific_class.allowed_subpage_models()
            if len(models) == 1:
                child = (models[0].objects.child_of(self)
                         .filter(slug=path_components[0]).first())
                if child is not None and child.specific_class is models[0]:
                    child._cached_parent_obj = self
                    return child.route(request, path_components[1:])
        return super().route(request, path_components)
