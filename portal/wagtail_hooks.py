from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Agency


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


@hooks.register("insert_global_admin_js")
def rich_text_editor_names():
    return format_html('<script src="{}"></script>', static("js/admin-rich-text-names.js"))
