from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError


class ServiceLinkBlock(blocks.StructBlock):
    """One of the department's services, as a card on the home page."""

    title = blocks.CharBlock(label=_("title"), max_length=60)
    description = blocks.CharBlock(label=_("description"), max_length=160, required=False)
    page = blocks.PageChooserBlock(label=_("page"), required=False)
    url = blocks.URLBlock(label=_("external address"), required=False)

    class Meta:
        icon = "link"
        label = _("Service")
        template = "home/blocks/service_link.html"

    def clean(self, value):
        value = super().clean(value)
        if not value.get("page") and not value.get("url"):
            raise StructBlockValidationError(
                block_errors={"page": ValidationError(_("Choose a page or give an address."))}
            )
        return value
