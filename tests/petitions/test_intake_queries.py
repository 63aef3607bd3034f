"""A submission and its confirmation page take a fixed number of queries, however many cases
the register holds and however often the same browser sends a form (issue 19: fifty citizens
at once must not wait on each other's queries)."""

import pytest
from django.core.cache import caches
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from petitions.forms import submission_token
from petitions.models import Case
from tests.petitions.helpers import petition_data

pytestmark = pytest.mark.django_db

# As deployed: the receipt is queued in the database for `db_worker`, not sent in the request.
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# A form POST: one transaction: the deadline policy, the counter, the case, its first
# event, its audit entry and the receipt's task; a replay is found by the form's unique
# token, not looked for first. The page's route is kept between
# POSTs (portal.pages.kept_route_key) and no session is written (the confirmation's cookie
# is signed). The confirmation: the case; its header and footer are the chrome kept for
# anonymous readers (portal.fragments).
POST_QUERIES = 8
CONFIRMATION_QUERIES = 1


def _send(client, page, number, django_assert_max_num_queries):
    # With the one-time token a browser sends back from the form.
    data = petition_data(subject=f"路燈 {number}", email=f"ming{number}@example.com",
                         submission=submission_token())
    with django_assert_max_num_queries(POST_QUERIES):
        posted = client.post(page.url, data)
    assert posted.status_code == 302
    with django_assert_max_num_queries(CONFIRMATION_QUERIES):
        shown = client.get(posted["Location"])
    assert shown.status_code == 200
    return shown


@override_settings(TASKS=DATABASE_TASKS)
def test_a_submission_and_its_confirmation_take_a_fixed_number_of_queries(
        client, petition_page, django_assert_max_num_queries):
    # The year's first case makes its counter's row, a browser's first form its session, the
    # site's first page its settings: a few more, once.
    first = client.post(petition_page.url, petition_data(subject="路燈 0"))
    client.get(first["Location"])
    for number in range(1, 12):
        shown = _send(client, petition_page, number, django_assert_max_num_queries)
    case = Case.objects.get(subject="路燈 11")
    assert case.number in shown.content.decode()
    assert Case.objects.count() == 12
    # Every receipt is queued, none sent in the request.
    assert DBTaskResult.objects.count() == 12


class CacheCalls:
    """The shared cache's operations a block makes: each is a round trip to Redis in
    production (LocMemCache's get_many, one MGET there, is counted once)."""

    OPERATIONS = ("get", "get_many", "set", "set_many", "add", "incr", "decr", "delete",
                  "delete_many", "get_or_set", "has_key", "touch")

    def __init__(self, monkeypatch):
        self.calls = []
        self.depth = 0
        backend = caches["default"]
        for name in self.OPERATIONS:
            monkeypatch.setattr(backend, name, self._counted(name, getattr(backend, name)))

    def _counted(self, name, operation):
        def counted(key, *args, **kwargs):
            if not self.depth:
                self.calls.append((name, key))
            self.depth += 1
            try:
                return operation(key, *args, **kwargs)
            finally:
                self.depth -= 1
        return counted

    def during(self, block):
        self.calls.clear()
        result = block()
        return result, list(self.calls)


# Citizens each sending from their own address: a POST reads the content version and the
# route kept under it and opens the two rate limits' windows (one operation each); the
# case it saves names no agency yet, so no agency rows are read. The confirmation's one
# round trip is the page cache's look-up, which reads the content version its chrome is
# kept under: the chrome comes from the process's copies (portal.fragments). Before: 8
# and 7, then 5 and 1.
POST_CACHE_CALLS = 4
CONFIRMATION_CACHE_CALLS = 1


def test_a_submission_and_its_confirmation_make_a_fixed_number_of_cache_round_trips(
        client, petition_page, monkeypatch):
    for number in range(3):  # the route and the chrome, kept
        posted = client.post(petition_page.url, petition_data(
            subject=f"路燈 {number}", email=f"ming{number}@example.com"))
        client.get(posted["Location"])
    counted = CacheCalls(monkeypatch)
    for number in range(3, 6):
        posted, post_calls = counted.during(lambda n=number: client.post(
            petition_page.url, petition_data(subject=f"路燈 {n}", email=f"ming{n}@example.com",
                                             submission=submission_token()),
            REMOTE_ADDR=f"203.0.113.{n}"))
        assert posted.status_code == 302
        shown, shown_calls = counted.during(lambda p=posted: client.get(p["Location"]))
        assert Case.objects.get(subject=f"路燈 {number}").number in shown.content.decode()
        assert len(post_calls) <= POST_CACHE_CALLS, post_calls
        assert len(shown_calls) <= CONFIRMATION_CACHE_CALLS, shown_calls
