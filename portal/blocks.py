"""StreamField blocks every app can use in its pages."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link", "hr"]


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("image"))
    alt_text = blocks.CharBlock(
        label=_("alternative text"),
        max_length=250,
        help_text=_("What the image shows, for people who cannot see it. Required."),
    )
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=250)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "portal/blocks/captioned_image.html"


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("document"))
    title = blocks.CharBlock(
        label=_("link text"), required=False, help_text=_("Defaults to the document's title.")
    )

    class Meta:
        icon = "doc-full"
        label = _("Document link")
        template = "portal/blocks/document_link.html"


class CalloutBlock(blocks.StructBlock):
    style = blocks.ChoiceBlock(
        label=_("style"),
        choices=[("info", _("Information")), ("important", _("Important")),
                 ("contact", _("Contact"))],
        default="info",
    )
    heading = blocks.CharBlock(label=_("heading"), max_length=120)
    text = blocks.RichTextBlock(label=_("text"), features=["bold", "italic", "link", "ul", "ol"])

    class Meta:
        icon = "warning"
        label = _("Call-out")
        template = "portal/blocks/callout.html"


class ContentTableBlock(TableBlock):
    """A data table with header row and caption, rendered with <th scope>."""

    class Meta:
        icon = "table"
        label = _("Table")
        template = "portal/blocks/table.html"


class BodyStreamBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(
        label=_("Section heading"), icon="title", template="portal/blocks/heading.html"
    )
    paragraph = blocks.RichTextBlock(label=_("Rich text"), features=RICH_TEXT_FEATURES)
    image = CaptionedImageBlock()
    document = DocumentLinkBlock()
    table = ContentTableBlock()
    callout = CalloutBlock()


class FooterLinkBlock(blocks.StructBlock):
    """A link of the footer, resolved in the reader's language by portal.navigation."""

    label = blocks.CharBlock(label=_("label (Chinese)"), max_length=60)
    label_en = blocks.CharBlock(label=_("label (English)"), max_length=60)
    page = blocks.PageChooserBlock(label=_("page"), required=False)
    url = blocks.URLBlock(label=_("external address"), required=False)

    class Meta:
        icon = "link"

    def clean(self, value):
        value = super().clean(value)
        if not value.get("page") and not value.get("url"):
            raise StructBlockValidationError(
                block_errors={"page": ValidationError(_("Choose a page or give an address."))}
            )
        return value


def validate_address(value):
    """A path of this site ("/cases/track/") or a full web address."""
    if value and not (value.startswith("/") and not value.startswith("//")
                      or value.startswith(("https://", "http://"))):
        raise ValidationError(
            _("Give a path of this site beginning with / (such as /cases/track/) "
              "or a full address beginning with https://."))


class MenuLinkBlock(blocks.StructBlock):
    """One item of the main menu: a page (shown in the reader's language) or an address
    (a view of the site that is not a page, such as case tracking)."""

    label = blocks.CharBlock(label=_("label (Chinese)"), max_length=40)
    label_en = blocks.CharBlock(label=_("label (English)"), max_length=60)
    page = blocks.PageChooserBlock(label=_("page"), required=False)
    url = blocks.CharBlock(
        label=_("address"), required=False, max_length=300, validators=[validate_address],
        help_text=_("Instead of a page: a path of this site as in Chinese (/cases/track/), "
                    "shown in the reader's language, or a full address."))

    class Meta:
        icon = "link"
        label = _("Menu item")

    def clean(self, value):
        value = super().clean(value)
        if not value.get("page") and not value.get("url"):
            raise StructBlockValidationError(
                block_errors={"page": ValidationError(_("Choose a page or give an address."))}
            )
        return value
