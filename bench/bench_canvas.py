"""Frame times of the labeling canvas with a 6000x4000 photo and 5,000 boxes.

Drives the built studio (dist/) in headless Chromium with real mouse and
keyboard input and prints p50 and p95 of:

* render time per frame (Renderer.lastFrameMs, the time spent drawing), and
* the interval between animation frames while the gesture runs,

for a pan, a wheel zoom and a box drag, plus the time from pressing D to the
first frame that shows the next photo when it was decoded ahead of time.

Run: ./build.sh && .venv/bin/python bench/bench_canvas.py
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_qa_page import poll as wait  # noqa: E402
from tests.browser.conftest import CHROMIUM_ARGS  # noqa: E402

from serve import serve_in_thread  # noqa: E402

log = logging.getLogger(__name__)

WIDTH, HEIGHT, BOXES, IMAGES = 6000, 4000, 5000, 3

# Makes IMAGES large JPEG files in the page and drops them onto the stage.
MAKE_IMAGES = """async ([width, height, count]) => {
  const transfer = new DataTransfer();
  for (let n = 0; n < count; n++) {
    const canvas = new OffscreenCanvas(width, height);
    const ctx = canvas.getContext("2d");
    const gradient = ctx.createLinearGradient(0, 0, width, height);
    gradient.addColorStop(0, `hsl(${n * 90}, 60%, 70%)`);
    gradient.addColorStop(1, `hsl(${n * 90 + 45}, 50%, 30%)`);
    ctx.fillStyle = gradient;
    ctx.fillRect(0, 0, width, height);
    for (let i = 0; i < 400; i++) {
      ctx.fillStyle = `hsl(${(i * 37) % 360}, 50%, 50%)`;
      ctx.fillRect((i * 733) % width, (i * 419) % height, 180, 120);
    }
    const blob = await canvas.convertToBlob({ type: "image/jpeg", quality: 0.9 });
    transfer.items.add(new File([blob], `bench-${n + 1}.jpg`, { type: "image/jpeg" }));
  }
  return transfer;
}"""

# Puts BOXES boxes with ids, categories and sizes from a fixed LCG on image 1.
SEED_BOXES = """([count, width, height]) => {
  const { store } = window.shopbox.internals;
  let state = 12345;
  const random = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
  store.editImage(1, "seed boxes", (image) => {
    for (let i = 0; i < count; i++) {
      const w = 20 + random() * 400;
      const h = 20 + random() * 400;
      const bbox = [random() * (width - w), random() * (height - h), w, h].map(
        (v) => Math.round(v * 100) / 100,
      );
      const category_id = random() < 0.05 ? null : 1 + Math.floor(random() * 36);
      image.boxes.push({
        id: store.newBoxId(), category_id, bbox, occluded: false,
        truncated: false, face_and_body_visible: null, note: "",
      });
    }
  });
}"""

# Starts collecting render times and rAF intervals.
START = """() => {
  const { renderer } = window.shopbox.internals;
  renderer.frameLog = [];
  window.__raf = [];
  window.__rafOn = true;
  const tick = (t) => {
    window.__raf.push(t);
    if (window.__rafOn) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}"""

STOP = """() => {
  const { renderer } = window.shopbox.internals;
  window.__rafOn = false;
  const frames = renderer.frameLog;
  renderer.frameLog = null;
  const raf = window.__raf;
  return { frames, intervals: raf.slice(1).map((t, i) => t - raf[i]) };
}"""

# Records when the first frame showing image `id` with its pixels is drawn.
WATCH_SHOWN = """(id) => {
  const { renderer, store, sources } = window.shopbox.internals;
  window.__shown = null;
  window.__pressed = null;
  document.addEventListener("keydown", (e) => { window.__pressed = e.timeStamp; },
    { once: true, capture: true });
  if (!renderer.__watched) {
    const render = renderer.render.bind(renderer);
    renderer.render = () => {
      render();
      const want = window.__want;
      const shown = store.currentImageId === want && sources.bitmap(want);
      if (window.__shown === null && shown) window.__shown = performance.now();
    };
    renderer.__watched = true;
  }
  window.__want = id;
  return sources.bitmap(id) !== null;
}"""


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def summary(values: list[float]) -> dict[str, float]:
    return {
        "n": len(values),
        "p50": round(statistics.median(values), 2),
        "p95": round(percentile(values, 0.95), 2),
        "max": round(max(values), 2),
    }


def measure(page, gesture) -> dict[str, dict[str, float]]:
    page.evaluate(START)
    gesture()
    page.wait_for_timeout(100)
    result = page.evaluate(STOP)
    return {
        "render_ms": summary(result["frames"]),
        "frame_interval_ms": summary(result["intervals"]),
    }


def run(page, url: str) -> dict:
    page.goto(url)
    wait(page, "document.documentElement.dataset.studio === 'ready'")
    transfer = page.evaluate_handle(MAKE_IMAGES, [WIDTH, HEIGHT, IMAGES])
    page.dispatch_event("#stage", "drop", {"dataTransfer": transfer})
    wait(page, f"window.shopbox.project().images.length === {IMAGES}")
    page.evaluate(SEED_BOXES, [BOXES, WIDTH, HEIGHT])
    page.click("#image-list li[data-image-id='1']")
    page.focus("#canvas")
    page.keyboard.press("0")
    page.wait_for_timeout(500)
    canvas = page.locator("#canvas").bounding_box()
    cx = canvas["x"] + canvas["width"] / 2
    cy = canvas["y"] + canvas["height"] / 2
    results = {}

    def pan():
        page.mouse.move(cx, cy)
        page.mouse.down(button="middle")
        page.mouse.move(cx + 300, cy + 200, steps=120)
        page.mouse.move(cx - 300, cy - 100, steps=120)
        page.mouse.up(button="middle")

    results["pan (fit, 5,000 boxes visible)"] = measure(page, pan)

    def zoom():
        page.mouse.move(cx, cy)
        for i in range(120):
            page.mouse.wheel(0, -40 if i < 60 else 40)

    results["wheel zoom"] = measure(page, zoom)

    page.keyboard.press("1")
    page.wait_for_timeout(200)
    results["pan at 100%"] = measure(page, pan)

    # Drag the box under the canvas centre, at the fitted zoom.
    page.keyboard.press("0")
    page.wait_for_timeout(200)

    def drag():
        page.mouse.move(cx, cy)
        page.mouse.down()
        page.mouse.move(cx + 200, cy + 120, steps=120)
        page.mouse.up()

    results["box drag or draw"] = measure(page, drag)

    times = []
    preloaded = []
    for image_id in [2, 3, 2, 1, 2, 3, 2, 1]:
        # Give the neighbour time to decode, as an annotator's work on a photo would.
        page.wait_for_timeout(2500)
        preloaded.append(page.evaluate(WATCH_SHOWN, image_id))
        current = page.evaluate("window.shopbox.view().currentImageId")
        page.keyboard.press("D" if image_id > current else "A")
        wait(page, "window.__shown !== null", timeout=20)
        times.append(page.evaluate("window.__shown - window.__pressed"))
    results["next image shown (preloaded)"] = {
        "ms": summary(times),
        "each_ms": [round(t, 1) for t in times],
        "decoded before the key press": f"{sum(preloaded)} of {len(preloaded)}",
    }
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print JSON only")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    from playwright.sync_api import sync_playwright

    server, url = serve_in_thread(ROOT / "dist")
    executable = os.environ.get("SHOPBOX_CHROMIUM", "/usr/bin/chromium")
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=executable, args=CHROMIUM_ARGS, headless=True
            )
            context = browser.new_context(viewport={"width": 1400, "height": 900})
            page = context.new_page()
            page.on("pageerror", lambda error: log.error("page error: %s", error))
            results = run(page, url)
            results["browser"] = browser.version
            browser.close()
    finally:
        server.shutdown()
    if args.json:
        print(json.dumps(results, indent=2))
        return
    for name, values in results.items():
        log.info("%s: %s", name, values)


if __name__ == "__main__":
    main()
