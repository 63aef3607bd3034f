"""What the home and standard pages add to the portal (portal/extensions.py)."""

from wagtail import hooks

from portal import extensions
from portal.demo_builder import DemoContent

from . import demo


@hooks.register(extensions.DEMO_CONTENT)
def demo_content():
    # The navigation last: its menu links to the pages of every other app's demo.
    return [DemoContent("home", demo.build, order=20),
            DemoContent("navigation", demo.build_navigation, order=90)]
