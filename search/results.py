"""The site search: every live public page type in one language, with filters and counts.

Page types are not listed anywhere: any live Page subclass with search_fields is searched
through Page, and pages whose model has an `agency` foreign key to portal.Agency can be
narrowed by agency.

A page model published in the default language only and read in the others (the gazette)
says so with `read_in_every_language = True` and a classmethod
`reading_urls(language_code, pages)` giving each page's address for readers of that
language ({pk: url}); it may have a `display_title` in the reader's language. The search
of another language lists its untranslated pages too, at those addresses."""

import hashlib
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time
from functools import reduce
from operator import or_

from django import forms
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db.models import Prefetch, Q, prefetch_related_objects
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from modelsearch.index import SearchField
from wagtail.models import Locale, Page, PageViewRestriction

from portal import agencies, params
from portal.caching import content_version
from portal.i18n import default_language, default_locale

from .analysis import analyze_query, normalise

MAX_QUERY_LENGTH = 200
SNIPPET_LENGTH = 160

# Counting every match of a broad word visits all of them (17,000 gazette bodies for
# 行政中心): the page counts up to this many and says "1,000+" past it.
COUNT_CAP = 1000
# Counts, and the ranked ids of each page of results, are kept this long per normalised
# query; any publish makes them stale at once.
COUNT_SECONDS = 60


@dataclass
class Filters:
    query: str = ""
    content_type: int | None = None
    agency: int | None = None
    date_from: date | None = None
    date_to: date | None = None
    errors: dict = field(default_factory=dict)


class SearchForm(params.QueryForm):
    def __init__(self, data, messages):
        self.messages = messages
        super().__init__(data)

    def get_parameters(self):
        # Ids are ASCII digits, and fewer than 10 of them: a longer number is no choice
        # offered and past what the database can compare.
        choice = {"invalid": self.messages["choice"]}
        # The first and last days the calendar has would overflow in UTC.
        day = {"after": date.min, "before": date.max,
               "error_messages": {"invalid": self.messages["date"]}}
        return {"q": forms.CharField(required=False),
                "content_type": params.IntegerParameter(signed=False, max_digits=9,
                                                        error_messages=choice),
                "agency": params.IntegerParameter(signed=False, max_digits=9,
                                                  error_messages=choice),
                "date_from": params.DateParameter(**day),
                "date_to": params.DateParameter(**day)}


def parse(query, messages):
    """Filters from the request's GET; bad values are reported in `errors`, not raised."""
    form = SearchForm(query, messages)
    filters = Filters(query=form.value("q", "")[:MAX_QUERY_LENGTH],
                      errors=params.ParamErrors(form.param_errors()).by_parameter())
    for name in ("content_type", "agency", "date_from", "date_to"):
        setattr(filters, name, form.value(name))
    if filters.date_from and filters.date_to and filters.date_from > filters.date_to:
        filters.errors["date_to"] = messages["range"]
    return filters


def agency_models():
    """Page models with an `agency` foreign key to portal.Agency."""
    agency = apps.get_model("portal", "Agency")
    return [
        model for model in apps.get_models()
        if issubclass(model, Page) and any(
            f.name == "agency" and f.is_relation and f.related_model is agency
            for f in model._meta.get_fields())
    ]


def shared_models():
    """Page models read in every language from their default-language pages."""
    return [model for model in apps.get_models()
            if issubclass(model, Page) and getattr(model, "read_in_every_language", False)]


def _in_language(language_code):
    """The pages a reader of the language finds: that language's own, and, in another
    language than the default, the shared models' default-language pages that have no
    translation of their own in it."""
    locale = Locale.objects.get_for_language(language_code)  # read once a request
    shared = shared_models()
    if language_code == default_language() or not shared:
        return Q(locale=locale)
    types = [content_type.pk for content_type in
             ContentType.objects.get_for_models(*shared).values()]
    # Few, if any: the gazette is published in Chinese. A list, not a subquery, so that
    # every backend (Elasticsearch too) can apply it as a filter.
    translated = list(Page.objects.filter(locale=locale, content_type__in=types)
                      .values_list("translation_key", flat=True))
    return Q(locale=locale) | (Q(locale=default_locale(), content_type__in=types)
                               & ~Q(translation_key__in=translated))


def public(pages):
    """pages.public(): the pages outside every view-restricted section. Wagtail joins
    each restriction to its page, which SQLite drives from the page table (40 ms at
    100,000 pages with no restriction at all); the restricted pages' paths are read here
    by key."""
    paths = Page.objects.filter(
        pk__in=PageViewRestriction.objects.values("page_id")).values_list("path", flat=True)
    # A path starts with its ancestors' paths: Wagtail's descendant_of_q, inclusive.
    return pages.exclude(reduce(or_, (Q(path__startswith=path) for path in paths),
                                Q(pk__in=[])))


def base_queryset(language_code, filters, model=Page):
    pages = public(model.objects.live()).filter(_in_language(language_code), depth__gt=2)
    if filters.date_from:
        pages = pages.filter(first_published_at__gte=timezone.make_aware(
            datetime.combine(filters.date_from, time.min)))
    if filters.date_to:
        pages = pages.filter(first_published_at__lte=timezone.make_aware(
            datetime.combine(filters.date_to, time.max)))
    return pages


@dataclass
class Counts:
    """How many pages match, by type and by agency, before the type and agency filters.
    `capped`: more than COUNT_CAP match, and the figures were taken over the first
    COUNT_CAP + 1 found (in no particular order; on PostgreSQL, those with the best
    titles), so each is a floor."""
    total: int
    types: dict
    agencies: dict
    capped: bool = False


def search(language_code, filters):
    """(results, total, counts): results is a lazy Wagtail SearchResults in relevance
    order (newest first among equals); total is their number, COUNT_CAP + 1 standing for
    more than COUNT_CAP; counts (a Counts) are over all matches before the type and agency
    filters, so each option shows what choosing it would give."""
    pages = base_queryset(language_code, filters)
    found_counts = counts(language_code, filters, pages)
    if filters.content_type:
        pages = pages.filter(content_type_id=filters.content_type)
    if filters.agency:
        rows = agencies.row_ids([filters.agency])
        pages = pages.filter(reduce(or_, (
            Q(id__in=model.objects.filter(agency_id__in=rows).values("pk"))
            for model in agency_models())))
    found = pages.search(filters.query)
    if not (filters.content_type or filters.agency):
        return found, found_counts.total, found_counts
    matching = matching_rows(pages.search(filters.query, order_by_relevance=False), ["pk"],
                             limit=COUNT_CAP + 1)
    if matching is None:
        return found, found.count(), found_counts
    return found, len(matching), found_counts


def _key(kind, language_code, filters, *more):
    # A hash, so that what a person searched for is never written out in a key (cache
    # keys show up in monitoring and logs).
    words = " ".join(normalise(filters.query).split())
    text = "\n".join((content_version(), language_code, words, str(filters.date_from),
                      str(filters.date_to), *map(str, more)))
    return f"search:{kind}:" + hashlib.sha256(text.encode()).hexdigest()


def counts_key(language_code, filters):
    """The cache key of a search's counts: a hash of the normalised query, its language,
    its dates and the content version."""
    return _key("counts", language_code, filters)


def results_key(language_code, filters, start, stop):
    """The cache key of the ranked ids of results `start` to `stop`: as counts_key, with
    the type and agency chosen."""
    return _key("results", language_code, filters, filters.content_type, filters.agency,
                start, stop)


def ranking_key(language_code, filters):
    """The cache key of the ranked ids of every result offered (see _count), with no type
    or agency chosen: as counts_key."""
    return _key("ranking", language_code, filters)


def page_key(language_code, url):
    """The cache key of a whole search page for anonymous readers: a hash of its language
    and its address (the query as typed, every parameter). The entry kept under it names
    the content version (portal.caching.store), so a publish makes every kept page stale."""
    return "search:page:" + hashlib.sha256(f"{language_code}\n{url}".encode()).hexdigest()


def counts(language_code, filters, pages):
    """The search's Counts, kept briefly per normalised query (see counts_key)."""
    key = counts_key(language_code, filters)
    found = cache.get(key)
    if found is None:
        found = _count(language_code, filters, pages)
        cache.set(key, found, COUNT_SECONDS)
    return found


class Counted:
    """Search results of a known number, for the paginator: it asks for no count of its
    own, and takes a page of them as specific pages (see ranked_pages). Past the cap, the
    best COUNT_CAP results are offered, in pages."""

    def __init__(self, language_code, filters, found, total):
        self.language_code = language_code
        self.filters = filters
        self.found = found
        self.total = total

    def count(self):
        return min(self.total, COUNT_CAP)

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        return ranked_pages(self.language_code, self.filters, self.found, index.start,
                            index.stop, capped=self.total > COUNT_CAP)


def ranked_pages(language_code, filters, found, start, stop, capped=False):
    """The specific pages of results `start` to `stop`, their ids and types kept briefly
    per normalised query (see results_key): a word asked for again and again (釜山) is
    ranked once a minute, and every request still counts its hit and reads its pages."""
    key = results_key(language_code, filters, start, stop)
    hits = cache.get(key)
    if hits is None:
        ranking = None
        if not (filters.content_type or filters.agency):
            ranking = cache.get(ranking_key(language_code, filters))
        hits = ranking[start:stop] if ranking is not None else \
            ranked_hits(found, start, stop, capped)
        cache.set(key, hits, COUNT_SECONDS)
    return specific_pages(hits)


def ranked_hits(found, start, stop, capped=False):
    """[(pk, content type id)] of results `start` to `stop` in relevance order. On the
    database backends, one query; past the cap, PostgreSQL ranks in full only the
    COUNT_CAP matches with the best titles (see its compiler's `ranked`)."""
    compiler = found.query_compiler
    hits = None
    if hasattr(compiler, "ranked"):
        hits = compiler.ranked(compiler.get_config(found.backend), start, stop,
                               candidates=COUNT_CAP if capped else None)
    if hits is None:
        hits = [(page.pk, page.content_type_id) for page in found[start:stop]]
    return hits


def _agency_lookup(model):
    """The lookup from Page to the model's agency id, through the inheritance chain."""
    parents = [parent._meta.model_name for parent in reversed(model._meta.get_base_chain(Page))
               if parent is not Page]
    return "__".join([*parents, model._meta.model_name, "agency_id"])


def _count(language_code, filters, pages):
    """On the database backends, one query over at most COUNT_CAP + 1 matching pages,
    each with its type and its agency (joined from each page type that has one). A search
    server (Elasticsearch) has no such query: its facets count where the index is.

    On PostgreSQL the backend gives the matches it would rank, with their ranks
    (`ranked_matches`): the same rows are counted, and the ranking of every result
    offered is kept beside the counts (ranking_key) for ranked_pages."""
    query = filters.query
    models = agency_models()
    fields = ["content_type_id", *map(_agency_lookup, models)]
    found = pages.search(query, order_by_relevance=False)
    compiler = found.query_compiler
    ranked = None
    if hasattr(compiler, "ranked_matches"):
        ranked = compiler.ranked_matches(compiler.get_config(found.backend), COUNT_CAP + 1,
                                         fields)
    if ranked is None:
        rows = matching_rows(found, fields, limit=COUNT_CAP + 1)
    else:
        rows = [row[3:] for row in ranked]
        # Relevance order, the newest first among equals, as the backend ranks.
        best = sorted(ranked[:COUNT_CAP], key=lambda row: (-row[2], -row[0]))
        cache.set(ranking_key(language_code, filters),
                  [(pk, content_type) for pk, content_type, *_rest in best], COUNT_SECONDS)
    if rows is None:
        found = pages.search(query)
        agency_counts = Counter()
        for model in models:
            # Pages may refer to an agency's translation rather than its original: one
            # count per agency, under its canonical row.
            agency_counts.update(agencies.merged_counts(
                base_queryset(language_code, filters, model).search(query)
                .facet("agency_id").items()))
        return Counts(found.count(), dict(found.facet("content_type_id")), dict(agency_counts))
    agency_counts = agencies.merged_counts(Counter(
        next((agency for agency in row[1:] if agency is not None), None)
        for row in rows).items())
    return Counts(len(rows), dict(Counter(row[0] for row in rows)), dict(agency_counts),
                  capped=len(rows) > COUNT_CAP)


def matching_rows(results, fields, limit=None):
    """values_list(*fields) of a database backend's search results as a plain, unranked
    queryset (to count and group with SQL), read as the backend reads its matches (on
    PostgreSQL, through its indexes); None on a backend without one. With `limit`, the
    first that many found (in no particular order)."""
    compiler = results.query_compiler
    if not hasattr(compiler, "matching"):
        return None
    matching = compiler.matching(compiler.get_config(results.backend), limit=limit)
    if matching is None:
        return None
    return getattr(compiler, "read_through_indexes", list)(matching.values_list(*fields))


def count_label(n, capped=False):
    """A count as shown: exact, or a floor followed by "+" ("1,000+" past the cap)."""
    if n > COUNT_CAP:
        return _("%(count)s+") % {"count": number_format(COUNT_CAP, force_grouping=True)}
    if capped:
        return _("%(count)s+") % {"count": number_format(n, force_grouping=True)}
    return number_format(n, force_grouping=True)


def type_choices(counts):
    """(content type id, name, count label) of each type found, the most first."""
    types = {pk: ContentType.objects.get_for_id(pk) for pk in counts.types}
    found = sorted(((pk, types[pk].model_class()._meta.verbose_name, n)
                    for pk, n in counts.types.items() if types[pk].model_class()),
                   key=lambda choice: -choice[2])
    return [(pk, name, count_label(n, counts.capped)) for pk, name, n in found]


def agency_choices(counts):
    """(agency id, name, count label) of each agency found, the most first."""
    names = agencies.display_names(counts.agencies)
    found = sorted(((pk, names[pk], n)
                    for pk, n in counts.agencies.items() if pk in names),
                   key=lambda choice: -choice[2])
    return [(pk, name, count_label(n, counts.capped)) for pk, name, n in found]


def _match_spans(text, query):
    """Spans of the text that match a query term, found on the normalised text (NFKC and
    T→S keep Han characters one for one, so offsets mostly line up; where they do not, the
    term is simply not highlighted)."""
    folded = normalise(text)
    if len(folded) != len(text):
        return []
    spans = []
    for term in analyze_query(query):
        word = term[0] + "".join(token[1:] for token in term[1:]) if len(term) > 1 else term[0]
        for found in re.finditer(re.escape(word), folded):
            start, end = found.span()
            # A stem marks its whole word: "vehicl" highlights "vehicle".
            while word.isascii() and end < len(folded) and folded[end].isascii() \
                    and folded[end].isalpha():
                end += 1
            spans.append((start, end))
    return sorted(spans)


def snippet(text, query, length=SNIPPET_LENGTH):
    """A window of the plain text around the first match, matches in <mark>, escaped."""
    text = re.sub(r"\s+", " ", strip_tags(text or "")).strip()
    spans = _match_spans(text, query)
    start = max(0, spans[0][0] - length // 4) if spans else 0
    end = min(len(text), start + length)
    pieces, position = [], start
    for span_start, span_end in spans:
        if span_start < position or span_end > end:
            continue
        pieces.append(escape(text[position:span_start]))
        pieces.append(f"<mark>{escape(text[span_start:span_end])}</mark>")
        position = span_end
    pieces.append(escape(text[position:end]))
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    return mark_safe(prefix + "".join(pieces) + suffix)  # noqa: S308 - every piece escaped


def specific_pages(hits):
    """The specific pages of a list of (pk, content type id), in its order: one query per
    page type (Wagtail's specific() first reads every row's type again)."""
    by_type = defaultdict(list)
    for pk, content_type in hits:
        by_type[content_type].append(pk)
    found = {}
    for content_type, pks in by_type.items():
        model = ContentType.objects.get_for_id(content_type).model_class()
        if model is not None:
            found.update(model.objects.select_related("locale").in_bulk(pks))
    return [found[pk] for pk, _type in hits if pk in found]


def reading_urls(pages, language_code):
    """{pk: address} of specific pages for a reader of the language: a page's own URL, or
    for a shared model's page in another language, the address its model gives."""
    urls, foreign = {}, defaultdict(list)
    for page in pages:
        if getattr(page, "read_in_every_language", False) \
                and page.locale.language_code != language_code:
            foreign[type(page)].append(page)
        else:
            urls[page.pk] = page.url
    for model, model_pages in foreign.items():
        found = model.reading_urls(language_code, model_pages)
        urls.update({page.pk: found.get(page.pk) or page.url for page in model_pages})
    return urls


def display_title(page):
    return getattr(page, "display_title", None) or page.title


# The date a reader knows a page by, where its type has one: a gazette's publication
# date, a notice's date, an exhibition's opening, a dataset's last change.
DATE_FIELDS = ("publication_date", "date", "start_date", "modified")


def page_date(page):
    for name in DATE_FIELDS:
        value = getattr(page, name, None)
        if value:
            return value
    return page.first_published_at


def _texts(value):
    """A search field's value as plain strings. Rich text and StreamFields give a list of
    texts (their searchable content), tag fields a list of tags: written with str() they
    read as Python's list syntax, ['…\\u3000…'], not as text."""
    if isinstance(value, list | tuple):
        for item in value:
            yield from _texts(item)
    elif value is not None and str(value):
        yield str(value)


def prefetch_text(pages):
    """Fetch, for a list of specific pages, what their searchable text reads through
    relations (the related lookups their model's indexing prefetches, such as a gazette
    document's keywords): a query per model, not one per page."""
    by_model = defaultdict(list)
    for page in pages:
        by_model[type(page)].append(page)
    for model, model_pages in by_model.items():
        lookups = model.get_indexed_objects()._prefetch_related_lookups
        if lookups:
            prefetch_related_objects(model_pages, *(_joined(model, lookup)
                                                    for lookup in lookups))


def _joined(model, lookup):
    """A prefetch of "relation__key", where `key` is a foreign key of the relation's rows
    (a gazette document's "tagged_items__tag"), in one query with the key's rows joined
    instead of a second query for them; any other lookup as it is."""
    if not isinstance(lookup, str) or lookup.count("__") != 1:
        return lookup
    relation, key = lookup.split("__")
    related = model._meta.get_field(relation).related_model
    field = related._meta.get_field(key)
    if not (field.concrete and (field.many_to_one or field.one_to_one)):
        return lookup
    return Prefetch(relation, queryset=related._default_manager.select_related(key))


def page_text(page):
    """The page's own searchable text (its SearchFields other than the title)."""
    texts = []
    for search_field in page.get_search_fields():
        if isinstance(search_field, SearchField) and search_field.field_name != "title":
            texts.extend(_texts(search_field.get_value(page)))
    return " ".join(texts) or page.search_description
