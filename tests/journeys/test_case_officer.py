"""A case officer of one agency signs in to the admin, sees only their agency's cases (and
is refused another agency's case even by its address), answers a citizen, and the citizen
reads that answer on the public tracking page."""

import pytest
from django.contrib.auth.models import Group, Permission, User
from playwright.sync_api import expect

from petitions import actions, domain
from petitions.models import Kind, OfficerGroup, PetitionFormPage
from portal.models import Agency
from tests.factories import add_page
from tests.journeys.helpers import admin_login

pytestmark = [pytest.mark.browser,
              pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "a long officer password"  # noqa: S105
REPLY = "已派員修復中正四路路燈，感謝您的來信。"


def petition(agency, subject):
    case, code = domain.create_case(Kind.PETITION, {
        "subject": subject, "category": "transport", "description": subject,
        "name": "王小明", "email": "", "phone": "0912-345-678", "reply_channel": "phone"})
    actions.assign(case, agency, None)
    return case, code


@pytest.fixture
def cases(site_tree):
    home, _ = site_tree
    add_page(home, PetitionFormPage, title="市長信箱", slug="mayor-mailbox")
    locale = home.locale
    department = Agency.objects.create(name="高雄市政府行政暨國際處", short_name="行國處",
                                       code="397000000A", locale=locale)
    transport = Agency.objects.create(name="高雄市政府交通局", short_name="交通局",
                                      code="397040000A", locale=locale)
    group = Group.objects.create(name="陳情承辦-行國處")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    OfficerGroup.objects.create(group=group, agency=department)
    officer = User.objects.create_user("lin.officer", "lin@kcg.gov.tw", PASSWORD)
    officer.groups.add(group)
    return {"ours": petition(department, "中正四路路燈不亮"),
            "theirs": petition(transport, "公車班次太少")}


def test_officer_sees_only_their_cases_replies_and_the_citizen_reads_it(new_person, cases):
    (ours, code), (theirs, _) = cases["ours"], cases["theirs"]
    officer = new_person()

    # 1. Only the agency's own cases.
    admin_login(officer, "lin.officer", PASSWORD)
    officer.get_by_role("button", name="陳情案件").click()
    officer.get_by_role("link", name="案件", exact=True).click()
    expect(officer.get_by_role("link", name=ours.number)).to_be_visible()
    expect(officer.get_by_role("link", name=theirs.number)).to_have_count(0)
    expect(officer.get_by_text("公車班次太少")).to_have_count(0)
    refused = officer.goto(f"/admin/cases/inspect/{theirs.pk}/")
    assert refused.status == 404
    expect(officer.get_by_text("公車班次太少")).to_have_count(0)

    # 2. A public reply, through the case page's actions.
    officer.go_back()
    officer.get_by_role("link", name=ours.number).click()
    expect(officer.get_by_text("中正四路路燈不亮").first).to_be_visible()
    form = officer.get_by_role("region", name="動作")
    form.get_by_label("動作").select_option(label="發送公開回覆")
    form.get_by_label("內容或理由").fill(REPLY)
    form.get_by_role("button", name="執行").click()
    expect(officer.get_by_text("案件已更新。")).to_be_visible()
    expect(officer.get_by_role("region", name="處理歷程")).to_contain_text(REPLY)
    assert not officer.errors, officer.errors

    # 3. The citizen, on the public tracking page, with the case number and code.
    citizen = new_person()
    citizen.goto("/")
    citizen.get_by_role("link", name="案件進度查詢").click()
    citizen.get_by_label("案號").fill(ours.number)
    citizen.get_by_label("查詢碼").fill(code)
    citizen.get_by_role("button", name="查詢進度").click()
    status = citizen.get_by_role("region", name=ours.number)
    expect(status).to_contain_text("已回覆")
    expect(status.get_by_role("listitem").filter(has_text="公開回覆")).to_contain_text(REPLY)
    assert not citizen.errors, citizen.errors
