"""What people do in more than one journey."""

from playwright.sync_api import expect

from tests.sign_in import code_for


def admin_login(page, username, password):
    """Signs in to the Wagtail admin as a person does. The only place that knows how the
    sign-in form looks, so a change to sign-in is made here once. Whoever can see cases
    sets up two-step verification on first sign-in: the authenticator app is played by
    RFC 6238 on the key the enrolment page shows."""
    page.goto("/admin/login/")
    page.get_by_label("使用者名稱").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="登錄").click()
    signed_in = page.get_by_role("button", name=username)
    secret = page.locator(".two-factor-secret")
    expect(signed_in.or_(secret)).to_be_visible()
    if secret.is_visible():
        form = page.locator("form.login-form").first
        form.locator("input[name=code]").fill(code_for(secret.inner_text()))
        form.locator("button[type=submit]").click()
    expect(signed_in).to_be_visible()
