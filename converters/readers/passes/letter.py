"""Letter parts: salutation, closing and signature.

* ``letter.salutation``: a first body line of up to six words ending in a
  comma or colon that opens with a form of address (``Dear Colleague,``,
  ``Comrades,``, ``Dear Sir or Madam:``, and the forms of
  :data:`LOCAL_SALUTATIONS`: ``Sehr geehrter Herr X,``, ``Madame la Ministre,``)
  goes to ``metadata["salutation"]``.
* ``letter.closing``: a short last line of thanks or farewell (``Thank you.``,
  ``Yours sincerely,``, ``In solidarity,``; :data:`LOCAL_CLOSINGS`: ``Mit
  freundlichen Grüßen``, ``Cordialement,``) goes to ``metadata["closing"]``.
* ``letter.signature``: a short final line without closing punctuation after
  such a closing, or a line starting with a dash (``— Jane Doe``), is the
  signature and names the author(s); a signature of a name line and one or two
  role lines (``Jane Doe / Chair, Friends of the Library``) names only the person,
  and ``metadata["signature"]`` keeps every line.
"""

from __future__ import annotations

import re

from converters.readers.passes.names import split_names
from converters.readers.state import ReaderState
from converters.readers.textrules import ends_sentence, looks_like_name, word_count

#: Salutations and closings in the other languages whose dates the reader knows,
#: by language (regular-expression fragments; data only).
LOCAL_SALUTATIONS: dict[str, tuple[str, ...]] = {
    "de": (r"sehr geehrte[rs]?\b.*", r"liebe[rs]?\b.*", r"hallo\b.*", r"werte[rs]?\b.*"),
    "fr": (
        r"madame\b.*",
        r"monsieur\b.*",
        r"mesdames\b.*",
        r"messieurs\b.*",
        r"ch[eè]re?s?\b.*",
        r"camarades\b.*",
    ),
    "es": (r"estimad[oa]s?\b.*", r"querid[oa]s?\b.*", r"señora?\b.*", r"compañer[oa]s\b.*"),
    "it": (r"gentil[ei]\b.*", r"egregi[oa]\b.*", r"car[oaie]\b.*", r"compagn[ie]\b.*"),
    "pt": (r"prezad[oa]s?\b.*", r"car[oa]s?\b.*", r"exm[oa]s?\.?\s.*", r"companheir[oa]s\b.*"),
    "nl": (r"geachte\b.*", r"beste\b.*", r"lieve\b.*", r"kameraden\b.*"),
}
LOCAL_CLOSINGS: dict[str, tuple[str, ...]] = {
    "de": (
        r"mit (?:freundlichen|solidarischen|kollegialen|herzlichen|besten) grüßen",
        r"(?:freundliche|herzliche|viele|solidarische) grüße",
        r"hochachtungsvoll",
    ),
    "fr": (
        r"(?:bien )?cordialement",
        r"(?:salutations|amitiés) ?(?:distinguées|fraternelles|syndicales|militantes|cordiales)?",
        r"bien à vous",
    ),
    "es": (
        r"atentamente",
        r"cordialmente",
        r"un (?:cordial )?saludo",
        r"saludos(?: cordiales| fraternales)?",
    ),
    "it": (r"(?:cordiali|distinti) saluti", r"cordialmente", r"saluti(?: fraterni)?"),
    "pt": (r"atenciosamente", r"cordialmente", r"(?:um )?abraço", r"saudações(?: fraternas)?"),
    "nl": (
        r"met (?:vriendelijke|solidaire|hartelijke) groet(?:en)?",
        r"(?:vriendelijke|hartelijke) groeten",
        r"hoogachtend",
    ),
}


def _local(table: dict[str, tuple[str, ...]]) -> str:
    return "|".join(fragment for fragments in table.values() for fragment in fragments)


_SALUTATION = re.compile(
    r"^(?:(?:my )?dear\b.*|comrades?|friends?|brothers?(?: and sisters)?|sisters?(?: and brothers)?|"
    rf"sirs?|madam|gentlemen|colleagues|hi\b.*|hello\b.*|to whom it may concern|{_local(LOCAL_SALUTATIONS)})[,:!]$",
    re.IGNORECASE,
)
_CLOSING = re.compile(
    r"^(?:thank you(?: all)?|thanks|many thanks|yours(?: \w+)?|(?:sincerely|faithfully|truly)(?: yours)?|"
    r"best(?: wishes| regards)?|regards|kind regards|with (?:best )?wishes|in solidarity|solidarity|"
    r"fraternally|comradely(?: greetings)?|(?:with )?(?:\w+ ){0,2}greetings|respectfully|"
    rf"(?:yours )?(?:in )?(?:struggle|unity|peace)|long live .{{1,40}}|{_local(LOCAL_CLOSINGS)})[,.!]?$",
    re.IGNORECASE,
)
_DASH_SIGNATURE = re.compile(r"^[—–-]{1,2}\s*(?P<name>[A-Z].{1,80})$")


#: How many blocks at the start of the body may stand above the salutation (a
#: masthead line, a caption the tagger set apart), and its most words when the
#: tagger reads it as a salutation (``Kjære alle sammen.``, ``To USSR-L subscribers,``).
SALUTATION_SEARCH = 4
SALUTATION_WORDS = 8


def salutation(state: ReaderState) -> None:
    """Move a salutation line at the start of the body to ``metadata["salutation"]``:
    a one-line block of the forms above, or one the tagger reads as a salutation (at
    even odds or more, :data:`SALUTATION_WORDS` at most), in any language. Blocks
    the tagger sets apart may stand above it; running text may not."""
    roles = state.roles_by_line()
    for index in range(state.head, min(state.head + SALUTATION_SEARCH, state.tail)):
        chunk = state.chunks[index]
        role = roles.get(chunk.lines[0].number)
        learned = (
            role is not None
            and role.role == "salutation"
            and role.probability >= 0.5
            and word_count(chunk.first) <= SALUTATION_WORDS
        )
        ruled = word_count(chunk.first) <= 6 and bool(_SALUTATION.match(chunk.first))
        if len(chunk.lines) == 1 and (learned or ruled):
            state.metadata["salutation"] = chunk.first
            state.decide("metadata", "letter.salutation", chunk.first, runner_up="first paragraph")
            del state.chunks[index]
            state.tail -= 1
            return
        if role is None or role.role in ("body", "quote", "list", "heading", "code"):
            return  # the running text has begun


def signature(state: ReaderState) -> None:
    """Take a closing line and signature from the end of the body."""
    if state.tail - state.head < 2:
        return
    last = state.chunks[state.tail - 1]
    if (
        len(last.lines) == 2
        and _CLOSING.match(last.lines[0].stripped)
        and word_count(last.lines[1].stripped) <= 6
        and not ends_sentence(last.lines[1].stripped.rstrip("."))
    ):
        # "Yours fraternally,\nN. Lenin": closing and signature in one block.
        farewell, signed = last.lines[0].stripped, last.lines[1].stripped
        state.tail -= 1
        if "authors" not in state.fixed and not state.authors:
            state.authors = split_names(signed)
        state.metadata["closing"] = farewell
        state.metadata["signature"] = signed
        state.decide("authors", "letter.signature", signed, runner_up="last paragraph", fix="authors:")
        state.decide("metadata", "letter.closing", farewell, runner_up="last paragraph")
        return
    before = state.chunks[state.tail - 2]
    dash = _DASH_SIGNATURE.match(last.first) if len(last.lines) == 1 else None
    closing = len(before.lines) == 1 and bool(_CLOSING.match(before.first))
    # "Margaret Ellison / Chair, Friends of Hyde Park Library": a name, then its role.
    role = (
        len(last.lines) in (2, 3)
        and looks_like_name(last.first)
        and not looks_like_name(last.lines[1].stripped)
    )
    plain = (
        (len(last.lines) <= 2 or role)
        and word_count(last.joined) <= (16 if role else 10)
        and not ends_sentence(last.lines[-1].stripped if role else last.joined)
        and last.first[:1].isupper()
    )
    if dash and word_count(dash.group("name")) <= 10 and not ends_sentence(dash.group("name")):
        name = dash.group("name")
    elif closing and plain:
        name = last.first if role else last.joined
    else:
        return
    names = split_names(name)
    if closing and plain and len(last.lines) == 2 and all(looks_like_name(t) for t in last.texts):
        names = last.texts  # two signatories, one a line
    state.tail -= 1
    if not state.authors or "authors" not in state.fixed:
        state.authors = state.authors or names
    state.metadata["signature"] = last.joined
    state.decide("authors", "letter.signature", last.joined, runner_up="last paragraph", fix="authors:")
    if closing:
        state.metadata["closing"] = before.first
        state.decide("metadata", "letter.closing", before.first, runner_up="last paragraph")
        state.tail -= 1
