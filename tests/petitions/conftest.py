
import pytest
from django.core.cache import cache
from django.db import transaction

from petitions.models import ComplaintFormPage, PetitionFormPage
from tests.factories import translate
from tests.petitions.page_makers import PAGE_MAKERS


@pytest.fixture(autouse=True)
def _private_root(settings, tmp_path):
    settings.PETITIONS_PRIVATE_ROOT = str(tmp_path / "private")
    cache.clear()


def _depth(using):
    """How many atomic blocks the code under test has open (the test's own are not)."""
    blocks = transaction.get_connection(using).atomic_blocks
    return sum(not block._from_testcase for block in blocks)


@pytest.fixture(autouse=True)
def _commit_callbacks_run_at_commit(monkeypatch):
    """E-mail tasks are enqueued on commit, and test transactions never commit: run each
    commit callback when the code's outermost atomic block ends, as its commit would (at
    once outside any, as in autocommit), and drop those of a block rolled back. Run earlier,
    a receipt would be sent for a case its transaction has not finished writing."""
    pending = []  # (depth of the block that registered it, callback)

    def on_commit(func, using=None, robust=False):
        depth = _depth(using)
        if depth:
            pending.append((depth, func))
        else:
            func()

    atomic_exit = transaction.Atomic.__exit__

    def exit_block(self, exc_type, exc_value, traceback):
        depth = _depth(self.using)
        outcome = atomic_exit(self, exc_type, exc_value, traceback)
        if exc_type is not None:
            pending[:] = [(at, func) for at, func in pending if at < depth]
        if depth == 1:
            callbacks = [func for _at, func in pending]
            pending.clear()
            for func in callbacks:
                func()
        return outcome

    monkeypatch.setattr(transaction, "on_commit", on_commit)
    monkeypatch.setattr(transaction.Atomic, "__exit__", exit_block)


@pytest.fixture
def petition_page(home):
    return PAGE_MAKERS[PetitionFormPage](home)


@pytest.fixture
def complaint_page(home):
    return PAGE_MAKERS[ComplaintFormPage](home)


@pytest.fixture
def complaint_page_en(complaint_page):
    return translate(complaint_page, "en", title="Consumer complaint")


