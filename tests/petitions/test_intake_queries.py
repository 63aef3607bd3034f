"""A submission and its confirmation page take a fixed number of queries, however many cases
the register holds and however often the same browser sends a form (issue 19: fifty citizens
at once must not wait on each other's queries)."""

import pytest
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from petitions.forms import submission_token
from petitions.models import Case
from tests.petitions.helpers import petition_data

pytestmark = pytest.mark.django_db

# As deployed: the receipt is queued in the database for `db_worker`, not sent in the request.
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# A form POST: the form's one-time token looked for once (intake.submit leaves a replay to
# the unique key), then one transaction: the deadline policy, the counter, the case, its
# first event, its audit entry and the receipt's task. The page's route is kept between
# POSTs (portal.pages.kept_route_key) and no session is written (the confirmation's cookie
# is signed). The confirmation: the case; its header and footer are the chrome kept for
# anonymous readers (portal.fragments).
POST_QUERIES = 9
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
