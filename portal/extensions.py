"""The portal's extension points: how an app plugs into the kernel without the kernel
knowing it.

`portal/` imports no app. An app contributes by registering a Wagtail hook in its own
`wagtail_hooks.py`, which Wagtail imports for every installed app the first time any hook
is read. Each hook function takes no argument and returns an iterable of what the point
collects; `collect(point)` gathers them all:

    # bulletin/wagtail_hooks.py
    from wagtail import hooks
    from portal import extensions
    from portal.sections import HomeSection

    @hooks.register(extensions.HOME_SECTIONS)
    def gazette_section():
        return [HomeSection("gazette", "bulletin/home_section.html", latest_gazette, order=20)]

The point's own module in `portal/` says what its items are and reads them (for example
`portal.sections.registered_sections()`).
"""

from wagtail import hooks

HOME_SECTIONS = "portal_home_sections"
SCHEDULED_JOBS = "portal_scheduled_jobs"
LIVE_DATASETS = "portal_live_datasets"
DEMO_CONTENT = "portal_demo_content"
API_DESCRIPTIONS = "portal_api_descriptions"
API_ERROR_FORMATS = "portal_api_error_formats"
MACHINE_URLS = "portal_machine_urls"
PAGE_URLS = "portal_page_urls"
CACHED_VIEWS = "portal_cached_views"


def collect(point):
    """Everything the installed apps contribute to `point`, in INSTALLED_APPS order."""
    return [item for hook in hooks.get_hooks(point) for item in hook()]
