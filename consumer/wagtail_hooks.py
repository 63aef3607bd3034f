"""The consumer protection office's figures in the admin."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import ReportingPeriod


class ReportingPeriodViewSet(SnippetViewSet):
    """The statistics page's figures, one reporting period a row, under Snippets."""

    model = ReportingPeriod
    icon = "table"
    list_display = ["label", "label_en", "start", "end", "updated_at"]
    list_filter = ["start"]
    search_fields = ["label", "label_en", "source"]


register_snippet(ReportingPeriodViewSet)
