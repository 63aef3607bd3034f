from bulletin.models import GazetteDocumentPage, GazetteIndexPage, GazetteIssuePage
from tests.bulletin.helpers import gazette_index, load, record


def make_document(home):
    gazette_index(home)
    return load(record(title="高雄市公有收費停車場管理自治條例修正")).pages[-1]


def make_issue(home):
    return make_document(home).get_parent().specific


PAGE_MAKERS = {
    GazetteIndexPage: gazette_index,
    GazetteIssuePage: make_issue,
    GazetteDocumentPage: make_document,
}
