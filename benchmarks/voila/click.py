"""Click to feedback in the browser: an answer in a statement sort until its feedback shows."""

from __future__ import annotations

import json
import random
from typing import Any

from benchmarks.common import machine_use
from benchmarks.voila.page_load import watch
from benchmarks.voila.protocol import HARMFUL, HELPFUL, NEXT
from benchmarks.voila.results import ClickLatency, ClickSample
from benchmarks.voila.servers import Server

# Click an answer of the statement sort that still has an open item, and time until its
# feedback (the quiz's live region, coursekit.practice.controls) has text; then "Volgende".
# An answer button's words are its last child (a ✓ mark comes first).
_CLICK = """
async (label) => {
  const quizzes = [...document.querySelectorAll(".coursekit-statementsort")];
  const words = (b) => b.lastChild.textContent.trim();
  const open = (q) => [...q.querySelectorAll(".coursekit-pressed button")].some(
    (b) => words(b) === HELPFUL_LABEL && !b.disabled && b.offsetParent !== null);
  const quiz = quizzes.find(open);
  if (!quiz) return null;
  const button = [...quiz.querySelectorAll(".coursekit-pressed button")].find(
    (b) => words(b) === label);
  const feedback = quiz.querySelector(".coursekit-live");
  const result = await new Promise((resolve) => {
    let t0 = 0;
    const timer = setTimeout(() => resolve(null), 30000);
    const observer = new MutationObserver(() => {
      if (!feedback.textContent.trim()) return;
      const dom = performance.now() - t0;
      observer.disconnect();
      clearTimeout(timer);
      requestAnimationFrame(() => resolve({ dom, frame: performance.now() - t0 }));
    });
    observer.observe(feedback, { subtree: true, childList: true, characterData: true });
    t0 = performance.now();
    button.click();
  });
  if (result === null) return { timeout: true };
  const next = [...quiz.querySelectorAll("button")].find(
    (b) => b.textContent.trim() === NEXT_LABEL && b.offsetParent !== null);
  if (next) {
    const t1 = performance.now();
    next.click();
    await new Promise((resolve) => {
      const check = () => (feedback.textContent.trim() === "" ? resolve() : setTimeout(check, 5));
      check();
    });
    result.next = performance.now() - t1;
  }
  return result;
}
""".replace("HELPFUL_LABEL", json.dumps(HELPFUL)).replace("NEXT_LABEL", json.dumps(NEXT))


def click_latency(browser: Any, server: Server, module: str, clicks: int) -> ClickLatency:
    """``clicks`` answers over fresh items of ``module``, in fresh pages while items last."""
    samples: list[ClickSample] = []
    errors = 0
    pages = 0
    rng = random.Random(20261126)
    url = f"{server.url}/voila/render/{module}"
    server.settle()
    with machine_use() as use:
        while len(samples) < clicks and pages < 5:
            pages += 1
            context = browser.new_context(
                viewport={"width": 1280, "height": 900},
                # The measuring scripts are evaluated in the page; the course's CSP forbids eval.
                bypass_csp=True,
            )
            try:
                page = context.new_page()
                page.add_init_script(watch(HELPFUL))
                page.goto(url, wait_until="commit", timeout=90_000)
                page.wait_for_function(
                    "window.__bench && window.__bench.tti !== null", timeout=90_000
                )
                page.wait_for_timeout(1000)  # let the rest of the page's widgets render
                kernel = page.evaluate(
                    "() => JSON.parse(document.getElementById('jupyter-config-data')"
                    ".textContent).kernelId"
                )
                while len(samples) < clicks:
                    page.wait_for_timeout(300 + rng.random() * 400)  # a short think time
                    result = page.evaluate(_CLICK, rng.choice([HELPFUL, HARMFUL]))
                    if result is None:
                        break  # no open statement left on this page
                    if result.get("timeout"):
                        errors += 1
                        continue
                    samples.append(
                        ClickSample(
                            dom=result["dom"], frame=result["frame"], next=result.get("next")
                        )
                    )
            finally:
                context.close()
            server.shutdown_kernel(kernel)
            server.settle()
    return ClickLatency(samples=samples, errors=errors, pages=pages, use=use)
