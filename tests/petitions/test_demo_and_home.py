
import pytest

from tests.petitions.page_makers import PAGE_MAKERS

pytestmark = pytest.mark.django_db


def test_home_section_links_intake_pages_and_tracking(client, home):
    for make in PAGE_MAKERS.values():
        make(home)
    body = client.get("/").content.decode()
    assert "/mayor-mailbox/" in body and "/consumer-complaint/" in body
    assert "/cases/track/" in body
