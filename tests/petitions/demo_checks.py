"""What the demo case system must hold (run by tests/home/test_demo_content.py)."""

import io
import re

from django.core.management import call_command
from django.utils import timezone

from petitions.domain import overdue_q
from petitions.models import Case, OfficerGroup, Status


def check(client):
    statuses = set(Case.objects.values_list("status", flat=True))
    assert statuses == set(Status.values)
    assert Case.objects.filter(overdue_q(timezone.localdate())).exists()
    assert OfficerGroup.objects.filter(sees_complaints=True).exists()
    for _run in range(2):  # printed on every run, not only when the accounts are created
        out = io.StringIO()
        call_command("demo_officers", stdout=out)
        logins = re.findall(r"user: (\S+)  password: (\S+)", out.getvalue())
        assert len(logins) == OfficerGroup.objects.count()
        username, password = logins[0]
        assert client.login(username=username, password=password)
