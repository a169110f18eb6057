"""Run a page in headless Chromium through puppeteer (from the DAISY Ace install, ``make ace``)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

PUPPETEER = Path(__file__).resolve().parent.parent / ".venv" / "ace" / "node_modules" / "puppeteer"

#: Loads the page at argv[2] at each width of argv[3] (JSON) and prints, as one JSON
#: list, what ``EVALUATE`` (a function body run in the page, after its fonts load) returns.
_RUNNER = """
const puppeteer = require(process.env.PUPPETEER_MODULE);
(async () => {
  const browser = await puppeteer.launch({
    executablePath: process.env.PUPPETEER_EXECUTABLE_PATH, args: ["--no-sandbox", "--disable-gpu"]});
  const out = [];
  for (const width of JSON.parse(process.argv[3])) {
    const page = await browser.newPage();
    await page.setViewport({width, height: 800});
    await page.goto(process.argv[2]);
    await page.evaluate(() => document.fonts.ready);
    out.push(await page.evaluate(async () => { EVALUATE }));
  }
  console.log(JSON.stringify(out));
  await browser.close();
})();
"""


def in_chromium(page: Path, evaluate: str, widths: tuple[int, ...] = (390, 1280)) -> list[Any]:
    """What the JavaScript function body ``evaluate`` returns in ``page`` at each viewport width (px).

    Skips the test without Node.js, puppeteer or chromium.
    """
    browser = os.environ.get("PUPPETEER_EXECUTABLE_PATH") or shutil.which("chromium")
    if shutil.which("node") is None or not PUPPETEER.is_dir() or browser is None:
        pytest.skip("needs Node.js, puppeteer (make ace) and chromium")
    script = page.with_name(page.stem + "-runner.js")
    script.write_text(_RUNNER.replace("EVALUATE", evaluate), encoding="utf-8")
    env = {**os.environ, "PUPPETEER_MODULE": str(PUPPETEER), "PUPPETEER_EXECUTABLE_PATH": browser}
    proc = subprocess.run(
        ["node", str(script), page.as_uri(), json.dumps(list(widths))],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    result: list[Any] = json.loads(proc.stdout)
    return result
