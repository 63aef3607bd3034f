from petitions.models import AccountabilityPage, ComplaintFormPage, PetitionFormPage
from tests.factories import add_page

PAGE_MAKERS = {
    PetitionFormPage: lambda home: add_page(home, PetitionFormPage, title="市長信箱",
                                            slug="mayor-mailbox", intro="<p>陳情</p>"),
    ComplaintFormPage: lambda home: add_page(home, ComplaintFormPage, title="消費爭議申訴",
                                             slug="consumer-complaint"),
    AccountabilityPage: lambda home: add_page(home, AccountabilityPage,
                                              title="陳情案件如期回覆情形",
                                              slug="case-accountability"),
}
