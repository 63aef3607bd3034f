"""Demo agencies (機關) in both languages. The department's code follows the gazette import
example; the other codes are illustrative values in the same format."""

import secrets

from axes.utils import reset
from django.contrib.auth.models import Group, Permission, User
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from .i18n import default_language
from .models import Agency

DEPARTMENT_CODE = "397000000A"

AGENCIES = [
    # code, name, short name, English name, English short name, phone, e-mail, parent code
    (DEPARTMENT_CODE, "高雄市政府行政暨國際處", "行國處",
     "Department of Administration and International Affairs", "DAIA",
     "07-3368333", "daia@kcg.gov.tw", None),
    ("397040000A", "高雄市政府研究發展考核委員會", "研考會",
     "Research, Development and Evaluation Commission", "RDEC", "07-3368333", "rdec@kcg.gov.tw",
     None),
    ("397080000A", "高雄市政府經濟發展局", "經發局",
     "Economic Development Bureau", "EDB", "07-3368333", "edb@kcg.gov.tw", None),
    ("397200000A", "高雄市政府衛生局", "衛生局",
     "Department of Health", "DOH", "07-7134000", "health@kcg.gov.tw", None),
    ("397030000A", "高雄市政府教育局", "教育局",
     "Education Bureau", "EDU", "07-7995678", "edu@kcg.gov.tw", None),
    ("397050000A", "高雄市政府法制局", "法制局",
     "Legal Affairs Bureau", "LAB", "07-3368333", "legal@kcg.gov.tw", None),
    ("397070000A", "高雄市政府社會局", "社會局",
     "Social Affairs Bureau", "SAB", "07-3373377", "social@kcg.gov.tw", None),
    ("397100000A", "高雄市政府勞工局", "勞工局",
     "Labor Affairs Bureau", "LAB-K", "07-8124613", "labor@kcg.gov.tw", None),
    ("397110000A", "高雄市政府工務局", "工務局",
     "Public Works Bureau", "PWB", "07-3368333", "pwb@kcg.gov.tw", None),
    ("397120000A", "高雄市政府環境保護局", "環保局",
     "Environmental Protection Bureau", "EPB", "07-7351500", "epb@kcg.gov.tw", None),
    ("397130000A", "高雄市政府觀光局", "觀光局",
     "Tourism Bureau", "TB", "07-7995678", "tour@kcg.gov.tw", None),
    ("397090000A", "高雄市政府交通局", "交通局",
     "Transportation Bureau", "TBKC", "07-7995678", "traffic@kcg.gov.tw", None),
    ("397060000A", "高雄市政府財政局", "財政局",
     "Finance Bureau", "FB", "07-3368333", "finance@kcg.gov.tw", None),
    ("397140000A", "高雄市政府人事處", "人事處",
     "Department of Personnel", "DOP", "07-3368333", "personnel@kcg.gov.tw", None),
    ("397000100A", "高雄市政府消費者服務中心", "消費者服務中心",
     "Consumer Service Centre", "CSC", "07-3368333", "consumer@kcg.gov.tw", DEPARTMENT_CODE),
]

ADDRESS = "80203高雄市苓雅區四維三路2號"
ADDRESS_EN = "No. 2, Siwei 3rd Rd., Lingya Dist., Kaohsiung City 80203, Taiwan"


def build(builder):
    _agencies(builder)
    _editorial_accounts(builder)


def _agencies(builder):
    zh = builder.locale(default_language())
    builder.locale("en")
    en = builder.locale("en")
    created = {}
    for code, name, short, name_en, short_en, phone, email, parent_code in AGENCIES:
        parent = created.get(parent_code)
        agency = builder.snippet(
            Agency, {"code": code, "locale": zh},
            name=name, short_name=short, phone=phone, email=email, address=ADDRESS, parent=parent,
        )
        builder.translated_snippet(
            agency, "en", name=name_en, short_name=short_en, address=ADDRESS_EN,
            parent=parent.get_translation(en) if parent else None,
        )
        created[code] = agency


# The editorial accounts of the demo, one per role in Wagtail's review workflow: an editor
# who writes pages and submits them for moderation, and a reviewer (a moderator) who
# approves or sends them back. Their addresses are in a reserved domain (.invalid), so that
# `manage.py demo_editors`, which sets and prints their passwords, can only ever touch
# accounts the demo created.
EDITORIAL_EMAIL_DOMAIN = "editorial.demo.invalid"
EDITORIAL_ACCOUNTS = [("editor", "Editors"), ("reviewer", "Moderators")]
# What Wagtail's own migrations give its two groups, should a database flush have taken them.
PAGE_PERMISSIONS = {"Editors": ["add_page", "change_page"],
                    "Moderators": ["add_page", "change_page", "publish_page", "lock_page",
                                   "unlock_page"]}
MEDIA_PERMISSIONS = ["access_admin", "add_image", "change_image", "choose_image",
                     "add_document", "change_document", "choose_document"]
WORKFLOW_NAME = "Moderators approval"


def demo_editorial_accounts():
    return User.objects.filter(
        email__endswith=f"@{EDITORIAL_EMAIL_DOMAIN}", is_superuser=False).order_by("username")


def renew_passwords(users):
    """Give each demo account a new random password, for `make run` to print: yields the
    user, the password and the user's group names. A new password also lifts a lockout."""
    for user in users.prefetch_related("groups"):
        password = secrets.token_urlsafe(9)
        user.set_password(password)
        user.save(update_fields=["password"])
        reset(username=user.username)
        yield user, password, "、".join(group.name for group in user.groups.all())


def _editorial_accounts(builder):
    groups = {name: _editorial_group(builder, name) for name in PAGE_PERMISSIONS}
    _review_workflow(builder, groups["Moderators"])
    for username, group_name in EDITORIAL_ACCOUNTS:
        if User.objects.filter(username=username).exists():
            builder.report("unchanged", f"demo account {username}")
            continue
        # No password here: `manage.py demo_editors` sets and prints them on every run.
        user = User.objects.create_user(username, email=f"{username}@{EDITORIAL_EMAIL_DOMAIN}")
        user.groups.add(groups[group_name])
        builder.report("created", f"demo account {username} ({group_name})")


def _editorial_group(builder, name):
    group, created = Group.objects.get_or_create(name=name)
    if not created:
        return group
    root = Page.get_first_root_node()
    for codename in PAGE_PERMISSIONS[name]:
        GroupPagePermission.objects.create(
            group=group, page=root,
            permission=Permission.objects.get(content_type__app_label="wagtailcore",
                                              codename=codename))
    group.permissions.add(*Permission.objects.filter(codename__in=MEDIA_PERMISSIONS))
    builder.report("created", f"group {name}")
    return group


def _review_workflow(builder, moderators):
    """Wagtail's default review workflow on every page: one approval by a moderator."""
    root = Page.get_first_root_node()
    if WorkflowPage.objects.filter(page=root).exists():
        builder.report("unchanged", "review workflow")
        return
    task = GroupApprovalTask.objects.filter(groups=moderators, active=True).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=WORKFLOW_NAME)
        task.groups.set([moderators])
    workflow = Workflow.objects.filter(workflow_tasks__task=task, active=True).first()
    if workflow is None:
        workflow = Workflow.objects.create(name=WORKFLOW_NAME)
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.create(page=root, workflow=workflow)
    builder.report("created", "review workflow")
