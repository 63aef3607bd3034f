"""What the demo case system must hold (run by tests/home/test_demo_content.py)."""

import io
import re

from django.core.management import call_command
from django.utils import timezone

from petitions.demo import demo_officers
from petitions.domain import overdue_q
from petitions.models import Case, OfficerGroup, Status
from portal.security import two_factor
from tests.sign_in import enrol, sign_in


def check(client):
    statuses = set(Case.objects.values_list("status", flat=True))
    assert statuses == set(Status.values)
    assert Case.objects.filter(overdue_q(timezone.localdate())).exists()
    assert OfficerGroup.objects.filter(sees_complaints=True).exists()
    assert Case.objects.filter(kind="petition", lat__isnull=False).exists()
    assert all(two_factor.required_for(user) for user in demo_officers())
    for _run in range(2):  # printed on every run, not only when the accounts are created
        out = io.StringIO()
        call_command("demo_officers", stdout=out)
        logins = re.findall(r"user: (\S+)  password: (\S+)", out.getvalue())
        assert len(logins) == OfficerGroup.objects.count()
        username, password = logins[0]
        # The printed login works, and leads to setting up two-step verification (the
        # officer's first sign-in), after which the officer sees the case admin.
        assert sign_in(client, username, password).status_code == 302
        assert client.get("/admin/cases/")["Location"].startswith("/admin/two-factor/")
        if _run == 0:
            enrol(client, next_url="/admin/cases/")
            assert client.get("/admin/cases/").status_code == 200
        client.post("/admin/logout/")
