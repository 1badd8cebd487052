"""Redaction of free-text answers before the quarterly report quotes them: names, contact details,
addresses, dates, schools and ID numbers become placeholders such as [name] and [phone]."""

from __future__ import annotations

import re
from collections.abc import Callable

PLACEHOLDERS = (
    "[name]",
    "[phone]",
    "[email]",
    "[address]",
    "[postcode]",
    "[date]",
    "[school]",
    "[number]",
    "[link]",
    "[social]",
)

# Common first names in England across generations and communities, lower-case. A name that is
# also an ordinary English word is in AMBIGUOUS_NAMES too and is only redacted when written with
# a capital letter away from the start of a sentence ("ask Will" but not "I will", "Will it").
FIRST_NAMES = frozenset(
    """
    aaliyah aaron abdul abigail ada adam ahmed aiden aisha alan albert albie alex alexander
    alfie ali alice alicia alisha amanda amelia amelie amina amir amira amy andrea andrew
    andy angela anna anne anthony april archie arjun arlo arthur ashley aston aurora ava ayaan
    ayesha bailey barry becky ben benjamin beth bethany billy bobby bonnie bradley brandon brian
    brooke caitlin caleb callum cameron carl carly carol caroline carter casey charlie charlotte
    chloe chris christine christopher claire colin connor corey courtney craig daisy dale dan
    daniel danielle danny darren dave david dawn dean debbie deborah declan demi denise derek
    diane dominic donna dylan eddie edward eleanor eli elijah eliza ella ellie elliot ellis elsie
    emily emma erin esme ethan eva evelyn evie ezra faith fatima finley finn florence frank
    frankie freddie freya gary gavin gemma george georgia graham grace gracie hafsa hannah harley
    harper harrison harry harvey hassan hayley heather heidi helen henry holly hope hugo hussain
    ian ibrahim imogen isaac isabel isabella isabelle isla ivy jack jacob jade jake james jamie
    jane jasmine jason jay jayden jenna jennifer jenny jessica jimmy joanne jodie joe joel john
    johnny jon jordan joseph josh joshua joy jude julie june kai karen kate katie kayden kayla
    kayleigh keira keith kelly kenneth kerry kevin khadija kian kieran kirsty kyle lacey laura
    lauren layla leah leanne lee leila lenny leo lewis lexi liam libby lily linda lisa logan
    lola louie louis louise luca lucas lucy luke macy maisie mandy margaret maria mark martin
    mary maryam mason matilda matthew max maya may megan mia michael michelle mikey miles millie
    mohammed molly muhammad nadia natalie nathan neil niamh nicholas nick nicola nigel noah
    noor olivia omar oscar owen paige patricia paul penny peter phoebe poppy priya rachel rebecca
    reece reggie rhys richard riley rob robert robyn rohan ronnie rory rose rosie ruby ryan sadie
    sam samantha samuel sarah scarlett scott sean sebastian shane shannon sharon sian sienna simon
    sofia sophia sophie stacey stanley stephen steve steven stuart sue summer susan tegan teddy
    theo thomas tia tilly toby tom tommy toni tony tracey trevor tyler tyrone victoria vinnie
    violet wayne wendy will william willow yasmin yusuf zain zainab zara zoe
    """.split()
)
AMBIGUOUS_NAMES = frozenset(
    """
    april bonnie carol charlie dawn dean faith frank grace harley heather henry holly hope ivy
    jack joy june mandy mark max may miles molly nick penny poppy rob rose ruby summer sue will
    willow violet daisy carter mason
    """.split()
)

# Numbers to keep because they are helplines, not people: 999 and 112 (emergency), 111 (NHS),
# 101 (police), Childline, Samaritans, NSPCC, Crimestoppers, Shout, Missing People.
HELPLINES = frozenset(
    "999 112 111 101 08001111 116123 116111 116000 08088005000 0800555111 85258 08457909090".split()
)
# Web addresses of helplines and public bodies: nobody is identified by them.
SAFE_DOMAINS = (
    "childline.org.uk",
    "samaritans.org",
    "nspcc.org.uk",
    "youngminds.org.uk",
    "kooth.com",
    "giveusashout.org",
    "mind.org.uk",
    "papyrus-uk.org",
    "victimsupport.org.uk",
    "crimestoppers-uk.org",
    "gov.uk",
    "nhs.uk",
    "police.uk",
)

# Capitalised words that are not names even right after "called" or "my worker": places of the
# four areas, teams, services, days, months, school subjects (all lower-case).
KEEP_WORDS = frozenset(
    """
    herefordshire hereford worcestershire worcester shropshire telford wrekin leominster ledbury
    ross kington bromyard kidderminster redditch bromsgrove malvern evesham droitwich pershore
    tenbury stourport shrewsbury oswestry ludlow bridgnorth whitchurch wem wellington newport
    madeley dawley donnington oakengates ironbridge birmingham wolverhampton london wales england
    britain uk prevention diversion restorative justice victims victim team teams service
    childline samaritans nspcc police court courts yot yos yjs camhs kooth barnardos barnardo
    shout mind connexions social services council nhs gp hospital ambulance fire youth panel
    referral order probation magistrates magistrate crown crimestoppers
    monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december christmas easter eid diwali ramadan
    english maths math science history geography art music pe drama french spanish german
    """.split()
)

# Words that follow "called", "my mum" or a name without being a name themselves (lower-case).
STOP_WORDS = frozenset(
    """
    a about after again all also always am an and any anyway are as at be because been before
    being but by can cant could did didnt do does dont each even ever every everyone everything
    for from get gets got had has have he her here hers him his how i if im in is it its ive
    just know like me mine more most much my myself never no nobody none not nothing now of off
    ok okay on once one only or other our out over please really said say says see she should so
    some someone something still such thank thanks than that the their them then there these
    they this those though to told too up us very was wasnt we well went were what when where
    which while who whom why will with would yes yet you your yours
    mum mom mam dad mummy daddy nan nanny gran grandma grandad granddad son daughter brother
    sister bro sis uncle aunt auntie cousin friend friends mate mates boyfriend girlfriend
    partner wife husband baby family worker workers staff teacher teachers sir miss
    good great nice kind lovely amazing brilliant helpful safe sick fine alright fab excellent
    bad rubbish boring help helped helps helping listened listens listen talked talks came come
    comes does made makes gave gives took takes rang rings called calls asked asks explained
    explains always sometimes often never usually today tomorrow yesterday tonight lol tbh idk
    ngl fr innit min mins minute minutes hour hours hr hrs day days week weeks month months
    year years time times mile miles metres meters test hard disk flash
    mr mrs ms mx dr miss pc dc ds di dci pcso sgt sergeant inspector constable officer detective
    judge prof sir coach cllr councillor
    """.split()
)

# Street types: the first kind may be written in lower case after a house number ("12 church
# street"); the others are ordinary words too ("a 20 min drive") so they need a capital.
_STREET_LOWER = r"street|st|road|rd|lane|avenue|ave|crescent|terrace"
_STREET_STRONG = _STREET_LOWER + r"|close|drive|grove|gardens|mews"
_STREET_WEAK = (
    r"way|walk|place|court|park|green|hill|view|rise|row|square|gate|end|meadow|meadows"
    r"|fields|croft|parade|vale|wharf|chase|dr|cres|gdns|pl|sq"
)
_STREET_WORDS = frozenset(
    (_STREET_STRONG + "|" + _STREET_WEAK).replace("|", " ").split()
    + "school academy college high primary grammar university uni".split()
)
_NOT_NAME = STOP_WORDS | KEEP_WORDS | _STREET_WORDS

# Words in a school's name that say what kind of school it is, not which one.
_SCHOOL_GENERIC = frozenset(
    """
    the a an my our his her their your this that new old local secondary primary high grammar
    junior infant infants middle special free community sixth form mainstream alternative pupil
    referral forest sunday boarding private state catholic church faith summer night driving
    further education i at in to from and of st st. went go going attend attends attended love
    hate liked like
    """.split()
)

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:(?:19|20)\d{2}|'\d{2}|\d{2}(?![\w:]|\s+[a-z]))"  # 2009, '09, 09 (not "10 people")

# A word that could be a name: capitalised, with Mc/O'/double-barrel forms; "Sarah's" -> "Sarah".
_CAP_WORD = r"(?:[A-Z]{2,}|[A-Z][a-z]*(?:[A-Z][a-z]+)?(?:['’-][A-Z][a-z]+)*)\b"
_LOWER_WORD = r"[a-z]+(?:-[a-z]+)*"

_SENTENCE_END = ".!?\n"
# Words that, just before "May" or "Will", show it is a month or a verb, not a person.
_NOT_NAME_BEFORE = frozenset(
    """
    the a an this that last next every each in on of during since until till by before after
    early late mid some any no your our their its i you we they he she it who which what there
    would could should might must can
    """.split()
)
_MODAL_AFTER = frozenset("be not have you i we he she they it this that there".split())


def _compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    return re.compile(pattern, flags)


_URL = _compile(r"(?i)\b(?:https?://|www\.)[^\s<>\"']+")
_BARE_DOMAIN = _compile(
    r"(?i)(?<![\w@.\[-])[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*"
    r"\.(?:com|net|org|co\.uk|org\.uk|uk|io|me|ly|gg|tv|info|biz|app)\b(?:/[^\s<>\"']*)?"
)
_EMAIL = _compile(
    r"(?i)(?<![\w.+-])[a-z0-9](?:[a-z0-9._%+-]*[a-z0-9_])?@[a-z0-9-]+(?:\.[a-z0-9-]+)+"
)
_DOT = r"(?:\s*(?:\.|\(dot\)|\[dot\])\s*|\s+dot\s+)"
_SPELT_EMAIL = _compile(
    rf"(?i)(?<![\w.+-])[a-z0-9][a-z0-9._+-]*(?:{_DOT}[a-z0-9_+-]+)*"
    r"(?:\s*(?:\(at\)|\[at\]|@)\s*|\s+at\s+)"
    rf"[a-z0-9-]+(?:{_DOT}[a-z0-9-]+)*{_DOT}(?:com|co|org|net|uk|io|me)\b(?:{_DOT}uk\b)?"
)
_HANDLE = _compile(r"(?<![\w@.])@(?!\d{1,2}(?:[:.]\d\d)?\s?(?:am|pm)?\b)\w+(?:\.\w+)*")
_HANDLE_CUE = _compile(
    r"(?i)\b(snap(?:chat)?|sc|insta(?:gram)?|ig|tik ?tok|twitter|fb|facebook|discord)"
    r"(\s*(?::|=|-)\s*|\s+(?:name\s+|username\s+)?is\s+)([\w.]+)"
)
_NI_NUMBER = _compile(
    r"(?i)\b[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]\b"
)
_NUMERIC_DATE = _compile(r"(?<![\d/.-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?![\d/]|\.\d)")
_DAY_MONTH = _compile(rf"(?i)\b({_DAY})(?:\s+of)?\s+({_MONTH})(?![a-z])(?:,?\s+({_YEAR}))?")
_MONTH_DAY = _compile(rf"(?i)\b({_MONTH})\s+({_DAY})\b(?!:)(?:,?\s+((?:19|20)\d{{2}})\b)?")
_BIRTH_CUE = _compile(
    r"(?i)\b(?:born|dob|d\.o\.b\.?|date\s+of\s+birth|birthday|b'?day)"
    r"(?:\s*(?::|-|=|\bis\b|\bwas\b|\bon\b|\bin\b|\bthe\b))*\s*"
    rf"((?:{_MONTH}\s+)?(?:19|20)\d{{2}}\b|{_MONTH}(?![a-z]))"
)
_POSTCODE = _compile(
    r"(?i)\b(?:A[BL]|B[ABDHLNRST]?|C[ABFHMORTVW]|D[ADEGHLNTY]|E[CHNX]?|F[KY]|G[LUY]?"
    r"|H[ADGPRSUX]|I[GMPV]|JE|K[ATWY]|L[ADELNSU]?|M[EKL]?|N[EGNPRW]?|O[LX]|P[AEHLOR]"
    r"|R[GHM]|S[AEGK-PRSTWY]?|T[ADFNQRSW]|UB|W[ACDFNRSV]?|YO|ZE)"
    r"\d[A-Z\d]?\s*\d[ABD-HJLNP-UW-Z]{2}\b"
)
# Digits with single spaces, dots, hyphens or brackets between them: phone numbers and the like.
_DIGIT_RUN = _compile(r"(?<![\w£$€@/.,])(?:\+|\(\+?)?\d(?:\)?[ .\-]?\(?\d)*")
_DIGITS = _compile(r"\d+")
_LONG_NUMBER = _compile(r"(?<![\w£$€./-])[A-Za-z0-9][A-Za-z0-9/-]*\d[A-Za-z0-9/-]*")
_YEAR_RANGE = _compile(r"(?:19|20)\d\d[/-](?:(?:19|20)\d\d|\d\d)")
_ADDRESS_NUMBERED = _compile(
    r"(?i:\b(?:flat|apartment|apt|unit)\s*\d+[a-z]?,?\s+)?"
    r"(?<![\w£$.,/])\d{1,4}[a-zA-Z]?\b,?\s+"
    rf"(?:(?i:the)\s+)?((?:{_CAP_WORD}\s+){{0,3}}|(?:{_LOWER_WORD}\s+){{0,2}})"
    rf"((?i:{_STREET_LOWER})|{_STREET_STRONG.title()}|{_STREET_WEAK.title()})\b(?!['’-])"
)
_ADDRESS_NAMED = _compile(
    rf"\b((?:{_CAP_WORD}\s+){{1,3}})((?:{_STREET_STRONG.title()})|(?i:street|road|lane|avenue))"
    r"\b(?!\.?\s+[A-Z][a-z])(?!['’-])"
)
_ADDRESS_LOWER = _compile(
    r"(?i)\b(?:on|in|at|off|near|lives?|living)\s+(?!the\b|my\b|a\b|your\b|our\b|this\b)"
    r"([a-z]+\s+)(street|road|lane|avenue|crescent|terrace|close|drive|grove)\b"
)
_SCHOOL_WORD = r"[A-Z][\w'’-]*"
_SCHOOL = _compile(
    rf"\b((?:St\.?\s+)?{_SCHOOL_WORD}(?:\s+(?:of|the|and|&|St\.?|{_SCHOOL_WORD})){{0,6}})\s+"
    r"((?i:school|academy|college|uni|university)|(?:High|Primary|Grammar)"
    r"(?!\s+(?i:street|st|road|rd|school|academy|college)))\b"
    r"(?:\s+of\s+[A-Z][a-z]+(?:\s+and\s+[A-Z][a-z]+)?)?"
)
_UNIVERSITY_OF = _compile(r"\bUniversity\s+of\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?")
_SAINT = _compile(
    r"\bSt\.?\s+[A-Z][a-z]+(?:['’]?s)?(?![\w'’])(?!\s+(?i:church|hospice|hospital|hall|centre|center|park"
    r"|road|street|lane|close|square|surgery|chapel|cathedral|day))"
)
_TITLE = _compile(
    r"\b((?:(?i:mr|mrs|mx|dr)\.?|Ms\.?|Miss|PC|DC|DS|DI|DCI|PCSO|Sgt\.?|Sergeant|Inspector"
    r"|Constable|Officer|Detective|Judge|Prof\.?|Sir|Coach|Cllr\.?|Councillor)\s+)"
    rf"({_CAP_WORD}|{_LOWER_WORD})"
)
_LOWER_TITLE = re.compile(r"(?i)(?:mr|mrs|mx|dr)\.?\s+")
_CUE = _compile(
    r"(?i:\b(?:(?:my|our|his|her|their|the|a|your)\s+"
    r"(?:(?:yot|yjs|yos|case|key|youth|support|social|probation|new|old|first|last|current"
    r"|previous|foster|step|little|big|older|younger|best)\s+){0,2}"
    r"(?:worker|caseworker|keyworker|officer|mentor|coach|teacher|counsellor|therapist|nurse"
    r"|manager|practitioner|volunteer|mum|dad|mam|mom|son|daughter|brother|sister|cousin|nan"
    r"|nanny|grandma|grandad|uncle|aunt|auntie|friend|mate|boyfriend|girlfriend|partner"
    r"|husband|wife|stepdad|stepmum|carer|child|kid|boy|girl)"
    r"|called|named|name\s+is|name\s+was|name['’]s|names|known\s+as|ask(?:ed|ing)?\s+for"
    r"|speak\s+to|spoke\s+to|talk(?:ed|ing)?\s+to|thanks\s+to|thank\s+you|thanks|cheers"
    r"|shout\s*out\s+to)\b\s*[,:-]?\s+)"
    rf"({_CAP_WORD})"
)
_WORD = _compile(r"(?<![A-Za-z])[A-Za-z]++(?!['’](?:t|ll|re|ve|d|m)\b)")
_CHAIN = _compile(rf"\[name\](\s*(?:&|\band\b|\+)\s*)({_CAP_WORD})")
_SURNAME = _compile(rf"\[name\][ \t]+({_CAP_WORD})(?!['’]t\b)")


def _is_name_word(word: str) -> bool:
    return word.lower() not in _NOT_NAME


def _sentence_start(text: str, index: int) -> bool:
    """True if only spaces, quotes or brackets stand between `index` and a sentence end."""
    i = index - 1
    while i >= 0 and text[i] in " \t\"'“‘(*-":
        i -= 1
    return i < 0 or text[i] in _SENTENCE_END


def _word_before(text: str, index: int) -> str:
    match = re.search(r"([A-Za-z]+)[^A-Za-z\n]*$", text[max(0, index - 30) : index])
    return match[1].lower() if match else ""


def _word_after(text: str, index: int) -> str:
    match = re.match(r"\s+([A-Za-z]+|\d)", text[index : index + 30])
    return match[1].lower() if match else ""


# Contact details -----------------------------------------------------------------------------


def _link(match: re.Match[str]) -> str:
    url = match[0]
    trimmed = url.rstrip(".,;:!?)]}'\"")
    host = re.sub(r"(?i)^(?:https?://)?(?:www\.)?", "", trimmed).split("/")[0].lower()
    if any(host == d or host.endswith("." + d) for d in SAFE_DOMAINS):
        return url
    return "[link]" + url[len(trimmed) :]


def _handle_cue(match: re.Match[str]) -> str:
    cue, joiner, handle = match[1], match[2], match[3]
    separated = any(c in joiner for c in ":=-")
    if separated or re.search(r"[\d_.]", handle.rstrip(".")):
        trailing = "." if handle.endswith(".") else ""
        return f"{cue}{joiner}[social]{trailing}"
    return match[0]


def _is_phone(digits: str, international: bool) -> bool:
    if international or digits.startswith("00"):
        rest = digits[2:] if digits.startswith("00") else digits
        if rest.startswith("44"):
            rest = rest[2:]
            rest = rest[1:] if rest.startswith("0") else rest  # +44 (0)7700 ...
            return 9 <= len(rest) <= 10 and rest[0] != "0"
        return 8 <= len(rest) <= 15
    return digits.startswith("0") and len(digits) in (10, 11) and digits[1] != "0"


def _digit_run(match: re.Match[str]) -> str:
    """Phone numbers in a run of digits, which may also hold an age or a time beside them."""
    run = match[0]
    groups = [(g.start(), g.end(), g[0]) for g in _DIGITS.finditer(run)]
    pieces: list[str] = []
    done = 0  # characters of `run` already copied or replaced
    found = False
    i = 0
    while i < len(groups):
        for j in range(len(groups), i, -1):
            digits = "".join(g[2] for g in groups[i:j])
            international = i == 0 and run.lstrip("(").startswith("+")
            if digits in HELPLINES:
                kind = "keep"
            elif _is_phone(digits, international):
                kind = "phone"
            else:
                continue
            start, end = groups[i][0], groups[j - 1][1]
            if i == 0 and kind == "phone":
                start = 0 if ")" in run[:end] or run.startswith("+") else start
            if kind == "phone":
                pieces.append(run[done:start] + "[phone]")
                done = end
            found = True
            i = j
            break
        else:
            i += 1
    if not found:
        spaced = all(c.isdigit() or c == " " for c in run)
        if spaced and " " in run and sum(len(g[2]) for g in groups) >= 9:
            return "[number]"  # NHS numbers (943 476 5919), card numbers
        return run
    pieces.append(run[done:])
    return "".join(pieces)


def _long_number(match: re.Match[str]) -> str:
    token = match[0]
    if _YEAR_RANGE.fullmatch(token) or sum(c.isdigit() for c in token) < 6:
        return token
    return "[number]"


# Dates ---------------------------------------------------------------------------------------


def _numeric_date(match: re.Match[str]) -> str:
    first, second = int(match[1]), int(match[3])
    day_month = 1 <= first <= 31 and 1 <= second <= 12
    month_day = 1 <= first <= 12 and 1 <= second <= 31
    return "[date]" if day_month or month_day else match[0]


def _verb_month(month: str, day: str, year: str | None) -> bool:
    """'2 may come' and '3 march' in lower case are not dates without an ordinal or a year."""
    return (
        month.lower() in ("may", "march", "mar") and month.islower() and not year and day.isdigit()
    )


def _day_month(match: re.Match[str]) -> str:
    if _verb_month(match[2], match[1], match[3]):
        return match[0]
    return "[date]"


def _month_day(match: re.Match[str]) -> str:
    month, day, year = match[1], match[2], match[3]
    if _verb_month(month, day, year):
        return match[0]
    if day.isdigit() and not year and (month.islower() or month.lower() == "may"):
        return match[0]  # "in March 3 of us" stays; "March 12th" and "May 12, 2009" do not
    return "[date]"


def _birth_date(match: re.Match[str]) -> str:
    return match[0][: match.start(1) - match.start()] + "[date]"


# Places --------------------------------------------------------------------------------------


def _numbered_address(match: re.Match[str]) -> str:
    words = match[1].split()
    if any(w.lower() in STOP_WORDS for w in words):
        return match[0]  # "20 mins on the road", "3 of us in the lane"
    if not words and not re.search(r"(?i)\bthe\s+\S+$", match[0]):
        return match[0]  # "5 Road": a street needs a name
    return "[address]"


def _named_address(match: re.Match[str]) -> str:
    words = match[1].split()
    while words and (words[0].lower() in STOP_WORDS or words[0].lower() in KEEP_WORDS):
        words = words[1:]
    if not words or words[-1].lower() in ("high", "main", "ring", "front", "back"):
        return match[0]  # "the High Street" and "the Ring Road" name nobody
    keep = match[0][: len(match[0]) - len(" ".join(words)) - len(match[2]) - 1]
    return keep + "[address]"


def _lower_address(match: re.Match[str]) -> str:
    if match[1].strip().lower() in STOP_WORDS:
        return match[0]
    return match[0][: match.start(1) - match.start()] + "[address]"


def _school(match: re.Match[str]) -> str:
    words = match[1].split()
    lead = 0
    while lead < len(words) and words[lead].lower() in _SCHOOL_GENERIC and words[lead] != "St":
        lead += 1
    named = [w for w in words[lead:] if w.lower() not in _SCHOOL_GENERIC]
    if not named or all(
        w.lower() in KEEP_WORDS - {"hereford", "worcester", "telford"} for w in named
    ):
        return match[0]
    kept = " ".join(words[:lead])
    text = match[0]
    start = text.find(words[lead]) if lead < len(words) else len(text)
    return text[:start] + "[school]" if kept else "[school]"


# Names ---------------------------------------------------------------------------------------


def _title(match: re.Match[str]) -> str:
    word = match[2]
    if word.islower() and not _LOWER_TITLE.fullmatch(match[1]):
        return match[0]
    if not _is_name_word(word):
        return match[0]
    return match[1] + "[name]"


def _cue(match: re.Match[str]) -> str:
    if not _is_name_word(match[1]):
        return match[0]
    return match[0][: match.start(1) - match.start()] + "[name]"


def _listed_names(text: str) -> str:
    pieces: list[str] = []
    done = 0
    for match in _WORD.finditer(text):
        word = match[0]
        lower = word.lower()
        start, end = match.span()
        if lower not in FIRST_NAMES:
            # "jaydens mum", written without the apostrophe
            stem = lower[:-1]
            if not lower.endswith("s") or stem not in FIRST_NAMES or stem in AMBIGUOUS_NAMES:
                continue
            end -= 1
        if lower in AMBIGUOUS_NAMES:
            if not word[0].isupper() or word.isupper() or _sentence_start(text, start):
                continue
            if _word_before(text, start) in _NOT_NAME_BEFORE:
                continue
            if lower in ("will", "may") and _word_after(text, end) in _MODAL_AFTER:
                continue
            if _word_after(text, end).isdigit():
                continue  # "May 2009", "June 12"
        if re.search(r"\bSt\.?\s*$", text[max(0, start - 4) : start]):
            continue  # a saint: St Mary's is a place
        pieces.append(text[done:start] + "[name]")
        done = end
    if not pieces:
        return text
    pieces.append(text[done:])
    return "".join(pieces)


def _chain_and_surnames(text: str) -> str:
    """'[name] and Bradley' -> '[name] and [name]'; '[name] Jones' -> '[name]'."""
    while True:
        new = _CHAIN.sub(lambda m: m[0] if not _is_name_word(m[2]) else f"[name]{m[1]}[name]", text)
        new = _SURNAME.sub(lambda m: m[0] if not _is_name_word(m[1]) else "[name]", new)
        if new == text:
            return text
        text = new


def _sub(pattern: re.Pattern[str], repl: str | Callable[[re.Match[str]], str]):
    return lambda text: pattern.sub(repl, text)


# In order: links and e-mails first (they hold digits and names), then numbers and dates, then
# places, schools and finally names, so each step sees the placeholders of the ones before.
_STEPS: tuple[tuple[str | None, Callable[[str], str]], ...] = (
    (None, _sub(_URL, _link)),
    ("@", _sub(_EMAIL, "[email]")),
    (None, _sub(_SPELT_EMAIL, "[email]")),
    (".", _sub(_BARE_DOMAIN, _link)),
    ("@", _sub(_HANDLE, "[social]")),
    (None, _sub(_HANDLE_CUE, _handle_cue)),
    (None, _sub(_NI_NUMBER, "[number]")),
    (None, _sub(_NUMERIC_DATE, _numeric_date)),
    (None, _sub(_DAY_MONTH, _day_month)),
    (None, _sub(_MONTH_DAY, _month_day)),
    (None, _sub(_BIRTH_CUE, _birth_date)),
    (None, _sub(_POSTCODE, "[postcode]")),
    (None, _sub(_DIGIT_RUN, _digit_run)),
    (None, _sub(_LONG_NUMBER, _long_number)),
    (None, _sub(_ADDRESS_NUMBERED, _numbered_address)),
    (None, _sub(_ADDRESS_NAMED, _named_address)),
    (None, _sub(_ADDRESS_LOWER, _lower_address)),
    (None, _sub(_UNIVERSITY_OF, "[school]")),
    (None, _sub(_SCHOOL, _school)),
    (None, _sub(_SAINT, "[school]")),
    (None, _sub(_TITLE, _title)),
    (None, _sub(_CUE, _cue)),
    (None, _listed_names),
    ("[name]", _chain_and_surnames),
)


def redact(text: str) -> str:
    """`text` with identifying details replaced by placeholders; everything else unchanged."""
    for needle, step in _STEPS:
        if needle is None or needle in text:
            text = step(text)
    return text
