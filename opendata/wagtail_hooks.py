"""What open data adds to the portal (portal/extensions.py)."""

from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from portal import extensions, params
from portal.datasets import LiveDataset
from portal.demo_builder import DemoContent
from portal.scheduler import ScheduledJob
from portal.sections import HomeSection

from . import ckan, demo, generators, openapi, sections, tasks, urls


@hooks.register(extensions.HOME_SECTIONS)
def home_sections():
    return [HomeSection("opendata", "opendata/home_section.html", sections.latest_datasets,
                        order=60)]


@hooks.register(extensions.LIVE_DATASETS)
def live_datasets():
    return [LiveDataset("agencies", rows=generators.agency_rows,
                        version=generators.agency_version, title=_("Agency list"))]


@hooks.register(extensions.SCHEDULED_JOBS)
def scheduled_jobs():
    return [ScheduledJob("opendata.live_datasets", tasks.regenerate_live_datasets,
                         {"minute": 15})]


@hooks.register(extensions.MACHINE_URLS)
def machine_urls():
    return [path("", include(urls))]


@hooks.register(extensions.DEMO_CONTENT)
def demo_content():
    return [DemoContent("opendata", demo.build, order=60)]


@hooks.register(extensions.API_ERROR_FORMATS)
def ckan_error_format():
    return [params.ErrorFormat(prefixes=("/api/3/action/", "/api/action/"),
                               render=ckan.render_errors)]


@hooks.register(extensions.API_DESCRIPTIONS)
def ckan_api_description():
    return [openapi.description()]
