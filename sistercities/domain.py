"""Plain rules about cities and exhibitions, kept out of views and models so they can be
tested alone."""

from django.utils.translation import gettext_lazy as _

from portal import params

SISTER = "sister"
FRIENDSHIP = "friendship"
MOU = "mou"
PARTNER = "partner"
RELATIONSHIP_CHOICES = [
    (SISTER, _("Sister city")),
    (FRIENDSHIP, _("Friendship city")),
    (MOU, _("Friendly exchange or cooperation MoU")),
    (PARTNER, _("Partner city")),
]

EXCHANGE_KINDS = [
    ("visit", _("Visit")),
    ("mou", _("Memorandum of understanding")),
    ("event", _("Event")),
    ("aid", _("Aid")),
    ("video", _("Video meeting")),
]

SORTS = {"established": ("date_established", "pk"), "-established": ("-date_established", "pk"),
         "name": ("title", "pk")}


def exhibition_status(start, end, today):
    """'current', 'upcoming' or 'past'; an exhibition with no end date runs on."""
    if start > today:
        return "upcoming"
    if end is not None and end < today:
        return "past"
    return "current"


def split_by_status(exhibitions, today):
    """The exhibitions in three lists keyed "current", "upcoming" and "past": current and
    upcoming soonest first, past most recent first."""
    groups = {"current": [], "upcoming": [], "past": []}
    for exhibition in exhibitions:
        groups[exhibition_status(exhibition.start_date, exhibition.end_date, today)].append(
            exhibition)
    groups["current"].sort(key=lambda e: e.start_date)
    groups["upcoming"].sort(key=lambda e: e.start_date)
    groups["past"].sort(key=lambda e: e.start_date, reverse=True)
    return groups


class FiltersForm(params.QueryForm):
    def __init__(self, data, countries):
        self.countries = countries
        super().__init__(data)

    def get_parameters(self):
        return {"country": params.ChoiceParameter(choices=list(self.countries.items())),
                "relationship": params.ChoiceParameter(choices=RELATIONSHIP_CHOICES),
                "sort": params.ChoiceParameter(choices=[(sort, sort) for sort in SORTS])}


def clean_filters(query, countries):
    """The index page's filters from a query string, dropping values that are not offered
    (so a hand-edited address shows everything rather than an error page)."""
    form = FiltersForm(query, countries)
    return {"country": form.value("country", ""),
            "relationship": form.value("relationship", ""),
            "sort": form.value("sort", "established")}


def sort_cities(cities, sort):
    """By the date of the tie (either way) or by name; cities whose date the department has
    not recorded come last either way."""
    field = SORTS[sort][0]
    if field == "title":
        return sorted(cities, key=lambda city: city.title)
    dated = [city for city in cities if city.date_established]
    undated = [city for city in cities if not city.date_established]
    dated.sort(key=lambda city: city.date_established, reverse=field.startswith("-"))
    return dated + sorted(undated, key=lambda city: city.title)


def count_by(cities, attribute):
    """[(value, count)] in order of first appearance sorted by count, largest first."""
    counts = {}
    for city in cities:
        key = getattr(city, attribute)
        counts[key] = counts.get(key, 0) + 1
    return sorted(counts.items(), key=lambda item: (-item[1], str(item[0])))
