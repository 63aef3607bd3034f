"""What the demo gazette must show (run by tests/home/test_demo_content.py)."""

from bulletin.models import GazetteDocumentPage, GazetteIssuePage
from portal.models import Agency


def check(client):
    assert GazetteIssuePage.objects.live().count() >= 20
    assert GazetteDocumentPage.objects.live().count() >= 300
    correction = GazetteDocumentPage.objects.exclude(correction_of=None).first()
    text = client.get(correction.correction_of.url).content.decode()
    assert correction.title in text
    assert client.get("/gazette/").status_code == 200
    assert client.get("/en/gazette/").status_code == 200
    assert "113年冬字第" in client.get("/").content.decode()  # the home page section
    # The gazette's agencies are the portal's: one agency, one code, one name.
    names = list(Agency.objects.filter(locale__language_code="zh-hant")
                 .values_list("name", flat=True))
    assert len(names) == len(set(names)), sorted(names)
