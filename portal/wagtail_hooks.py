from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views import chooser
from wagtail.snippets.views.snippets import SnippetViewSet
from wagtail.snippets.widgets import AdminSnippetChooser

from . import agencies, demo, extensions, tasks
from .demo_builder import DemoContent
from .models import Agency
from .scheduler import ScheduledJob
from .security import views as security_views


class OneEntryPerAgency:
    """The chooser lists each agency once (its canonical row, which references store), named
    in the editor's language, without the locale filter that would show its translations."""

    i18n_enabled = False

    def get_object_list(self):
        return agencies.canonical_rows()

    def filter_object_list(self, objects):
        if not (self.filter_form.is_valid() and self.filter_form.cleaned_data.get("q")):
            return super().filter_object_list(objects)
        # A search matches the name in any language ("Legal" finds 法制局), then shows the
        # agency once.
        found = super().filter_object_list(Agency.objects.all())
        return objects.filter(translation_key__in=[agency.translation_key for agency in found])

    @property
    def title_column(self):
        column = super().title_column
        column.accessor = agencies.display_name
        return column


class AgencyChooseView(OneEntryPerAgency, chooser.ChooseView):
    pass


class AgencyChooseResultsView(OneEntryPerAgency, chooser.ChooseResultsView):
    pass


class AgencyChosenView(chooser.SnippetChosenView):
    def get_display_title(self, instance):
        return agencies.display_name(instance)


class AgencyChooserWidget(AdminSnippetChooser):
    def get_display_title(self, instance):
        return agencies.display_name(instance)


class AgencyChooserViewSet(chooser.SnippetChooserViewSet):
    choose_view_class = AgencyChooseView
    choose_results_view_class = AgencyChooseResultsView
    chosen_view_class = AgencyChosenView
    base_widget_class = AgencyChooserWidget


class AgencyViewSet(SnippetViewSet):
    model = Agency
    icon = "group"
    menu_label = _("Agencies")
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["name", "short_name", "code", "phone"]
    list_filter = ["locale"]
    search_fields = ["name", "short_name", "code"]
    # The listing searches these columns in the database: the search backend is not given
    # `code` to search (it is a filter field there), and SQLite's full-text index cannot
    # search named fields.
    search_backend_name = None
    ordering = ["code"]
    chooser_viewset_class = AgencyChooserViewSet


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


# The kernel's own contributions to its extension points.
@hooks.register(extensions.SCHEDULED_JOBS)
def scheduled_jobs():
    # Every minute, a second past it: the admin schedules to the minute and Wagtail
    # publishes what is strictly past its time, so a page goes live in its own minute.
    return [ScheduledJob("wagtail.publish_scheduled", tasks.publish_scheduled,
                         {"minute": "*", "second": 1})]


@hooks.register(extensions.DEMO_CONTENT)
def demo_content():
    return [DemoContent("portal", demo.build, order=10)]


@hooks.register(extensions.CACHED_VIEWS)
def cached_views():
    # The sitemap lists the pages, so it changes only when they do.
    return ["sitemap-section"]
