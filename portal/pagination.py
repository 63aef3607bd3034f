from django.core.paginator import Paginator

# No listing here comes near this many items, and database offsets are 64-bit integers
# (SQLite refuses a larger one outright): Wagtail's API refuses an offset past it as malformed.
MAX_OFFSET = 10**9


def paginate(request, items, per_page, parameter="page"):
    """A page of `items`: a missing, malformed or non-positive ?page= gives the first page,
    and one past the end gives the last, so a bad link never shows an error."""
    paginator = Paginator(items, per_page)
    raw = request.GET.get(parameter, "1")
    try:
        number = int(raw)
    except (TypeError, ValueError):
        number = 1
    if number < 1:
        number = 1
    return paginator.get_page(number)
