
import pytest
from django.core.cache import cache
from django.db import transaction

from petitions.models import ComplaintFormPage, PetitionFormPage
from tests.factories import translate
from tests.petitions.page_makers import PAGE_MAKERS


@pytest.fixture(autouse=True)
def _private_root(settings, tmp_path, monkeypatch):
    settings.PETITIONS_PRIVATE_ROOT = str(tmp_path / "private")
    cache.clear()
    # E-mail tasks are enqueued on commit; test transactions never commit, so run commit
    # callbacks at once as a real commit would.
    monkeypatch.setattr(transaction, "on_commit", lambda func, *a, **k: func())


@pytest.fixture
def petition_page(home):
    return PAGE_MAKERS[PetitionFormPage](home)


@pytest.fixture
def complaint_page(home):
    return PAGE_MAKERS[ComplaintFormPage](home)


@pytest.fixture
def complaint_page_en(complaint_page):
    return translate(complaint_page, "en", title="Consumer complaint")


