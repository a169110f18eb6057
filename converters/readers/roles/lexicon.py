"""Word lists the line-role features look words up in: data, not decisions.

Each list is a clue for the learned tagger (:mod:`converters.readers.roles`),
never a rule on its own: a line that matches :data:`INTERFACE` is more likely
page furniture, and the weights learned from labelled articles say how much.

* :data:`INTERFACE`: interface strings of web pages (menus, share buttons,
  notices) in the languages of the labelled corpus and the other common ones,
  written as the casefolded phrase a whole short line may be.
* :data:`INTERFACE_WORDS`: single words that mark a line as interface text
  when they make up most of it.
* :data:`BYLINE_WORDS`: the word for "by" before an author's name
  (``By``, ``Von``, ``Par``, ``Por``, ``Af``, ``Oleh`` ...).
* :data:`RELATED_LABELS`: headings of trailing related-article lists.
* :data:`STOPLIST_NAMES`: ISO 639-1 code to the name of jusText's stoplist
  (jusText ships stop-word lists for about 100 languages,
  https://github.com/miso-belica/jusText).
"""

from __future__ import annotations


def _phrases(text: str) -> frozenset[str]:
    """The ``|``-separated phrases of ``text``, white space collapsed, casefolded."""
    return frozenset(" ".join(entry.split()).casefold() for entry in text.split("|")) - {""}


INTERFACE: frozenset[str] = _phrases(
    """
    share|share this|share this article|share this story|share on facebook|share on twitter|tweet|email|e-mail|
    print|print this|print this page|print article|printer friendly|printer-friendly version|comments|comment|
    leave a comment|leave a reply|add a comment|post a comment|no comments|advertisement|advertising|sponsored|
    ad|ads|menu|main menu|search|home|homepage|navigation|skip to content|skip to main content|back to top|top|
    subscribe|sign in|sign up|log in|login|log out|register|newsletter|sign up for our newsletter|follow us|
    read more|continue reading|see more|view all|load more|more|next|previous|next article|previous article|
    related|related articles|related stories|related posts|related news|more stories|more news|you may also like|
    recommended|most read|most popular|trending|latest|latest news|top stories|don't miss|also read|see also|
    copy link|copied|link copied|save|saved|bookmark|listen|listen to this article|watch|video|photo|photos|
    gallery|image|close|open|toggle navigation|cookie|cookies|accept|accept cookies|privacy policy|terms of use|
    contact|contact us|about|about us|donate|support us|facebook|twitter|instagram|linkedin|whatsapp|youtube|
    telegram|reddit|pinterest|rss|feed|tags|tag|topics|filed under|categories|category|archive|archives|
    article continued below|story continues below|continue reading below|scroll to continue|
    teilen|drucken|kommentare|kommentar|werbung|anzeige|suche|startseite|anmelden|abonnieren|mehr|weiterlesen|
    lesen sie auch|auch interessant|das könnte sie auch interessieren|artikel teilen|zum thema|
    partager|imprimer|commentaires|commentaire|publicité|rechercher|accueil|se connecter|s'abonner|lire aussi|
    à lire aussi|a lire aussi|lire la suite|voir aussi|sur le même sujet|envoyer|
    compartir|imprimir|comentarios|comentario|publicidad|buscar|inicio|suscríbete|leer más|lee también|
    ver también|te puede interesar|noticias relacionadas|relacionadas|
    condividi|stampa|commenti|commento|pubblicità|cerca|accedi|iscriviti|leggi anche|leggi di più|
    partilhar|compartilhar|comentários|publicidade|pesquisar|entrar|assinar|leia também|leia mais|veja também|
    delen|reacties|reageer|advertentie|zoeken|lees ook|lees meer|meer nieuws|
    udostępnij|drukuj|komentarze|reklama|szukaj|czytaj także|czytaj więcej|zobacz także|
    distribuie|comentarii|publicitate|caută|citește și|citeste si|recomandat|
    megosztás|nyomtatás|hozzászólások|hirdetés|keresés|
    jaa|tulosta|kommentit|mainos|haku|lue myös|
    dela|skriv ut|kommentarer|annons|sök|läs också|läs mer|
    del|udskriv|annonce|søg|læs også|
    paylaş|yazdır|yorumlar|reklam|ara|ilginizi çekebilir|
    поделиться|печать|комментарии|реклама|поиск|читайте также|читать далее|
    поділитися|коментарі|читайте також|
    κοινοποίηση|εκτύπωση|σχόλια|διαφήμιση|αναζήτηση|διαβάστε επίσης|
    bagikan|cetak|komentar|iklan|cari|baca juga|baca selengkapnya|
    chia sẻ|bình luận|quảng cáo|tìm kiếm|xem thêm|tin liên quan|
    แชร์|ความคิดเห็น|โฆษณา|
    शेयर|प्रिंट|टिप्पणी|विज्ञापन|खोजें|यह भी पढ़ें|और पढ़ें|
    شارك|طباعة|تعليقات|إعلان|بحث|اقرأ أيضا|اقرأ أيضاً|شاهد أيضا|شاهد أيضاً|الرئيسية|
    اشتراک|چاپ|نظرات|تبلیغات|جستجو|بیشتر بخوانید|
    שתף|הדפס|תגובות|פרסומת|חיפוש|קראו עוד|
    공유|인쇄|댓글|광고|검색|관련기사|많이 본 뉴스|
    共有|印刷|コメント|広告|検索|関連記事|
    分享|打印|评论|評論|广告|廣告|搜索|搜尋|相关新闻|相關新聞|返回顶部
    """
)

INTERFACE_WORDS: frozenset[str] = frozenset(
    {w for phrase in INTERFACE for w in phrase.split() if len(phrase.split()) == 1}
    | {"facebook", "twitter", "whatsapp", "linkedin", "email", "print", "share", "pinterest", "reddit", "x"}
)

BYLINE_WORDS: frozenset[str] = frozenset(
    [
        "by",
        "von",
        "par",
        "por",
        "di",
        "door",
        "af",
        "av",
        "oleh",
        "autor",
        "autora",
        "autore",
        "autorka",
        "auteur",
        "author",
        "authors",
        "written",
        "posted",
        "reported",
        "redação",
        "redacción",
        "redazione",
        "redaktion",
        "penulis",
        "tác",
        "giả",
        "yazar",
        "автор",
        "написал",
    ]
)

RELATED_LABELS: frozenset[str] = _phrases(
    """related|related articles|related stories|related posts|related links|related news|related content|
    read more|read also|also read|see also|more stories|more on this story|more from|you may also like|
    you might also like|recommended|recommended for you|most read|most popular|most viewed|trending|
    don't miss|dont miss|further reading|more news|lesen sie auch|mehr zum thema|das könnte sie auch interessieren|
    à lire aussi|a lire aussi|lire aussi|sur le même sujet|voir aussi|lee también|ver también|
    noticias relacionadas|te puede interesar|leggi anche|potrebbe interessarti|leia também|veja também|
    lees ook|czytaj także|zobacz także|citește și|läs också|lue myös|читайте также|baca juga|
    tin liên quan|xem thêm|यह भी पढ़ें|اقرأ أيضا|اقرأ أيضاً|شاهد أيضا|شاهد أيضاً|관련기사|関連記事|相关新闻|相關新聞
    """
)

STOPLIST_NAMES: dict[str, str] = {
    "af": "Afrikaans", "ar": "Arabic", "bg": "Bulgarian", "bn": "Bengali", "ca": "Catalan", "cs": "Czech",
    "cy": "Welsh", "da": "Danish", "de": "German", "el": "Greek", "en": "English", "eo": "Esperanto",
    "es": "Spanish", "et": "Estonian", "eu": "Basque", "fa": "Persian", "fi": "Finnish", "fr": "French",
    "ga": "Irish", "gl": "Galician", "gu": "Gujarati", "he": "Hebrew", "hi": "Hindi", "hr": "Croatian",
    "hu": "Hungarian", "hy": "Armenian", "id": "Indonesian", "is": "Icelandic", "it": "Italian",
    "ka": "Georgian", "kn": "Kannada", "ko": "Korean", "la": "Latin", "lt": "Lithuanian", "lv": "Latvian",
    "mk": "Macedonian", "ml": "Malayalam", "mr": "Marathi", "ms": "Malay", "ne": "Nepali", "nl": "Dutch",
    "nn": "Norwegian_Nynorsk", "no": "Norwegian_Bokmal", "pl": "Polish", "pt": "Portuguese",
    "ro": "Romanian", "ru": "Russian", "sk": "Slovak", "sl": "Slovenian", "sq": "Albanian", "sr": "Serbian",
    "sv": "Swedish", "sw": "Swahili", "ta": "Tamil", "te": "Telugu", "th": "Thai", "tl": "Tagalog",
    "tr": "Turkish", "uk": "Ukrainian", "ur": "Urdu", "vi": "Vietnamese",
}  # fmt: skip
