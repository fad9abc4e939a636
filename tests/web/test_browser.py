"""Real headless Chromium (Debian's, through Playwright) against a real uvicorn server.

The walk a first-time visitor takes: search "National Security", open the Office, click a
bar of its Director timeline, land on the person, follow a source to the verbatim line. The
Office's page is saved to ``test-artifacts/office.png`` (and ``office-phone.png``) to look at.
"""

from __future__ import annotations

import os
import re
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest
import uvicorn
from fastapi import FastAPI
from playwright.sync_api import Browser, Dialog, Page, Route, expect, sync_playwright

from tests.conftest import ROOT
from tests.web.conftest import OFFICE, Store

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
ARTIFACTS = ROOT / "test-artifacts"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def server(app: FastAPI) -> Iterator[str]:
    """``app`` served by uvicorn on a free loopback port, in a thread; its base URL."""
    config = uvicorn.Config(app, host="127.0.0.1", port=free_port(), log_level="warning")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not running.started:
        assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{config.port}"
    running.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        message = f"{CHROMIUM} is missing: `make test` installs Debian's chromium"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Browser, server: str) -> Iterator[Page]:
    """A 1280-wide page that may reach the server and nothing else."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=server)
    outside: list[str] = []

    def only_loopback(route: Route) -> None:
        if urlparse(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", only_loopback)
    tab = context.new_page()
    dialogs: list[str] = []

    def dismiss(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    tab.on("dialog", dismiss)
    errors: list[str] = []
    tab.on("pageerror", lambda e: errors.append(str(e)))
    yield tab
    context.close()
    assert not outside, f"the page reached outside the server: {outside}"
    assert not dialogs, f"a dialog fired: {dialogs}"
    assert not errors, f"script errors: {errors}"


def test_search_to_office_to_person_to_evidence(page: Page, store: Store) -> None:
    page.goto("/")
    page.get_by_placeholder("e.g. National Security").fill("National Security")
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Search: “National Security”")

    page.locator("section.hits.organization").get_by_role("link", name=OFFICE, exact=True).click()
    expect(page.locator("h1")).to_have_text(OFFICE)
    assert page.url.endswith(f"/org/{store.ids['office']}")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "office.png"), full_page=True)

    li_bar = page.locator(f"svg.tl-chart a.bar[href^='/person/{store.ids['li']}#']")
    expect(li_bar).to_have_count(1)
    assert "- Li Zhanshu (2014–2017" in (li_bar.locator("title").text_content() or "")
    li_bar.locator("rect.solid").click()
    expect(page.locator("h1")).to_have_text("Li Zhanshu")
    assert f"/person/{store.ids['li']}#ten_" in page.url

    row = page.locator("table.career-table tr", has_text=OFFICE)
    row.locator("a.src").first.click()
    expect(page.locator("h1")).to_have_text(f"{OFFICE}, line 35")
    expect(page.locator("blockquote .line-text")).to_have_text(
        "- Li Zhanshu (2014–2017, Secretary of the Secretariat of the CCP Central Committee "
        "and Director of the General Office of the CCP Central Committee)"
    )


def test_office_page_fits_a_phone(browser: Browser, server: str, store: Store) -> None:
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, base_url=server, is_mobile=True
    )
    tab = context.new_page()
    tab.goto(f"/org/{store.ids['office']}")
    overflow = tab.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the page scrolls sideways by {overflow}px on a phone"
    bar = tab.locator("svg.tl-chart a.bar rect.solid").first.bounding_box()
    assert bar is not None and bar["width"] > 10
    ARTIFACTS.mkdir(exist_ok=True)
    tab.screenshot(path=str(ARTIFACTS / "office-phone.png"), full_page=True)
    context.close()


def test_hostile_article_runs_nothing(page: Page, store: Store) -> None:
    page.goto(f"/org/{store.ids['hostile']}")
    expect(page.locator("h1")).to_have_text("Office of <script>alert(1)</script> Affairs")
    assert page.evaluate("document.scripts.length") == 0
    bars = page.locator("svg.tl-chart a.bar")
    for i in range(bars.count()):
        bars.nth(i).hover()
    assert "<svg onload=alert(3)>" in page.locator("dl.facts").inner_text()
    people = page.locator("ol.tl-labels a")
    hrefs = [people.nth(i).get_attribute("href") for i in range(people.count())]
    for href in hrefs:
        assert href is not None
        page.goto(href)
        page.locator("a.src").first.hover()
        page.locator("a.src").first.click()
        expect(page.locator("blockquote")).to_contain_text(re.compile("alert"))
    page.goto("/search?q=alert")
    page.goto("/conflicts")
    expect(page.locator("section.conflict")).to_contain_text("<svg onload=alert")


def test_api_docs_render_offline(page: Page) -> None:
    page.goto("/docs")
    operations = page.locator(".opblock-summary-path")
    expect(operations.first).to_be_visible(timeout=15_000)
    paths = operations.all_inner_texts()
    assert any("/api/who" in p for p in paths), paths


def test_lineage_bar_leads_to_the_sentence_it_was_read_from(page: Page, store: Store) -> None:
    page.goto(f"/org/{store.ids['office']}?on=2005")
    chart = page.locator("figure.lineage-chart svg.tl-chart")
    expect(chart).to_be_visible()
    box = chart.bounding_box()
    assert box is not None and box["width"] > 400
    shared = chart.locator("a.bar.shared")
    expect(shared).to_have_count(2)
    renamed = chart.locator("a.bar", has_text="Office of the Central National Security Commission")
    renamed.locator("rect.solid").first.click()
    expect(page.locator("h1")).to_have_text(f"{OFFICE}, line 21")
    ARTIFACTS.mkdir(exist_ok=True)
    page.go_back()
    page.locator("section.lineage").screenshot(path=str(ARTIFACTS / "office-lineage.png"))
