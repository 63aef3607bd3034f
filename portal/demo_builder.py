"""What every app's demo content is built with. Each app declares its demo as a
DEMO_CONTENT hook in its wagtail_hooks.py:

    @hooks.register(extensions.DEMO_CONTENT)
    def demo_content():
        return [DemoContent("bulletin", demo.build, order=30)]

`manage.py load_demo_content` calls each `build(builder)` by `order` (an app's demo may
build on the pages of one with a lower order); each step creates what is missing and leaves
what exists alone, so running it twice changes nothing."""

import io
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from django.core.files.images import ImageFile
from django.db import transaction
from wagtail.images import get_image_model
from wagtail.models import Locale, Site

from . import extensions


@dataclass(frozen=True)
class DemoContent:
    name: str
    build: Callable[["DemoBuilder"], None]
    order: int = 100


def registered_demo_content():
    return sorted(extensions.collect(extensions.DEMO_CONTENT),
                  key=lambda demo: (demo.order, demo.name))


class DemoBuilder:
    def __init__(self, stdout):
        self.stdout = stdout
        self.counts = Counter()

    # Reporting -------------------------------------------------------------------------
    def report(self, action, label):
        self.counts[action] += 1
        if action != "unchanged":
            self.stdout.write(f"  {action}: {label}")

    def summary(self):
        return ", ".join(f"{count} {action}" for action, count in sorted(self.counts.items()))

    # Locales and site ------------------------------------------------------------------
    def locale(self, language_code):
        locale, created = Locale.objects.get_or_create(language_code=language_code)
        if created:
            self.report("created", f"locale {language_code}")
        return locale

    @property
    def site(self):
        return Site.objects.select_related("root_page").get(is_default_site=True)

    def home(self, language_code):
        """The site's home page in a language."""
        return self.site.root_page.specific.get_translation(self.locale(language_code)).specific

    # Pages -----------------------------------------------------------------------------
    def page(self, parent, model, slug, **fields):
        """A live child page of `parent` with this slug, created if missing."""
        existing = model.objects.child_of(parent).filter(slug=slug).first()
        if existing is not None:
            self.report("unchanged", f"{model.__name__} {slug}")
            return existing
        with transaction.atomic():
            page = model(slug=slug, locale=parent.locale, **fields)
            parent.add_child(instance=page)
            page.save_revision().publish()
        self.report("created", f"{model.__name__} {page.url_path}")
        return page

    def translation(self, page, language_code, **fields):
        """The live translation of `page`, copied and filled in with `fields` if missing."""
        locale = self.locale(language_code)
        existing = page.get_translation_or_none(locale)
        if existing is not None:
            self.report("unchanged", f"{language_code} {page.slug}")
            return existing.specific
        with transaction.atomic():
            translated = page.copy_for_translation(locale).specific
            for name, value in fields.items():
                setattr(translated, name, value)
            translated.save()
            translated.save_revision().publish()
        self.report("created", f"{type(page).__name__} {translated.url_path}")
        return translated

    def snippet(self, model, lookup, **fields):
        obj = model.objects.filter(**lookup).first()
        if obj is not None:
            self.report("unchanged", f"{model.__name__} {obj}")
            return obj
        obj = model.objects.create(**lookup, **fields)
        self.report("created", f"{model.__name__} {obj}")
        return obj

    def image(self, title, filename, draw):
        """The Wagtail image with this title, made from the bytes `draw()` returns if
        missing (a drawing in portal.demo_pictures)."""
        model = get_image_model()
        existing = model.objects.filter(title=title).first()
        if existing is not None:
            self.report("unchanged", f"image {title}")
            return existing
        image = model(title=title)
        image.file = ImageFile(io.BytesIO(draw()), name=filename)
        image.save()
        self.report("created", f"image {title}")
        return image

    def translated_snippet(self, obj, language_code, **fields):
        locale = self.locale(language_code)
        existing = obj.get_translation_or_none(locale)
        if existing is not None:
            self.report("unchanged", f"{type(obj).__name__} {existing}")
            return existing
        translated = obj.copy_for_translation(locale)
        for name, value in fields.items():
            setattr(translated, name, value)
        translated.save()
        self.report("created", f"{type(obj).__name__} {translated}")
        return translated
