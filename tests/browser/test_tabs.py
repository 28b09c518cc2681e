"""A project open in two tabs: one writer, one read-only tab that can take over."""

from __future__ import annotations

from .conftest import PageGuard, Studio

CLOTHING = "clothing-dataset-cc0/images"


def open_tab(context, site_url) -> Studio:
    page = context.new_page()
    return Studio(page, site_url, PageGuard(page, site_url.rstrip("/"))).open(
        python=False
    )


def is_read_only(studio: Studio) -> bool:
    return studio.page.evaluate(
        "document.documentElement.hasAttribute('data-readonly')"
    )


def test_second_tab_is_read_only_until_take_over(context, site_url, shared_data):
    photo = sorted((shared_data / CLOTHING).glob("*.jpg"))[0]
    first = open_tab(context, site_url)
    first.open_files([photo])
    first.press("1")
    first.draw_box((10, 10), (80, 80), category=None)
    first.page.evaluate("window.shopbox.flush()")

    second = open_tab(context, site_url)
    assert is_read_only(second)
    assert second.page.text_content("#notice-tabs .notice-text") == (
        "This project is open in another tab, so this tab is read-only."
    )
    assert second.page.is_disabled("#open-images")
    assert second.page.is_disabled("#project-name")
    assert len(second.project()["images"][0]["boxes"]) == 1
    # A drag in the read-only tab draws nothing.
    second.drag((100, 100), (200, 200))
    assert second.page.is_hidden("#picker")
    assert len(second.project()["images"][0]["boxes"]) == 1

    # An edit in the writing tab shows up in the read-only one.
    box = first.draw_box((100, 100), (150, 160), category=None)
    second.wait("window.shopbox.project().images[0].boxes.length === 2")

    second.page.click("#notice-tabs button:text('Take over')")
    second.wait("!document.documentElement.hasAttribute('data-readonly')")
    first.wait("document.documentElement.hasAttribute('data-readonly')")
    assert first.page.text_content("#notice-tabs .notice-text") == (
        "Another tab took over this project, so this tab is now read-only."
    )
    assert first.page.is_disabled("#open-images")
    assert second.page.locator("#notice-tabs").count() == 0

    third = second.draw_box((200, 20), (260, 90), category=None)
    second.page.evaluate("window.shopbox.flush()")
    first.wait("window.shopbox.project().images[0].boxes.length === 3")
    ids = [b["id"] for b in first.project()["images"][0]["boxes"]]
    assert ids[1:] == [box["id"], third["id"]]

    # And back again.
    first.page.click("#notice-tabs button:text('Take over')")
    first.wait("!document.documentElement.hasAttribute('data-readonly')")
    second.wait("document.documentElement.hasAttribute('data-readonly')")
    first.guard.check()
    second.guard.check()
