from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PetitionsConfig(AppConfig):
    name = "petitions"
    verbose_name = _("Petitions and complaints")

    def ready(self):
        from opendata import generators
        from portal import scheduler
        from portal.sections import HomeSection, register

        from . import statistics, tasks
        from .sections import intake_links

        generators.register("case-statistics", rows=statistics.monthly_case_statistics,
                            version=statistics.version, title=_("Monthly case statistics"))
        register(HomeSection("petitions", "petitions/home_section.html", intake_links, order=40))
        # Asia/Taipei times: retention at night, the digest before the working day starts,
        # receipts retried every ten minutes until MAX_RECEIPT_ATTEMPTS.
        scheduler.register("petitions.anonymise", tasks.anonymise_cases, hour=3, minute=0)
        scheduler.register("petitions.deadline_digest", tasks.send_deadline_digests,
                           hour=7, minute=30)
        scheduler.register("petitions.retry_receipts", tasks.retry_failed_receipts,
                           minute="*/10")
