from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from .domain import EXCHANGE_KINDS


class ExchangeBlock(blocks.StructBlock):
    """One item of a city's timeline of exchanges."""

    date = blocks.DateBlock(label=_("date"))
    kind = blocks.ChoiceBlock(label=_("kind"), choices=EXCHANGE_KINDS)
    description = blocks.TextBlock(label=_("description"))
    agencies = blocks.ListBlock(
        SnippetChooserBlock("portal.Agency"), label=_("agencies involved"), required=False)

    class Meta:
        icon = "date"
        label = _("Exchange")


class ExhibitItemBlock(blocks.StructBlock):
    """A thing on display: a craft, a city key, a photograph."""

    name = blocks.CharBlock(label=_("name"), max_length=200)
    description = blocks.TextBlock(label=_("description"))
    image = ImageChooserBlock(label=_("photo"), required=False)
    alt_text = blocks.CharBlock(
        label=_("alternative text"), max_length=250, required=False,
        help_text=_("What the photo shows. Required when there is a photo."))

    class Meta:
        icon = "pick"
        label = _("Item on display")

    def clean(self, value):
        value = super().clean(value)
        if value.get("image") and not value.get("alt_text", "").strip():
            raise StructBlockValidationError(block_errors={
                "alt_text": ValidationError(_("Describe the photo for people who cannot see it."))})
        return value


class VideoLinkBlock(blocks.StructBlock):
    # A link rather than an embed: the site's CSP allows no outside frames.
    title = blocks.CharBlock(label=_("title"), max_length=200)
    url = blocks.URLBlock(label=_("address"))

    class Meta:
        icon = "media"
        label = _("Video link")
