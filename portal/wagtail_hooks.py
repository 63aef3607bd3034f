from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Agency
from .security import views as security_views


class AgencyViewSet(SnippetViewSet):
    model = Agency
    icon = "group"
    menu_label = _("Agencies")
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["name", "short_name", "code", "phone"]
    list_filter = ["locale"]
    search_fields = ["name", "short_name", "code"]
    ordering = ["code"]


register_snippet(AgencyViewSet)


@hooks.register("register_admin_urls")
def two_factor_urls():
    return [
        path("two-factor/", security_views.enrol, name="portal_two_factor_enrol"),
        path("two-factor/verify/", security_views.verify, name="portal_two_factor_verify"),
    ]


@hooks.register("register_account_menu_item")
def two_factor_menu_item(request):
    return {"url": reverse("portal_two_factor_enrol"), "label": _("Two-step verification"),
            "help_text": _("Sign in with a code from an authenticator app as well as your "
                           "password.")}


@hooks.register("insert_global_admin_js")
def rich_text_editor_names():
    return format_html('<script src="{}"></script>', static("js/admin-rich-text-names.js"))
