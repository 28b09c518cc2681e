"""Time the QA panel in the page: from an edit to refreshed findings, 200 boxes.

Target: findings refresh within 100 ms of an edit. The script serves dist/ on
loopback, opens the sample coffee photo in headless Chromium, puts 200 boxes
on it, then moves one box at a time and waits for the panel's "updated" event.
The time includes the worker round trip, validating the image record and the
rules in Pyodide.

Usage: .venv/bin/python bench/bench_qa_page.py [--edits N]  (after ./build.sh)
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(ROOT))

from tests.browser.conftest import CHROMIUM_ARGS  # noqa: E402

from serve import serve_in_thread  # noqa: E402

FILL = """(count) => {
  const { store } = window.shopbox.internals;
  const image = store.currentImage();
  store.editImage(image.id, "bench boxes", (draft) => {
    for (let i = 0; i < count; i++) {
      const x = 5 + (i % 20) * 29;
      const y = 5 + Math.floor(i / 20) * 39;
      draft.boxes.push({
        id: store.newBoxId(), category_id: [14, 1, 6, 9][i % 4], bbox: [x, y, 24, 34],
        occluded: false, truncated: false, face_and_body_visible: null, note: "",
      });
    }
  });
}"""

EDIT = """async (step) => {
  const { store, qa } = window.shopbox.internals;
  const image = store.currentImage();
  const box = image.boxes[step % image.boxes.length];
  const updated = new Promise((resolve) =>
    qa.addEventListener("updated", resolve, { once: true }));
  const start = performance.now();
  const [x, y, w, h] = box.bbox;
  store.updateBox(image.id, box.id, { bbox: [x, y + (step % 2 ? 1 : -1), w, h] });
  await updated;
  return performance.now() - start;
}"""


def poll(page, expression: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            raise SystemExit(f"timed out waiting for {expression}")
        time.sleep(0.05)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--boxes", type=int, default=200)
    parser.add_argument("--edits", type=int, default=50)
    args = parser.parse_args()
    server, url = serve_in_thread(ROOT / "dist")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
        )
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.goto(url)
        poll(page, "document.documentElement.dataset.python === 'ready'")
        page.click("#welcome-samples")
        poll(page, "window.shopbox.project().images.length === 3")
        page.evaluate(FILL, args.boxes)
        page.evaluate("window.shopbox.checks()")
        times = [page.evaluate(EDIT, step) for step in range(args.edits)]
        browser.close()
    server.shutdown()
    times.sort()
    p95 = times[int(0.95 * (len(times) - 1))]
    print(f"{args.boxes} boxes, {args.edits} edits: edit to refreshed findings")
    median = statistics.median(times)
    print(f"  median {median:.1f} ms, p95 {p95:.1f} ms, max {times[-1]:.1f} ms")


if __name__ == "__main__":
    main()
