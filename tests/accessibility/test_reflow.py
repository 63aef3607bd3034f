"""No page of the demo site scrolls sideways, at two phone widths and a desktop width, in both
languages (WCAG 1.4.10 Reflow): wide tables scroll inside their own region, long words and
code wrap, filter forms stack. The intake forms are also read with their errors showing.
On a desktop the filters of the listings sit beside their results, above them on a phone."""

import pytest

from tests.demo_pages import demo_urls, submit_empty_intake_forms

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = (320, 375, 1280)

# The page's width beyond the window, and the first elements that stick out of it without a
# scrolling box of their own around them: what to fix.
OVERFLOW = """() => {
  const root = document.documentElement;
  if (root.scrollWidth <= root.clientWidth) return null;
  const scrolls = element => {
    for (let box = element.parentElement; box && box !== document.body; box = box.parentElement) {
      if (["auto", "scroll", "hidden"].includes(getComputedStyle(box).overflowX)) return true;
    }
    return false;
  };
  const culprits = [...document.body.querySelectorAll("*")]
    .filter(element => element.getBoundingClientRect().right > root.clientWidth + 0.5
                       && !scrolls(element))
    .slice(0, 3)
    .map(element => element.tagName.toLowerCase()
         + (element.id ? "#" + element.id : "")
         + (typeof element.className === "string" && element.className
            ? "." + element.className.trim().split(/\\s+/).join(".") : ""));
  return `${root.scrollWidth}px wide in ${root.clientWidth}px: ${culprits.join(", ")}`;
}"""


# Where a listing's filters are: "beside" or "above" its results, or null without filters.
FILTERS = """() => {
  const filters = document.querySelector(".with-sidebar__filters");
  const results = document.querySelector(".with-sidebar__results");
  if (!filters || !results) return null;
  const [f, r] = [filters.getBoundingClientRect(), results.getBoundingClientRect()];
  if (f.right <= r.left) return "beside";
  return f.bottom <= r.top ? "above" : "overlapping";
}"""


def test_no_page_scrolls_sideways(browser, demo):
    urls = demo_urls()
    assert len(urls) > 20
    failures, listings = [], set()
    for width in WIDTHS:
        context = browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        for url in urls:
            page.goto(demo + url)
            overflow = page.evaluate(OVERFLOW)
            if overflow:
                failures.append(f"{url} at {width}px: {overflow}")
            filters = page.evaluate(FILTERS)
            if filters is not None:
                listings.add(url)
                expected = "beside" if width >= 1024 else "above"
                if filters != expected:
                    failures.append(f"{url} at {width}px: filters {filters}, not {expected}")
        for url in submit_empty_intake_forms(page, demo):
            assert page.locator("[aria-invalid=true]").count(), f"{url} shows no errors"
            overflow = page.evaluate(OVERFLOW)
            if overflow:
                failures.append(f"{url} with errors at {width}px: {overflow}")
        context.close()
    # The gazette, the data catalogue, search, consumer notices and sister cities, twice.
    assert len(listings) >= 10, listings
    assert not failures, "\n".join(failures)
