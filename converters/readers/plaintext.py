"""The plain-text reader: a file or string in, a :class:`~converters.model.Document` out.

Entry points:

* :func:`read_file` - read, decode and parse one file (never writes anything);
* :func:`read_text` - parse text already in memory;
* :func:`explain_file` - the same, plus the list of :class:`Decision` records
  that ``plainpress inspect --explain`` prints through :func:`format_explanation`.

The work is done by the named passes in :mod:`converters.readers.passes`.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from converters.errors import InputError
from converters.model import Document, Source
from converters.options import ReadOptions
from converters.readers.decode import decode
from converters.readers.normalize import normalize
from converters.readers.passes import run_passes
from converters.readers.state import Decision, ReaderState

#: The options used when none are given (a frozen dataclass, safe to share).
DEFAULT_OPTIONS = ReadOptions()

__all__ = [
    "Decision",
    "explain_file",
    "explain_text",
    "format_explanation",
    "furniture_note",
    "read_file",
    "read_text",
]


def read_file(path: str | os.PathLike[str], options: ReadOptions = DEFAULT_OPTIONS) -> Document:
    """Read the article at ``path``.

    Returns a :class:`Document` whose ``source`` is ``Source(path=str(path),
    encoding=<codec used>)``.

    Raises:
        InputError: with a one-line reason: ``"no such file"``, ``"is a
            directory, not a file"``, ``"permission denied"``, ``"is N bytes,
            over the limit of M bytes (--max-input-size)"``, ``"is empty"``,
            ``"looks like binary data, not text"``, ``"cannot be decoded as
            X: ..."``.
    """
    return explain_file(path, options)[0]


def explain_file(
    path: str | os.PathLike[str], options: ReadOptions = DEFAULT_OPTIONS
) -> tuple[Document, list[Decision]]:
    """Read ``path`` like :func:`read_file` and also return the reader's decisions, in order.

    Raises the same :class:`InputError` as :func:`read_file`.
    """
    name = str(path)
    data = _read_bytes(Path(path), name, options.max_input_size)
    text, codec = decode(data, name, options.encoding)
    if not normalize(text).strip():
        raise InputError(name, "is empty")
    return explain_text(text, options, Source(path=name, encoding=codec))


def read_text(text: str, options: ReadOptions = DEFAULT_OPTIONS, source: Source | None = None) -> Document:
    """Parse ``text`` (already decoded) into a :class:`Document`; never raises on any string."""
    return explain_text(text, options, source)[0]


def explain_text(
    text: str, options: ReadOptions = DEFAULT_OPTIONS, source: Source | None = None
) -> tuple[Document, list[Decision]]:
    """Parse ``text`` and return ``(document, decisions)``.

    The decisions end with one ``"line N"`` decision per tagged line: its learned
    role and probability (rule ``roles.line``), the runner-up, and the features
    that weighed most for and against the role (evidence)."""
    state = ReaderState(text=normalize(text), options=options, source=source)
    run_passes(state)
    state.finish()
    from converters.readers.roles import reasons

    for item in state.line_roles:
        pro, con = reasons(item, options.role_model)
        runner, p_runner = item.runner_up
        state.decisions.append(
            Decision(
                f"line {item.number + state.line_offset}",
                f"roles.line {item.role} p={item.probability:.2f}",
                f"for: {', '.join(pro) or '-'}; against: {', '.join(con) or '-'}",
                f"{runner} p={p_runner:.2f}",
                None,
                item.number + state.line_offset,
            )
        )
    doc = Document(
        title=state.title,
        subtitle=state.subtitle,
        date=state.date,
        authors=tuple(state.authors),
        language=state.language or "en",
        blocks=tuple(state.blocks) + tuple(state.trailer),
        related=tuple(state.related),
        source=source,
        metadata=state.metadata,
    )
    return doc, list(state.decisions)


def furniture_note(doc: Document) -> str | None:
    """The one-line note on what the reader set aside, or ``None`` when nothing was:
    ``"left out 12 lines of page furniture (menus, share buttons); --keep-furniture keeps them"``.

    The lines themselves are in ``doc.metadata["dropped"]`` (source order) and,
    with their line numbers, in ``inspect --explain``."""
    dropped = doc.metadata.get("dropped") or []
    if not dropped:
        return None
    count = len(dropped)
    lines = "line" if count == 1 else "lines"
    return f"left out {count} {lines} of page furniture (menus, share buttons); --keep-furniture keeps them"


def _read_bytes(path: Path, name: str, limit: int) -> bytes:
    try:
        info = path.stat()
    except FileNotFoundError as exc:
        raise InputError(name, "no such file") from exc
    except PermissionError as exc:
        raise InputError(name, "permission denied") from exc
    except OSError as exc:
        raise InputError(name, exc.strerror or "cannot be read") from exc
    if stat.S_ISDIR(info.st_mode):
        raise InputError(name, "is a directory, not a file")
    if info.st_size > limit:
        raise InputError(name, f"is {info.st_size} bytes, over the limit of {limit} bytes (--max-input-size)")
    try:
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except PermissionError as exc:
        raise InputError(name, "permission denied") from exc
    except IsADirectoryError as exc:
        raise InputError(name, "is a directory, not a file") from exc
    except OSError as exc:
        raise InputError(name, exc.strerror or "cannot be read") from exc
    if len(data) > limit:
        raise InputError(name, f"is over the limit of {limit} bytes (--max-input-size)")
    if not data.strip():
        raise InputError(name, "is empty")
    return data


def format_explanation(doc: Document, decisions: list[Decision]) -> str:
    """Return a readable multi-line report of ``decisions`` for ``inspect --explain``.

    One section for the header fields, one for the body blocks, one for the
    rest; each line names the target, the value or evidence, the rule, the
    runner-up (when the call was close) and the front-matter key that fixes it.
    """
    lines: list[str] = []
    src = doc.source
    if src is not None:
        lines.append(f"source: {src.path} (decoded as {src.encoding})")
    lines.append(f"language: {doc.language}")
    header = [d for d in decisions if d.target in ("title", "subtitle", "date", "authors")]
    blocks = [d for d in decisions if d.target.startswith("block ")]
    roles = [d for d in decisions if d.target.startswith("line ")]
    rest = [d for d in decisions if d not in header and d not in blocks and d not in roles]
    values = {
        "title": doc.title,
        "subtitle": doc.subtitle,
        "date": None if doc.date is None else f"{doc.date.text} ({doc.date.iso})",
        "authors": ", ".join(doc.authors) or None,
    }
    lines.append("")
    lines.append("header")
    for field, value in values.items():
        lines.append(f"  {field}: {value!r}" if value is not None else f"  {field}: (none)")
        for d in header:
            if d.target == field:
                lines.append("    " + _line(d))
    lines.append("")
    lines.append(f"body ({len(doc.blocks)} blocks)")
    for d in blocks:
        number, _, kind = d.target.removeprefix("block ").partition(" ")
        where = f"line {d.line}" if d.line is not None else ""
        line = f"  {number:>3} {where:>9}  {kind.strip('()'):<11} {d.rule:<28} {d.evidence[:60]!r}"
        if d.runner_up:
            line += f" (runner-up: {d.runner_up})"
        lines.append(line)
    if roles:
        lines.append("")
        lines.append("line roles (learned: role, probability, runner-up, strongest features for and against)")
        for d in roles:
            role = d.rule.removeprefix("roles.line ")
            lines.append(
                f"  {d.line if d.line is not None else '':>5}  {role:<22} else {d.runner_up or '-':<22} {d.evidence}"
            )
    if doc.metadata:
        lines.append("")
        lines.append("metadata")
        for key, value in doc.metadata.items():
            if key == "dropped":
                lines.append(f"  dropped: {len(value)} line(s) of web or e-book leftovers (listed below)")
            else:
                lines.append(f"  {key}: {value!r}")
    if rest:
        lines.append("")
        lines.append("other decisions")
        for d in rest:
            lines.append(f"  {d.target}: " + _line(d))
    lines.append("")
    lines.append("To override a header field, add front matter at the top, e.g.:")
    lines.append("  ---")
    lines.append("  title: The Right Title")
    lines.append("  date: 2020-10-31")
    lines.append("  ---")
    return "\n".join(lines) + "\n"


def _line(d: Decision) -> str:
    text = f"{d.rule}: {d.evidence!r}"
    if d.line is not None:
        text = f"line {d.line}, {text}"
    if d.runner_up:
        text += f" (runner-up: {d.runner_up})"
    if d.fix:
        text += f" [fix with {d.fix}]"
    return text
