"""What people do in more than one journey."""

from playwright.sync_api import expect


def admin_login(page, username, password):
    """Signs in to the Wagtail admin as a person does. The only place that knows how the
    sign-in form looks, so a change to sign-in (a second factor) is made here once."""
    page.goto("/admin/login/")
    page.get_by_label("使用者名稱").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="登錄").click()
    expect(page.get_by_role("button", name=username)).to_be_visible()
