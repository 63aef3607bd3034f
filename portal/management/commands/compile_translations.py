from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Compile the portal's .po catalogues to .mo with polib (no GNU gettext needed)."

    def handle(self, *args, **options):
        # The project catalogue, plus each portal app's own <app>/locale/.
        locale_paths = [*settings.LOCALE_PATHS,
                        *(settings.BASE_DIR / app / "locale" for app in settings.PORTAL_APPS)]
        for locale_path in locale_paths:
            for po_path in sorted(Path(locale_path).glob("*/LC_MESSAGES/*.po")):
                mo_path = po_path.with_suffix(".mo")
                if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
                    continue
                polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
                self.stdout.write(f"compiled {po_path.relative_to(settings.BASE_DIR)}")
