from petitions.models import ComplaintFormPage, PetitionFormPage
from tests.factories import add_page

PAGE_MAKERS = {
    PetitionFormPage: lambda home: add_page(home, PetitionFormPage, title="市長信箱",
                                            slug="mayor-mailbox", intro="<p>陳情</p>"),
    ComplaintFormPage: lambda home: add_page(home, ComplaintFormPage, title="消費爭議申訴",
                                             slug="consumer-complaint"),
}
