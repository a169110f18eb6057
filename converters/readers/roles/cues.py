"""The older reader's web-leftover tests, kept as clues for the line-role tagger.

:func:`junk_reason` names the kind of page furniture a line looks like
(``"leftovers.menu"``, ``"leftovers.cookie-notice"`` ...) or returns ``None``.
It decides nothing on its own: :mod:`converters.readers.roles.features` turns
its answer into a feature, and the learned weights say how much it counts
(issue 9: rule tests stay as features, not decisions). The patterns are
English-centred; the multilingual lexicon in
:mod:`converters.readers.roles.lexicon` covers other languages.
"""

from __future__ import annotations

import re

from converters.readers.textrules import ends_sentence, word_count

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
_COMMENTS_HEAD = re.compile(
    r"^(?:\d+|no|one|two|three|four|five)\s+(?:comments?|responses?|replies|thoughts?)"
    r"(?:\s+(?:to|on)\s+.{1,100})?\s*:?$"
    r"|^comments?\s*(?:\(\d+\))?\s*:?$"
    r"|^leave a (?:reply|comment)\b.*$|^comments are closed\.?$|^(?:add|post|write) (?:a|your) comment\b.*$"
    r"|^join the (?:discussion|conversation)\b.*$",
    re.IGNORECASE,
)
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
    if _COMMENTS_HEAD.match(text):
        return "leftovers.comments"
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
