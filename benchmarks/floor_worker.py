"""The engines' floor for one worker: render HTML files to PDF (WeasyPrint) and Markdown (pandoc).

Run as a fresh process, so interpreter start and imports count, as they do
for a build's worker processes::

    python benchmarks/floor_worker.py OUT_DIR FILE.html...

What is expensive to set up (the imports, WeasyPrint's font configuration)
is set up once and reused for every file, the same as plainpress does.
"""

from __future__ import annotations

import sys
from pathlib import Path


def main(argv: list[str]) -> None:
    import pypandoc
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration

    out = Path(argv[0])
    out.mkdir(parents=True, exist_ok=True)
    fonts = FontConfiguration()
    for name in argv[1:]:
        source = Path(name)
        pdf = HTML(filename=str(source)).render(font_config=fonts).write_pdf()
        (out / (source.stem + ".pdf")).write_bytes(pdf)
        markdown = pypandoc.convert_file(str(source), "markdown", format="html", extra_args=["--wrap=none"])
        (out / (source.stem + ".md")).write_text(markdown, encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
