from collections import defaultdict

from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from portal.templatetags.portal_tags import hreflang


class BilingualSitemap(Sitemap):
    """Every live public page of every language, each with hreflang alternates to its
    translations. Wagtail's own sitemap covers only the default language's tree."""

    limit = 5000

    def items(self):
        site = self.get_wagtail_site()
        roots = site.root_page.get_translations(inclusive=True)
        paths = [root.path for root in roots]
        query = Page.objects.none()
        for path in paths:
            query = query | Page.objects.filter(path__startswith=path)
        return (
            query.live()
            .public()
            .select_related("locale")
            .only("id", "url_path", "path", "depth", "translation_key", "locale",
                  "last_published_at", "latest_revision_created_at")
            .order_by("path")
        )

    def _urls(self, page, protocol, domain):
        pages = list(self.paginator.page(page).object_list)
        siblings = defaultdict(list)
        for translation in (
            Page.objects.live()
            .public()
            .filter(translation_key__in={item.translation_key for item in pages})
            .select_related("locale")
            .only("id", "url_path", "path", "depth", "translation_key", "locale")
        ):
            siblings[translation.translation_key].append(translation)

        urls = []
        for item in pages:
            alternates = [
                {"lang_code": hreflang(other.locale.language_code),
                 "location": other.get_full_url(self.request)}
                for other in siblings[item.translation_key]
            ]
            urls.append({
                "item": item,
                "location": item.get_full_url(self.request),
                "lastmod": item.last_published_at or item.latest_revision_created_at,
                "alternates": alternates if len(alternates) > 1 else [],
            })
        lastmods = [url["lastmod"] for url in urls]
        if lastmods and None not in lastmods:
            self.latest_lastmod = max(lastmods)
        return urls
