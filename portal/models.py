import unicodedata

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import TranslatableMixin
from wagtail.search import index

from .blocks import FooterLinkBlock, MenuLinkBlock


def normalise_code(code):
    """The directory's code as stored: half-width, trimmed, upper case ("397040000a " and
    "３９７０４００００Ａ" are the same agency as "397040000A")."""
    return unicodedata.normalize("NFKC", str(code)).strip().upper()


class Agency(TranslatableMixin, index.Indexed, models.Model):
    """A government agency (機關): issues gazette documents, handles cases, provides datasets."""

    name = models.CharField(_("name"), max_length=120)
    short_name = models.CharField(_("short name"), max_length=40, blank=True)
    code = models.CharField(
        _("agency code"),
        max_length=10,
        help_text=_("機關代碼, the ten-character code of the government agency directory."),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent agency"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
    )
    phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    email = models.EmailField(_("contact e-mail"), blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("short_name"), FieldPanel("code")]),
        FieldPanel("parent"),
        MultiFieldPanel(
            [FieldPanel("phone"), FieldPanel("email"), FieldPanel("address")],
            heading=_("Contact"),
        ),
    ]

    search_fields = [
        index.SearchField("name"),
        index.SearchField("short_name"),
        index.AutocompleteField("name"),
        index.FilterField("code"),
        index.FilterField("locale_id"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["code", "locale"], name="unique_agency_code_per_locale")
        ]

    def __str__(self):
        return self.name

    def clean(self):
        # The admin form has no locale field, so the database constraint alone would
        # surface as a server error rather than a message on the code field.
        super().clean()
        self.code = normalise_code(self.code)
        duplicate = Agency.objects.filter(code=self.code, locale_id=self.locale_id).exclude(
            pk=self.pk)
        if self.locale_id and duplicate.exists():
            raise ValidationError(
                {"code": _("Another agency in this language already has this code.")})


@register_setting(icon="site")
class PortalSettings(BaseSiteSetting):
    """What the header and footer show on every page. Site-wide, so each text comes in both
    languages."""

    @classmethod
    def for_site(cls, site):
        # Read with the site when the portal found it (portal.sites.all_sites): no query
        # of its own.
        cached = site._state.fields_cache.get("portalsettings") if site is not None else None
        if isinstance(cached, cls):
            return cached
        return super().for_site(site)

    site_name = models.CharField(_("site name (Chinese)"), max_length=100)
    site_name_en = models.CharField(_("site name (English)"), max_length=100)
    address = models.CharField(_("address (Chinese)"), max_length=200, blank=True)
    address_en = models.CharField(_("address (English)"), max_length=200, blank=True)
    phone = models.CharField(_("switchboard phone"), max_length=40, blank=True)
    email = models.EmailField(_("contact e-mail"), blank=True)
    office_hours = models.CharField(_("office hours (Chinese)"), max_length=100, blank=True)
    office_hours_en = models.CharField(_("office hours (English)"), max_length=100, blank=True)
    citizen_hotline = models.CharField(
        _("citizen hotline"), max_length=20, default="1999",
        help_text=_("1999: the city's service hotline."),
    )
    consumer_hotline = models.CharField(
        _("consumer hotline"), max_length=20, default="1950",
        help_text=_("1950: the national consumer protection hotline."),
    )
    main_menu = StreamField(
        [("item", MenuLinkBlock())], blank=True, verbose_name=_("main menu"),
        help_text=_("The services in the header of every page, in this order. Left empty, "
                    "the menu lists the home page's subpages marked \"show in menus\"."),
    )
    footer_links = StreamField(
        [("link", FooterLinkBlock())], blank=True, verbose_name=_("footer links")
    )

    panels = [
        FieldRowPanel([FieldPanel("site_name"), FieldPanel("site_name_en")]),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("address"), FieldPanel("address_en")]),
                FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
                FieldRowPanel([FieldPanel("office_hours"), FieldPanel("office_hours_en")]),
            ],
            heading=_("Contact"),
        ),
        FieldRowPanel([FieldPanel("citizen_hotline"), FieldPanel("consumer_hotline")],
                      heading=_("Hotlines")),
        FieldPanel("main_menu"),
        FieldPanel("footer_links"),
    ]

    class Meta:
        verbose_name = _("portal settings")

    def localized(self, field):
        """The English variant of a field on English pages, falling back to Chinese."""
        if get_language() == "en":
            return getattr(self, f"{field}_en", "") or getattr(self, field)
        return getattr(self, field)

    @property
    def display_site_name(self):
        return self.localized("site_name")

    @property
    def display_address(self):
        return self.localized("address")

    @property
    def display_office_hours(self):
        return self.localized("office_hours")


class ScheduledRun(models.Model):
    """One claimed fire time of a scheduled job (portal/scheduler.py). The unique pair makes
    the claim: a second scheduler started by mistake fails to insert it and skips the run.
    The rows also tell /healthz when the scheduler last ran."""

    job = models.CharField(_("job"), max_length=100)
    scheduled_for = models.DateTimeField(_("scheduled for"))
    claimed_at = models.DateTimeField(_("claimed at"), db_index=True)

    class Meta:
        verbose_name = _("scheduled run")
        constraints = [
            models.UniqueConstraint(fields=["job", "scheduled_for"],
                                    name="portal_scheduled_run_once")
        ]

    def __str__(self):
        return f"{self.job} {self.scheduled_for:%Y-%m-%d %H:%M}"
