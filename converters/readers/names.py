"""A small lexicon of common given names, for telling a byline from a title.

A line of two or three capitalised words is as likely a headline ("Pay Talks
Collapse") as a name ("Rosa Luxemburg"). Where the reader has only that line to
go on (a name-like line *above* a title, with no ``By``), it asks for stronger
evidence: the first word is an initial or a given name from this list. The
list is deliberately modest (frequent names in the languages of the labour-
movement press and its archives); a miss only means the line stays a title,
and ``authors:`` in front matter fixes it.
"""

from __future__ import annotations

import re

_NAMES = """
    aaron abdul abdullah abe abraham adam adolf adolph adrian agnes ahmad ahmed aidan aisha alan albert alberto
    aleksandr alex alexander alexandra alexei alfred ali alice alison amadeo amanda amin amir amy ana anders andre
    andrea andreas andrei andres andrew andy angela angelo ann anna anne annie anthony antoine anton antonio april
    arthur arturo august auguste barbara barry ben benjamin bernard bernie bertrand beth betty bill billy bob bogdan
    bojan boris brian bruce bruno carl carla carlos carol caroline catherine cecilia charles charlie che chris
    christian christine christopher claire clara claude colin connor dan daniel daniela danny dave david dean
    deborah denis dennis diana diane diego dmitri dominic donald dorothy doug douglas duncan earl ed eddie edgar
    eduardo edward elena eleanor elizabeth ellen emile emily emma enrique eric erich erik ernest ernesto ernst esther
    eugene eva evelyn farid fatima felix fernando fidel francis francisco franco frank franz fred frederick friedrich
    gabriel gareth gary george georg georges georgi gerald gerard gerhard gianni giovanni giuseppe gordon grace
    graham grant greg gregory guillermo gustav hal hamid hannah hans harold harry hassan heinrich helen helena
    henri henry herbert hermann hugo hussein ian ibrahim igor ilya irene isaac ivan jack jacob jacques jake james
    jamie jan jane janet jason jean jeff jeffrey jennifer jeremy jerry jesse jessica jim jimmy joan joanna joe joel
    johann johannes john johnny jon jonathan jorge jose josef joseph joshua juan judith julia julian julie julio
    june justin karen karl kate katherine kathleen keith ken kenneth kevin khalid kim klara kurt larry laura lawrence
    lee lena leo leon leonard leonid lev lewis liam linda lisa lorenzo louis louise lucas lucy luigi luis luisa
    luiz luke lynn malcolm manuel marc marcel marco margaret maria marie mario mark martha martin mary matthew
    maurice max maxim maziar megan melissa michael michel michelle miguel mike mikhail mohamed mohammad mohammed
    muhammad nadezhda nancy natalia nathan neil nicholas nick nicola nicolas nikolai nina noah noam norman oliver
    olga omar oscar otto pablo pamela patricia patrick paul paula pedro peter philip philippe pierre rachel rafael
    ralph ramon randy ray raymond rebecca reza ricardo richard rick rita robert roberto robin roger roland ron
    ronald rosa rose roy ruth ryan salvador sam samuel sandra sarah scott sean sebastian sergei sharon sheila simon
    sofia sophie stanley stefan stephanie stephen steve steven susan sylvia tamara ted teresa terry thomas tim
    timothy tom tommy tony tracy valentina vera victor victoria vincent viktor vladimir walter wendy werner wilhelm
    william wojtek wolfgang yuri yusuf zoe
"""

#: Lower-case given names.
GIVEN_NAMES = frozenset(_NAMES.split())

_INITIAL = re.compile(r"^[A-Z]\.(?:[A-Z]\.)*$")


def starts_with_given_name(text: str) -> bool:
    """True when ``text`` opens with a given name from :data:`GIVEN_NAMES` or an initial (``V. I. Lenin``)."""
    words = text.split()
    if not words:
        return False
    first = words[0]
    return bool(_INITIAL.match(first)) or first.lower().strip(",.") in GIVEN_NAMES
