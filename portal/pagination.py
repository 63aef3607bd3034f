"""Page-numbered listings: one helper for every HTML listing, shown by
includes/pagination.html. (The APIs keep the paging parameters their clients know, read
through portal.params.)"""

from django.core.paginator import Paginator

from portal import params

# No listing here comes near this many items, and database offsets are 64-bit integers
# (SQLite refuses a larger one outright): Wagtail's API refuses an offset past it as malformed.
MAX_OFFSET = 10**9


class PageForm(params.QueryForm):
    parameters = {"page": params.IntegerParameter(signed=False)}


def page_number(request, parameter="page"):
    """?page= as a number: a missing, malformed or non-positive one is 1."""
    form = PageForm({"page": request.GET.get(parameter, "")})
    return max(form.value("page", 1), 1)


def page_of(items, per_page, number, count=None):
    """Page `number` of `items`; one past the end gives the last page. `count`: the number
    of items when it is known already, which the paginator would count again."""
    paginator = Paginator(items, per_page)
    if count is not None:
        paginator.count = count
    return paginator.get_page(number)


def paginate(request, items, per_page, parameter="page", count=None):
    """A page of `items`: a missing, malformed or non-positive ?page= gives the first page,
    and one past the end gives the last, so a bad link never shows an error."""
    return page_of(items, per_page, page_number(request, parameter), count)
