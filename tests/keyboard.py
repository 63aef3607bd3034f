"""Keyboard use in the browser tests: Tab through a page, checking focus is always visible."""

FOCUS_VISIBLE = """() => {
  const style = getComputedStyle(document.activeElement);
  return style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
}"""


def tab_to(page, selector, limit=60):
    """Press Tab until the element has focus, checking that every stop shows its focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        assert page.evaluate(FOCUS_VISIBLE), (
            f"no visible focus on {page.evaluate('document.activeElement.outerHTML')[:120]}")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")
