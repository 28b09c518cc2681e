"""Measure autosave: the time from one box edit until IndexedDB has committed it.

Drives the real page in headless Chromium. For a small and a large project it
applies single-box edits through the store, the same funnel the tools use, and
reports three timings per edit:

- write only: Persistence.queueImage until its transaction completes;
- edit to saved event: store.updateBox until the page hears "saved", which
  includes the time the page spends redrawing its panels;
- edit to visible elsewhere: store.updateBox until a second page of the same
  origin, polling IndexedDB, reads the new value back. This is the time after
  which a crash of the editing page can no longer lose the edit.

Run: .venv/bin/python bench/bench_autosave.py (after ./build.sh).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(ROOT / "tests" / "browser"))

from serve import serve_in_thread  # noqa: E402

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]

MAKE_PROJECT = """async ([images, boxes]) => {
  const projects = window.shopbox.projects;
  const project = projects.store.snapshot();
  project.images = [];
  let boxId = 0;
  for (let i = 1; i <= images; i++) {
    const list = [];
    for (let j = 0; j < boxes; j++) {
      list.push({ id: ++boxId, category_id: 6, bbox: [j, j, 10, 10], occluded: false,
                  truncated: false, face_and_body_visible: null, note: "" });
    }
    project.images.push({ id: i, file_name: `img-${i}.jpg`, width: 1000,
      height: 800, file_size: 1, status: "todo", shot_type: null,
      main_category_id: null, boxes: list });
  }
  const id = `bench-${images}`;
  await projects.persistence.saveProject(id, project);
  await projects.open(id);
}"""

TIME_WRITES = """async (count) => {
  const { store, persistence } = window.shopbox.projects;
  const times = [];
  for (let n = 0; n < count; n++) {
    const image = structuredClone(store.images[n % store.images.length]);
    image.boxes[0].bbox = [n % 50, 2, 10, 10];
    const start = performance.now();
    persistence.queueImage(store.projectId, image);
    await persistence.flush();
    times.push(performance.now() - start);
  }
  return times;
}"""

TIME_EDITS = """async (count) => {
  const { store, persistence } = window.shopbox.projects;
  const times = [];
  for (let n = 0; n < count; n++) {
    const image = store.images[n % store.images.length];
    const box = image.boxes[0];
    const saved = new Promise((resolve) => {
      const listener = ({ detail }) => {
        if (detail.state !== "saved") return;
        persistence.removeEventListener("status", listener);
        resolve();
      };
      persistence.addEventListener("status", listener);
    });
    const start = performance.now();
    store.updateBox(image.id, box.id, { bbox: [n % 50, 1, 10, 10] }, "bench");
    await saved;
    times.push(performance.now() - start);
  }
  return times;
}"""


START_WATCH = """() => {
  window.seen = {};
  const open = indexedDB.open("shopbox");
  open.onsuccess = async () => {
    const db = open.result;
    const projectId = localStorage.getItem("shopbox.project");
    for (;;) {
      const record = await new Promise((resolve) => {
        const images = db.transaction("images").objectStore("images");
        const request = images.get([projectId, 1]);
        request.onsuccess = () => resolve(request.result);
      });
      const value = record.boxes[0].bbox[0];
      if (!(value in window.seen)) {
        window.seen[value] = performance.timeOrigin + performance.now();
      }
    }
  };
}"""

EDIT_AT = """async (count) => {
  const { store } = window.shopbox.projects;
  const started = {};
  const image = store.images[0];
  for (let n = 0; n < count; n++) {
    const value = 500 + n;
    started[value] = performance.timeOrigin + performance.now();
    store.updateBox(image.id, image.boxes[0].id, { bbox: [value, 3, 10, 10] }, "bench");
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  return started;
}"""


def summarize(times: list[float]) -> dict[str, float]:
    ordered = sorted(times)
    return {
        "median_ms": round(statistics.median(ordered), 1),
        "p95_ms": round(ordered[int(len(ordered) * 0.95) - 1], 1),
        "max_ms": round(ordered[-1], 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--edits", type=int, default=200, help="edits per project")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    server, url = serve_in_thread(ROOT / "dist")
    executable = os.environ.get("SHOPBOX_CHROMIUM", "/usr/bin/chromium")
    results = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, args=CHROMIUM_ARGS, headless=True
        )
        context = browser.new_context()
        page = context.new_page()
        page.goto(url)
        while page.evaluate("document.documentElement.dataset.studio") != "ready":
            time.sleep(0.05)
        for images, boxes in [(1, 5), (2000, 20)]:
            page.evaluate(MAKE_PROJECT, [images, boxes])
            label = f"{images} images x {boxes} boxes"
            writes = page.evaluate(TIME_WRITES, args.edits)
            results[f"{label}, write only"] = summarize(writes)
            edits = page.evaluate(TIME_EDITS, args.edits)
            results[f"{label}, edit to saved event"] = summarize(edits)
            watcher = context.new_page()
            watcher.goto(url + "build.json")
            watcher.evaluate(START_WATCH)
            started = page.evaluate(EDIT_AT, args.edits // 2)
            time.sleep(1)
            seen = watcher.evaluate("window.seen")
            watcher.close()
            missing = [v for v in started if v not in seen]
            assert not missing, f"edits never reached IndexedDB: {missing}"
            delays = [seen[v] - started[v] for v in started]
            results[f"{label}, edit to visible elsewhere"] = summarize(delays)
        browser.close()
    server.shutdown()
    print(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
