"""Time check_image in the page: Pyodide in the studio's Web Worker, in Chromium.

Serves the built dist/ on 127.0.0.1, opens the studio in headless Chromium,
waits for Python, then times ``window.shopbox.python.call("check_image")`` for
the 200-box mixed scene of bench_rules.py. Each time is measured in the page
with performance.now() and covers the whole round trip that the QA panel
pays: posting the project to the worker, JSON decoding, pydantic validation,
the rules and the reply.

Usage: ./build.sh, then PYTHONPATH=py .venv/bin/python bench/bench_rules_pyodide.py
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

from bench_rules import mixed_image, stacked_image
from playwright.sync_api import sync_playwright

from shopbox.models import Project

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

from serve import serve_in_thread  # noqa: E402

TIME_CALLS = """async ([payload, repeat]) => {
  const call = () => window.shopbox.python.call("check_image", payload);
  const first = await call();
  const samples = [];
  for (let i = 0; i < repeat; i++) {
    const start = performance.now();
    await call();
    samples.push(performance.now() - start);
  }
  return {samples, findings: first.findings.length};
}"""


def wait_for_python(page, timeout_s: float = 120) -> None:
    """Poll until the worker reports Python ready; the page's CSP forbids eval."""
    deadline = time.monotonic() + timeout_s
    state = None
    while time.monotonic() < deadline:
        state = page.evaluate("document.documentElement.dataset.python")
        if state in ("ready", "failed"):
            break
        time.sleep(0.2)
    if state != "ready":
        raise SystemExit(f"Python in the page did not start: state {state!r}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--boxes", type=int, default=200, help="boxes per image")
    parser.add_argument("--repeat", type=int, default=50, help="timed calls each")
    args = parser.parse_args()

    server, url = serve_in_thread(ROOT / "dist")
    executable = os.environ.get("SHOPBOX_CHROMIUM", "/usr/bin/chromium")
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                headless=True, executable_path=executable, args=["--no-sandbox"]
            )
            page = browser.new_page()
            page.goto(url)
            wait_for_python(page)
            version = page.evaluate("navigator.userAgent")
            print(f"Chromium: {version}")
            for name, record in [
                ("mixed", mixed_image(args.boxes)),
                ("stacked", stacked_image(args.boxes)),
            ]:
                payload = {
                    "project": Project(images=[record]).model_dump(mode="json"),
                    "image_id": record.id,
                }
                result = page.evaluate(TIME_CALLS, [payload, args.repeat])
                samples = result["samples"]
                median = statistics.median(samples)
                p95 = statistics.quantiles(samples, n=20)[-1]
                print(
                    f"{name:8} {len(record.boxes)} boxes, {result['findings']:3} "
                    f"findings: median {median:.1f} ms, p95 {p95:.1f} ms"
                )
            browser.close()
    finally:
        server.shutdown()


if __name__ == "__main__":
    main()
