import pytest
from django.db import transaction


@pytest.fixture(autouse=True)
def _commit_callbacks_run(monkeypatch):
    # The confirmation e-mail is enqueued on commit; test transactions never commit, so run
    # commit callbacks at once as a real commit would.
    monkeypatch.setattr(transaction, "on_commit", lambda func, *a, **k: func())
