"""Web-page and e-book leftovers around the article.

Text pasted from a web page carries navigation, share buttons, cookie notices
and comment counters; Project Gutenberg files carry a licence. These passes
remove them from the *edges* of the text only (the leading header zone and the
trailing end), never from the middle of the body, and keep every removed line
in ``metadata["dropped"]`` so nothing is silently lost.

Rules:

* ``leftovers.gutenberg``: everything from "End of the Project Gutenberg
  EBook" / "*** END OF THIS PROJECT GUTENBERG EBOOK" on, and everything up
  to "*** START OF THIS PROJECT GUTENBERG EBOOK".
* ``leftovers.web-head``: navigation lines before the article (breadcrumbs
  ``A > B >``, ``A | B`` menus with index/home/archive words, language
  switchers, cookie notices, "top of page", "Subscribe", "Printable version").
* ``leftovers.web-tail``: the same kind after the article ("No comments:",
  "Follow Us", social-network bullets, "bottom of page", "Read more at X",
  a source footer "From X", an empty tag list ", , ,").
"""

from __future__ import annotations

import re

from converters.readers.state import Chunk, ReaderState
from converters.readers.textrules import ends_sentence, word_count

_GUTENBERG_END = re.compile(r"^(?:\*+\s*)?end of (?:the |this )?project gutenberg", re.IGNORECASE)
_GUTENBERG_FIELD = re.compile(
    r"^(?P<key>Title|Author|Editor|Translator|Release Date|Language|Posting Date|Original Publication):\s*(?P<value>.+)$"
)
_GUTENBERG_START = re.compile(r"^\*+\s*start of (?:the |this )?project gutenberg", re.IGNORECASE)

_SOCIAL = (
    r"facebook|twitter|x\.com|instagram|linkedin|youtube|whatsapp|reddit|pinterest|telegram|"
    r"tumblr|mastodon|bluesky|tiktok|rss|e-?mail|print"
)
_SOCIAL_NAMES = re.compile(rf"\b(?:{_SOCIAL})\b", re.IGNORECASE)
_JUNK_LINE = re.compile(
    r"^(?:"
    r"(?:top|bottom) of (?:the )?page|(?:back|go) to (?:the )?top|skip to (?:main )?(?:content|navigation)"
    r"|(?:main )?menu|search|navigation|toggle navigation|home"
    r"|share(?: this(?: article| post| page| story)?)?(?: on .{1,20})?|like this|tweet|print|email|e-mail"
    rf"|[•·*\-–]?\s*(?:{_SOCIAL})\b.{{0,30}}"
    r"|follow us(?: on .{1,40})?|featured posts?|recent posts?|popular posts?|latest (?:posts|news|articles)"
    r"|(?:no|\d+) comments?|comments?(?: \(\d+\))?|leave a (?:comment|reply)|(?:post|add) a comment"
    r"|labels?:.*|tags?:.*|categories:.*|filed under:?.*|powered by .{1,60}|loading\.*"
    r"|subscribe(?: to .{1,60})?|sign (?:in|up)(?: .{1,30})?|log ?in|log ?out|register"
    r"|view (?:archives?|all|comments|more)|(?:newer|older) posts?|previous(?: post| article)?|next(?: post| article)?"
    r"|printable version(?: of this (?:article|page|document))?|print (?:this )?(?:article|page)"
    r"|advertisement|sponsored|all rights reserved\.?|(?:©|copyright)\s.{1,80}|-*\s*ends\s*-*|#{3}"
    r"|download(?: as)? (?:a )?pdf|printer[- ]friendly(?: version)?|back to (?:the )?(?:index|contents|archive|top|list)"
    r"|email this(?: article| page| story)?|send to a friend|permalink|report abuse|↑|top"
    r"|(?:photo|image|picture|illustration)s?(?: credit)?:.{0,80}|(?:photo|image) by .{1,60}"
    r"|donate(?: now| today)?|support (?:us|our work|our journalism)|(?:sign up|subscribe) (?:to|for) .{1,50}"
    r"|\d+\s*min(?:ute)?s?(?: read)?|reading time:?.{0,20}|listen to this (?:article|story)(?:.{0,20})"
    r"|(?:what|which|choose|select|change)(?: your)? language.{0,30}"
    r")[\s:.!?]*$",
    re.IGNORECASE,
)
_READ_MORE = re.compile(
    r"^(?:read(?: more)?|continue reading)(?: (?:the )?(?:full|whole|rest of the))?(?: article| story| post)?\s+(?:at|on|in)\s+(?P<source>.{2,80}?)[\s.:…»>]*$",
    re.IGNORECASE,
)
_POSTED_BY = re.compile(r"^posted by .{1,60}$", re.IGNORECASE)
_LAST_UPDATED = re.compile(r"^(?:last )?(?:updated|modified)(?: on)?:?\s.{1,40}$", re.IGNORECASE)
_COMMENTS_HEAD = re.compile(
    r"^(?:\d+|no|one|two|three|four|five)\s+(?:comments?|responses?|replies|thoughts?)"
    r"(?:\s+(?:to|on)\s+.{1,100})?\s*:?$"
    r"|^comments?\s*(?:\(\d+\))?\s*:?$"
    r"|^leave a (?:reply|comment)\b.*$|^comments are closed\.?$|^(?:add|post|write) (?:a|your) comment\b.*$"
    r"|^join the (?:discussion|conversation)\b.*$",
    re.IGNORECASE,
)
_FOOTER_FROM = re.compile(r"^From (?P<pub>(?:the )?[A-Z][\w'’&.\-]*(?: [A-Z][\w'’&.\-]*){0,4})$")
_BREADCRUMB = re.compile(r"^(?:[^>»›]{1,40}\s[>»›]\s?){1,}(?:[^>»›]{0,40})$")
_PUNCT_ONLY = re.compile(r"^[\s,;|·/]*[,;|·/][\s,;|·/]*$")
_PIPE_NAV_WORDS = re.compile(
    r"\b(?:index|home|archives?|contents|menu|search|contact|about us|subscribe|donate|shop|login|privacy|"
    r"terms|cookies|accessibility|sitemap|faq)\b",
    re.IGNORECASE,
)
_COOKIE = re.compile(r"\bcookies?\b", re.IGNORECASE)
_LANGUAGES = re.compile(
    r"\b(?:english|deutsch|español|espanol|français|francais|italiano|polski|português|portugues|"
    r"русский|russian|chinese|中文|japanese|日本語|tagalog|türkçe|nederlands|svenska|dansk|norsk|suomi|"
    r"ελληνικά|greek|العربية|arabic|فارسی|farsi|हिन्दी|hindi|bahasa|indonesia|korean|한국어|català|"
    r"magyar|čeština|română|українська)\b",
    re.IGNORECASE,
)


def junk_reason(line: str) -> str | None:
    """Return why ``line`` is a web leftover (a rule name), or ``None`` when it is text."""
    text = line.strip()
    if not text or len(text) > 1500:  # no menu or notice is this long
        return None
    words = word_count(text)
    if _JUNK_LINE.match(text) and words <= 12:
        return "leftovers.web-line"
    if _READ_MORE.match(text):
        return "leftovers.read-more"
    if _PUNCT_ONLY.match(text):
        return "leftovers.empty-list"
    if words <= 12 and len(_SOCIAL_NAMES.findall(text)) >= 2:
        return "leftovers.share-bar"
    if _COOKIE.search(text) and words <= 80:
        return "leftovers.cookie-notice"
    if len(_LANGUAGES.findall(text)) >= 3:
        return "leftovers.language-menu"
    if (
        words <= 16
        and _BREADCRUMB.match(text)
        and (text.rstrip().endswith((">", "»", "›")) or len(re.findall(r"\s[>»›]\s", text)) >= 2)
    ):
        return "leftovers.breadcrumb"
    parts = [p for p in re.split(r"\s+\|\s+", text) if p.strip()]
    if len(parts) >= 2 and words <= 20 and (len(parts) >= 3 or _PIPE_NAV_WORDS.search(text)):
        return "leftovers.menu"
    if re.match(r"^Home\s+[A-Z]", text) and words >= 6 and not ends_sentence(text):
        return "leftovers.menu"
    return None


def gutenberg(state: ReaderState) -> None:
    """Drop a Project Gutenberg licence header/footer (rule ``leftovers.gutenberg``)."""
    for index in range(state.head, state.tail):
        if _GUTENBERG_START.match(state.chunks[index].first):
            fields = {}
            for chunk in state.chunks[state.head : index]:
                for text in chunk.texts:
                    field = _GUTENBERG_FIELD.match(text)
                    if field:
                        fields[field.group("key").lower()] = field.group("value").strip()
            if fields:
                state.metadata["gutenberg"] = fields
            for chunk in state.chunks[state.head : index + 1]:
                state.drop("\n".join(chunk.texts), "leftovers.gutenberg", chunk.lines[0].number)
            state.head = index + 1
            break
    for index in range(state.head, state.tail):
        if any(_GUTENBERG_END.match(text) for text in state.chunks[index].texts):
            for chunk in state.chunks[index : state.tail]:
                state.drop("\n".join(chunk.texts), "leftovers.gutenberg", chunk.lines[0].number)
            state.tail = index
            break


def _is_prose(chunk: Chunk) -> bool:
    return chunk.words >= 20 or (ends_sentence(chunk.joined) and chunk.words >= 6)


def web_head(state: ReaderState) -> None:
    """Drop navigation lines from the top, up to the first paragraph of prose."""
    index = state.head
    while index < state.tail and index < state.head + 15:
        chunk = state.chunks[index]
        if len(chunk.lines) > 40:  # navigation is never this long: the text has begun
            break
        whole = junk_reason(chunk.joined) if len(chunk.lines) > 1 else None
        if whole is not None and not all(junk_reason(text) for text in chunk.texts):
            # A notice or menu wrapped over several lines is one leftover.
            state.drop(chunk.joined, whole, chunk.lines[0].number)
            del state.chunks[index]
            state.tail -= 1
            continue
        reasons = [junk_reason(text) for text in chunk.texts]
        if not any(reasons):
            if _is_prose(chunk):
                break
            index += 1
            continue
        junk = sum(1 for reason in reasons if reason)
        if junk * 2 >= len(reasons) and not any(
            _is_prose(Chunk([line])) for line, reason in zip(chunk.lines, reasons, strict=True) if not reason
        ):
            for line, reason in zip(chunk.lines, reasons, strict=True):
                state.drop(line.stripped, reason or "leftovers.menu-block", line.number)
            del state.chunks[index]
            state.tail -= 1
            continue
        kept = [line for line, reason in zip(chunk.lines, reasons, strict=True) if not reason]
        for line, reason in zip(chunk.lines, reasons, strict=True):
            if reason:
                state.drop(line.stripped, reason, line.number)
        chunk.lines = kept
        if _is_prose(chunk):
            break
        index += 1


def web_tail(state: ReaderState) -> None:
    """Drop leftovers from the end, back to the last chunk that is text."""
    while state.tail > state.head:
        chunk = state.chunks[state.tail - 1]
        # From the last line back: drop leftovers, stop at the first line that is text.
        keep = len(chunk.lines)
        dropped: list[tuple[str, str, int]] = []
        while keep > 0:
            line = chunk.lines[keep - 1]
            reason = _tail_reason(state, line.stripped)
            if reason is None:
                break
            dropped.append((line.stripped, reason, line.number))
            keep -= 1
        if not dropped:
            return
        for text, reason, number in reversed(dropped):
            state.drop(text, reason, number)
        if keep == 0:
            state.tail -= 1
            continue
        chunk.lines = chunk.lines[:keep]
        return


def _tail_reason(state: ReaderState, text: str) -> str | None:
    reason = junk_reason(text)
    if reason is None and (_POSTED_BY.match(text.strip()) or _LAST_UPDATED.match(text.strip())):
        reason = "leftovers.post-footer"
    read_more = _READ_MORE.match(text.strip())
    if read_more:
        state.read_more_sources.append(read_more.group("source").strip())
    if reason:
        return reason
    footer = _FOOTER_FROM.match(text.strip())
    if footer:
        state.publications.append(footer.group("pub"))
        return "leftovers.source-footer"
    return None


_WEAK = re.compile(
    r"^(?:home|menu|search|print|email|e-mail|next|previous|register|navigation|top|comments?)[\s:.]*$",
    re.IGNORECASE,
)


def web_body(state: ReaderState) -> None:
    """Rule ``leftovers.web-block``: inside the body, drop a block made only of leftovers
    (a share bar: "Share this:" / "Facebook" / "Twitter"), unless every line is a single
    common word (``Home``, ``Print``) that could be text."""
    index = state.head
    while index < state.tail:
        chunk = state.chunks[index]
        if not chunk.lines or len(chunk.lines) > 12:  # a share bar is a few short lines
            index += 1
            continue
        reasons = [junk_reason(text) for text in chunk.texts]
        if all(reasons) and not all(_WEAK.match(text) for text in chunk.texts):
            for line, reason in zip(chunk.lines, reasons, strict=True):
                state.drop(line.stripped, reason or "leftovers.web-block", line.number)
            del state.chunks[index]
            state.tail -= 1
            continue
        index += 1


def comments(state: ReaderState) -> None:
    """Rule ``leftovers.comments``: a comments heading in the last part of the text
    ("12 Comments", "Leave a Reply", "Comments are closed") starts the readers'
    comments, which are not the article: it and everything after it are dropped."""
    body = state.tail - state.head
    if body < 3:
        return
    start = state.head + max(2, body // 2)
    for index in range(start, state.tail):
        chunk = state.chunks[index]
        if len(chunk.lines) == 1 and _COMMENTS_HEAD.match(chunk.first):
            for dropped in state.chunks[index : state.tail]:
                for line in dropped.lines:
                    state.drop(line.stripped, "leftovers.comments", line.number)
            state.tail = index
            return
