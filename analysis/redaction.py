"""Redaction of free-text answers before the quarterly report quotes them: names, contact details,
addresses, dates, schools and ID numbers become placeholders such as [name] and [phone]."""

from __future__ import annotations

import re
from collections.abc import Callable

from analysis.labels import PLACEHOLDER_KINDS

PLACEHOLDERS = tuple(PLACEHOLDER_KINDS)

# Common first names in England across generations and communities, lower-case. A name that is
# also an ordinary English word is in AMBIGUOUS_NAMES too and is only redacted when written with
# a capital letter away from the start of a sentence ("ask Will" but not "I will", "Will it").
FIRST_NAMES = frozenset(
    """
    aaliyah aaron abdul abi abigail ada adam ahmed aiden aisha alan albert albie alex alexander
    alfie ali alice alicia alisha amanda amelia amelie amina amir amira amy andrea andrew andy
    angela anna anne anthony april archie arjun arlo arthur ashley aurora ava ayaan ayesha barry
    becky ben benjamin beth bethany billy bobby bonnie bradley brandon brian brooke caitlin
    caleb callum cameron carl carly carol caroline carter casey charlie charlotte chloe chris
    christine christopher claire colin connor corey courtney craig daisy dale dan daniel
    danielle danny darren dave david dawn dean debbie deborah declan demi denise derek diane
    dominic donna dylan eddie edward eleanor eli elijah eliza ella ellie elliot ellis elsie
    emily emma erin esme ethan eva evelyn evie ezra faith fatima filip finley finn florence
    frank frankie freddie freya gary gavin gemma george georgia grace gracie graham hafsa hannah
    harley harper harrison harry harvey hassan hayley heather heidi helen henry holly hope hugo
    hussain ian ibrahim imogen isaac isabel isabella isabelle isla ivy izzy jack jacob jade jake
    jakub james jamie jane jasmine jason jay jayden jenna jennifer jenny jess jessica jimmy
    joanne jodie joe joel john johnny jon jordan joseph josh joshua joy jude julia julie june
    kacper kai karen kate katie kayden kayla kayleigh keira keith kelly kenneth kerry kevin
    khadija kian kieran kirsty kyle lacey laura lauren layla leah leanne lee leila lena lenny
    leo lewis lexi liam libby lily linda lisa logan lola louie louis louise luca lucas lucy luke
    macy maddie maisie maja mandy margaret maria mark martin mary maryam mason matilda matthew
    max may maya megan mia michael michelle mikey miles millie mohammed molly muhammad nadia
    natalia natalie nathan neil niamh nicholas nick nicola nigel noah noor oliver olivia oliwia
    ollie omar oscar owen paige patricia paul penny peter phoebe poppy priya rachel rebecca
    reece reggie rhys richard riley rob robert robyn rohan ronnie rory rose rosie ruby ryan
    sadie sam samantha samuel sarah scarlett scott sean sebastian shane shannon sharon sian
    sienna simon sofia sophia sophie stacey stanley stephen steve steven stuart sue summer susan
    teddy tegan theo thomas tia tilly toby tom tommy toni tony tracey trevor tyler tyrone
    victoria vinnie violet wayne wendy wiktoria will william willow yasmin yusuf zac zach zain
    zainab zak zara zoe
    """.split()
)
AMBIGUOUS_NAMES = frozenset(
    """
    april bonnie carol carter charlie daisy dale dawn dean faith frank grace harley heather
    henry holly hope ivy jack joy june mandy mark mason max may miles molly nick penny poppy rob
    rose ruby stanley sue summer teddy violet will willow zara
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
# four areas, teams, services, days, months and school subjects (all lower-case).
KEEP_WORDS = frozenset(
    """
    herefordshire hereford worcestershire worcester shropshire telford wrekin leominster ledbury
    kington bromyard kidderminster redditch bromsgrove malvern evesham droitwich pershore
    tenbury stourport shrewsbury oswestry ludlow bridgnorth whitchurch wem wellington newport
    madeley dawley donnington oakengates ironbridge birmingham wolverhampton london wales england
    britain uk prevention diversion restorative justice victims victim team teams service
    childline samaritans nspcc police court courts yot yos yjs camhs kooth barnardos barnardo
    shout mind connexions social services council nhs gp hospital ambulance fire youth panel
    referral order probation magistrates magistrate crown crimestoppers
    monday tuesday wednesday thursday friday saturday sunday january february march july august
    september october november december christmas easter eid diwali ramadan
    english maths math science history geography art music pe drama french spanish german
    """.split()
)

# Words that follow "called", "my mum", "Mr" or a name without being a name (lower-case).
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
    partner wife husband baby family worker workers staff teacher teachers people guys lads
    folks everybody somebody anyone anybody both loads lots
    good great nice kind lovely amazing brilliant helpful safe sick fine alright fab excellent
    bad rubbish boring help helped helps helping listened listens listen talked talks came come
    comes made makes gave gives took takes rang rings called calls asked asks explained
    explains sometimes often usually today tomorrow yesterday tonight support advice extra
    lol tbh idk ngl fr innit asap xx omg btw
    min mins minute minutes hour hours hr hrs day days week weeks month months year years time
    times mile miles metres meters test hard disk flash
    mr mrs ms mx dr miss pc dc ds di dci pcso sgt sergeant inspector constable officer detective
    judge prof sir coach cllr councillor
    """.split()
)

# Street types. The first kind may follow a house number in lower case ("12 church street"); the
# others are ordinary words too ("a 20 min drive", "in the park") so they need capitals.
_STREET_LOWER = r"street|st|road|rd|lane|avenue|ave|crescent|terrace"
_STREET_CAPITAL = r"Close|Drive|Grove|Gardens|Mews"
_STREET_NUMBERED = (
    r"Way|Walk|Place|Court|Park|Green|Hill|View|Rise|Row|Square|Gate|End|Meadow|Meadows"
    r"|Fields|Croft|Parade|Vale|Wharf|Chase|Dr|Cres|Gdns|Pl|Sq"
)
_PLACE_WORDS = frozenset(
    "|".join((_STREET_LOWER, _STREET_CAPITAL, _STREET_NUMBERED)).lower().split("|")
    + "school academy college high primary grammar university uni".split()
)
_NOT_NAME = STOP_WORDS | KEEP_WORDS | _PLACE_WORDS
# Streets whose name alone points to nobody: "on the High Street", "the Ring Road".
_COMMON_STREETS = frozenset("high main ring front back station".split())

# Words in a school's name that say what kind of school it is, not which one (lower-case).
_SCHOOL_GENERIC = frozenset(
    """
    the a an my our his her their your this that new old local secondary primary high grammar
    junior infant infants middle special free community sixth form mainstream alternative pupil
    referral forest sunday boarding private state catholic church faith summer night driving
    further education football boxing dance drama art music cookery bible youth police
    i at in to from and of & went go going attend attends attended back get got love hate like
    liked monday tuesday wednesday thursday friday saturday school academy college uni university
    """.split()
)

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:(?:19|20)\d{2}|'\d{2}|\d{2}(?![\w:]|\s+[a-z]))"  # 2009, '09, 09 (not "10 people")

# A word that could be a name: capitalised, with Mc/O'/double-barrelled forms; "Sarah's" gives
# "Sarah". All-capital words are tried first so that "YOT" is not read as "Y".
_CAP_WORD = r"(?:[A-Z]{2,}|[A-Z][a-z]*(?:[A-Z][a-z]+)?(?:['’-][A-Z][a-z]+)*)\b"
_LOWER_WORD = r"[a-z]+(?:-[a-z]+)*"

# Just before an ambiguous name, these show it is a month, a verb or a thing: "in May",
# "I Will", "the Grace of God". Just after, "Will be", "May I", "Summer holidays".
_NOT_NAME_BEFORE = frozenset(
    """
    the a an this that last next every each in on of during since until till by before after
    early late mid some any no your our their its i you we they he she it who which what there
    would could should might must can over through throughout all whole half
    """.split()
)
_MODAL_AFTER = frozenset("be not have you i we he she they it this that there".split())
_THING_AFTER = frozenset("holiday holidays term break half camp school knife blade bear".split())
# Names whose plural is a thing: "I bought Jordans".
_NO_PLURAL = AMBIGUOUS_NAMES | {"jordan"}
# "@home" and "@ school" are text-speak for "at", not handles.
_AT_WORDS = frozenset("home school college work the my yot court night uni office gym".split())

# Patterns start with (?<![\w\]]) where \b would do, so that they do not start straight after a
# placeholder either: a second pass over "[phone]snap: x" must see what the first pass saw in
# "07700 900123snap: x" (redacting twice changes nothing more).

# Contact details
_URL = re.compile(r"(?i)(?<![\w\]])(?:https?://|www\.)[^\s<>\"']+")
_BARE_DOMAIN = re.compile(
    r"(?i)(?<![\w@.\[-])[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*"
    r"(?:\.(?:com|net|org|co\.uk|org\.uk|uk|io)\b(?:/[^\s<>\"']*)?"
    r"|\.(?:me|ly|tv|gg|app)/[^\s<>\"']*)"  # bit.ly/x, but not "it was good.me and my mum"
)
_EMAIL = re.compile(
    r"(?i)(?<![\w.+\]])[a-z0-9](?:[a-z0-9._%+-]*[a-z0-9_])?@[a-z0-9-]+(?:\.[a-z0-9-]+)+"
)
_DOT = r"(?:\.|\s*\(dot\)\s*|\s*\[dot\]\s*|\s+dot\s+)"  # no spaces around a real dot: "school. Me"
_SPELT_EMAIL = re.compile(
    rf"(?i)(?<![\w.+-])[a-z0-9][a-z0-9_+-]*(?:{_DOT}[a-z0-9_+-]+){{0,3}}"  # bounded: no blow-up
    r"(?:\s*(?:\(at\)|\[at\]|@)\s*|\s+at\s+)"
    rf"[a-z0-9-]+(?:{_DOT}[a-z0-9-]+){{0,3}}{_DOT}(?:com|co|org|net|uk|io|me)\b(?:{_DOT}uk\b)?"
)
_HANDLE = re.compile(r"(?<![\w@.\]])@(\w+(?:\.\w+)*)")
_TIME = re.compile(r"(?i)\d{1,2}(?:[:.]\d\d)?(?:am|pm)?")
_HANDLE_CUE = re.compile(
    r"(?i)(?<![\w\]])(snap(?:chat)?|sc|insta(?:gram)?|ig|tik ?tok|twitter|fb|facebook|discord)"
    r"(\s*[:=]\s*|\s+-\s+|\s+(?:name\s+|username\s+)?is\s+)([\w.]+)"  # not "insta-famous"
)

# Numbers and dates
_NI_NUMBER = re.compile(
    r"(?i)(?<![\w\]])[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]\b"
)
_NUMERIC_DATE = re.compile(r"(?<![\d/.-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?![\d/]|\.\d)")
_DAY_MONTH = re.compile(
    rf"(?i)(?<![\w\]])({_DAY})(?:\s+of)?\s+({_MONTH})(?![a-z])(?:,?\s+({_YEAR}))?"
)
_MONTH_DAY = re.compile(
    rf"(?i)(?<![\w\]])({_MONTH})\s+({_DAY})\b(?!:)(?:,?\s+((?:19|20)\d{{2}})\b)?"
)
_BIRTH_CUE = re.compile(
    r"(?i)(?<![\w\]])(?:born|dob|d\.o\.b\.?|date\s+of\s+birth|birthday|b'?day)"
    r"(?:\s*(?::|-|=|\bis\b|\bwas\b|\bon\b|\bin\b|\bthe\b))*\s*"
    rf"((?:{_MONTH}\s+)?(?:19|20)\d{{2}}\b|{_MONTH}(?![a-z]))"
)
_POSTCODE = re.compile(  # the real postcode areas, so "ps4 2nd" is not one
    r"(?i)(?<![\w\]])(?:A[BL]|B[ABDHLNRST]?|C[ABFHMORTVW]|D[ADEGHLNTY]|E[CHNX]?|F[KY]|G[LUY]?"
    r"|H[ADGPRSUX]|I[GMPV]|JE|K[ATWY]|L[ADELNSU]?|M[EKL]?|N[EGNPRW]?|O[LX]|P[AEHLOR]"
    r"|R[GHM]|S[AEGK-PRSTWY]?|T[ADFNQRSW]|UB|W[ACDFNRSV]?|YO|ZE)"
    r"\d[A-Z\d]?\s*\d[ABD-HJLNP-UW-Z]{2}\b"
)
# Digits with single spaces, dots, hyphens or brackets between them: phone numbers and the like.
_DIGIT_RUN = re.compile(r"(?<![\w£$€@.,\]])(?:\+|\(\+?)?\d(?:\)?[ .\-]?\(?\d)*")
_DIGITS = re.compile(r"\d+")
_LONG_NUMBER = re.compile(r"(?<![\w£$€./\]-])[A-Za-z0-9][A-Za-z0-9/-]*\d[A-Za-z0-9/-]*")
_YEAR_RANGE = re.compile(r"(?:19|20)\d\d[/-](?:(?:19|20)\d\d|\d\d)")  # 2023/24 is not an ID

# Addresses and schools
_ADDRESS_NUMBERED = re.compile(
    r"(?i:(?<![\w\]])(?:flat|apartment|apt|unit)\s*\d+[a-z]?,?\s+)?"
    r"(?<![\w£$.,/])\d{1,4}[a-zA-Z]?\b,?\s+"
    rf"(?:(?i:the)\s+)?((?:{_CAP_WORD}\s+){{0,3}}|(?:{_LOWER_WORD}\s+){{0,2}})"
    rf"((?i:{_STREET_LOWER})|{_STREET_LOWER.title()}|{_STREET_CAPITAL}|{_STREET_NUMBERED})"
    r"\b(?!['’-])"
)
_ADDRESS_NAMED = re.compile(
    rf"(?<![\w\]])((?:{_CAP_WORD}\s+){{1,3}})"
    rf"(St(?!\.?\s+[A-Z])|{_STREET_LOWER.title()}|{_STREET_CAPITAL}|(?i:street|road|lane|avenue))"
    r"\b(?!['’-])"  # "St" but not "St Mary's"
)
_ADDRESS_LOWER = re.compile(
    r"(?i)(?<![\w\]])(?:on|in|at|off|near|lives?|living)\s+"
    r"(?!the\b|my\b|a\b|your\b|our\b|this\b)"
    r"([a-z]+)\s+(?:street|road|lane|avenue|crescent|terrace)\b"
)
_SCHOOL_WORD = r"[A-Z][\w'’-]*"
_SCHOOL = re.compile(
    rf"(?<![\w\]])((?:St\.?\s+)?{_SCHOOL_WORD}"
    rf"(?:\s+(?:of|the|and|&|St\.?|{_SCHOOL_WORD})){{0,6}})\s+"
    r"(?:(?i:school|academy|college|uni|university)|(?:High|Primary|Grammar)"
    r"(?!\s+(?i:street|st|road|rd|school|academy|college)))\b"
    r"(?:\s+of\s+[A-Z][a-z]+(?:\s+and\s+[A-Z][a-z]+)?)?"  # Hereford College of Arts
)
_UNIVERSITY_OF = re.compile(r"(?<![\w\]])University\s+of\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?")
_SAINT = re.compile(  # "at St Mary's": most often a school; churches and hospices stay
    r"(?<![\w\]])St\.?\s+[A-Z][a-z]+(?:['’]?s)?(?![\w'’])"
    r"(?!\s+(?i:church|hospice|hospital|hall|centre|center|park|road|street|lane|close|square"
    r"|surgery|chapel|cathedral|day|ambulance))"
)

# Names
_TITLE = re.compile(
    r"(?<![\w\]])((?:(?i:mr|mrs|mx|dr)\.?|Ms\.?|Miss|PC|DC|DS|DI|DCI|PCSO|Sgt\.?|Sergeant"
    r"|Inspector|Constable|Officer|Detective|Judge|Prof\.?|Sir|Coach|Cllr\.?|Councillor)\s+)"
    rf"((?:[A-Z]\.?\s+)*{_CAP_WORD}|{_LOWER_WORD})"  # "Mr J. Smith", "mr smith"
)
_LOWER_TITLE = re.compile(r"(?i)(?:mr|mrs|mx|dr)\.?\s+")  # "mr smith" yes, "miss you" no
_CUE = re.compile(
    r"(?i:(?<![\w\]])(?:(?:my|our|his|her|their|the|a|your)\s+"
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
_LOWER_WORDS = re.compile(r"[a-z]+")
# A whole word, not glued to digits ("Jordan07700") and not the start of "don't" or "Will've".
_WORD = re.compile(r"(?<![A-Za-z0-9_])[A-Za-z]++(?![0-9_]|['’](?:t|ll|re|ve|d|m)\b)")
_SAINT_BEFORE = re.compile(r"\bSt\.?\s*$")
_WORD_BEFORE = re.compile(r"([A-Za-z]+)[^A-Za-z\n]*$")
_WORD_AFTER = re.compile(r"\s+([A-Za-z]+|\d)")
_CHAIN = re.compile(rf"\[name\](\s*(?:&|\band\b|\+)\s*)({_CAP_WORD})")
_DOUBLE_BARREL = re.compile(r"\[name\](?:-\[name\])+")
_SURNAME = re.compile(rf"\[name\][ \t]+({_CAP_WORD})")


def _is_name_word(word: str) -> bool:
    return len(word) > 1 and word.lower() not in _NOT_NAME


def _sentence_start(text: str, index: int) -> bool:
    """True if only spaces, quotes or brackets stand between `index` and a sentence end."""
    i = index - 1
    while i >= 0 and text[i] in " \t\"'“‘(*-":
        i -= 1
    return i < 0 or text[i] in ".!?\n"


def _word_before(text: str, index: int) -> str:
    match = _WORD_BEFORE.search(text, max(0, index - 30), index)
    return match[1].lower() if match else ""


def _word_after(text: str, index: int) -> str:
    match = _WORD_AFTER.match(text, index)
    return match[1].lower() if match else ""


# Contact details -----------------------------------------------------------------------------


def _link(match: re.Match[str]) -> str:
    url = match[0]
    trimmed = url.rstrip(".,;:!?)]}'\"")  # the full stop ends the sentence, not the address
    host = re.sub(r"(?i)^(?:https?://)?(?:www\.)?", "", trimmed).split("/")[0].lower()
    if any(host == d or host.endswith("." + d) for d in SAFE_DOMAINS):
        return url
    return "[link]" + url[len(trimmed) :]


def _handle(match: re.Match[str]) -> str:
    name = match[1]
    if _TIME.fullmatch(name) or name.lower() in _AT_WORDS:
        return match[0]  # "@5pm", "@home"
    return "[social]"


def _handle_cue(match: re.Match[str]) -> str:
    cue, joiner, handle = match[1], match[2], match[3]
    separated = any(c in joiner for c in ":=-")
    if separated or re.search(r"[\d_.]", handle.rstrip(".")):  # "my insta is fun" stays
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
    """Phone numbers in a run of digits, which may also hold an age or a time beside them:
    "I'm 14 07700 900123" keeps the 14. Helplines are kept whole."""
    run = match[0]
    groups = [(g.start(), g.end(), g[0]) for g in _DIGITS.finditer(run)]
    pieces: list[str] = []
    done = 0  # characters of `run` already copied or replaced
    found = False
    i = 0
    while i < len(groups):
        # The longest run of groups first, at most 11 ("0 7 7 0 0 9 0 0 1 2 3"), so a long row
        # of digits costs time in proportion to its length.
        for j in range(min(len(groups), i + 11), i, -1):
            digits = "".join(g[2] for g in groups[i:j])
            helpline = digits in HELPLINES
            if not helpline and not _is_phone(digits, i == 0 and "+" in run[: groups[0][0]]):
                continue
            if not helpline:
                start, end = groups[i][0], groups[j - 1][1]
                if start and run[start - 1] == "+":
                    start -= 1  # "+44 ..."
                if start and run[start - 1] == "(" and ")" in run[start:end]:
                    start -= 1  # "(01432) 123456"; a lone "(" stays for its ")"
                pieces.append(run[done:start] + "[phone]")
                done = end
            found = True
            i = j
            break
        else:
            i += 1
    if found:
        return "".join(pieces) + run[done:]
    sizes = [len(g[2]) for g in groups]
    years = all(g[2][:2] in ("19", "20") for g in groups)
    spaced = " " in run and not set(run) - set("0123456789 ")
    if spaced and (sizes == [3, 3, 4] or (sizes in ([4, 4, 4], [4, 4, 4, 4]) and not years)):
        return "[number]"  # an NHS number (943 476 5919) or a card number
    return run


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
    verb = month in ("may", "march", "mar")  # lower case only: "3 March" is a date
    return verb and not year and day.isdigit()


def _day_month(match: re.Match[str]) -> str:
    return match[0] if _verb_month(match[2], match[1], match[3]) else "[date]"


def _month_day(match: re.Match[str]) -> str:
    month, day, year = match[1], match[2], match[3]
    if day.isdigit() and not year and (month.islower() or month.lower() == "may"):
        return match[0]  # "in march 3 of us", "May 5 of us go?"; "March 12th" is a date
    return "[date]"


def _birth_date(match: re.Match[str]) -> str:
    return match[0][: match.start(1) - match.start()] + "[date]"


# Places --------------------------------------------------------------------------------------


def _postcode(match: re.Match[str]) -> str:
    if match[0].islower() and match[0][-2:] in ("st", "nd", "rd", "th"):
        return match[0]  # text-speak, not a postcode: "b4 2nd", "b4 1st"
    return "[postcode]"


def _numbered_address(match: re.Match[str]) -> str:
    words = match[1].split()
    if any(w.lower() in STOP_WORDS for w in words):
        return match[0]  # "20 mins on the road", "3 of us in the lane"
    if not words and not re.search(r"(?i)\bthe\s+\S+$", match[0]):
        return match[0]  # "2 Close calls": a street needs a name
    return "[address]"


def _named_address(match: re.Match[str]) -> str:
    words = list(re.finditer(r"\S+", match[1]))
    while words and words[0][0].lower() in STOP_WORDS:
        words.pop(0)  # "Thanks Oak Road" keeps "Thanks"
    if not words or words[-1][0].lower() in _COMMON_STREETS:
        return match[0]
    return match[0][: words[0].start()] + "[address]"


def _lower_address(match: re.Match[str]) -> str:
    if match[1].lower() in STOP_WORDS:
        return match[0]
    return match[0][: match.start(1) - match.start()] + "[address]"


def _school(match: re.Match[str]) -> str:
    words = list(re.finditer(r"\S+", match[1]))
    while words and words[0][0].lower() in _SCHOOL_GENERIC:
        words.pop(0)  # "the [school]", "went to [school]"
    if not any(w[0].lower() not in _SCHOOL_GENERIC for w in words):
        return match[0]  # "Secondary School", "Forest School", "Sixth Form College"
    return match[0][: words[0].start()] + "[school]"


# Names ---------------------------------------------------------------------------------------


def _title(match: re.Match[str]) -> str:
    name = match[2]
    if name.islower() and not _LOWER_TITLE.fullmatch(match[1]):
        return match[0]
    if not _is_name_word(name.split()[-1]):
        return match[0]
    return match[1] + "[name]"


def _cue(match: re.Match[str]) -> str:
    if not _is_name_word(match[1]):
        return match[0]
    return match[0][: match.start(1) - match.start()] + "[name]"


def _ordinary_word(text: str, start: int, end: int) -> bool:
    """An ambiguous name used as a word: "will", "Will it", "in May", "I Hope", "Summer term"."""
    word = text[start:end]
    if not word[0].isupper() or word.isupper() or _sentence_start(text, start):
        return True
    if _word_before(text, start) in _NOT_NAME_BEFORE:
        return True
    after = _word_after(text, end)
    if word.lower() in ("will", "may") and after in _MODAL_AFTER:
        return True
    return after.isdigit() or after in _THING_AFTER  # "May 2009", "Summer holidays"


def _listed_names(text: str) -> str:
    words = set(_LOWER_WORDS.findall(text.lower()))
    if not words & FIRST_NAMES and not {w[:-1] for w in words if w.endswith("s")} & FIRST_NAMES:
        return text  # most answers name nobody: skip the word-by-word pass
    pieces: list[str] = []
    done = 0
    for match in _WORD.finditer(text):
        lower = match[0].lower()
        start, end = match.span()
        if lower not in FIRST_NAMES:
            stem = lower[:-1]  # "jaydens mum", without the apostrophe
            if not lower.endswith("s") or stem not in FIRST_NAMES or stem in _NO_PLURAL:
                continue
            end -= 1
        elif lower in AMBIGUOUS_NAMES and _ordinary_word(text, start, end):
            continue
        if _SAINT_BEFORE.search(text, max(0, start - 4), start):
            continue  # a saint: "St Michael's Hospice" is a place
        pieces.append(text[done:start] + "[name]")
        done = end
    return "".join(pieces) + text[done:] if pieces else text


def _chain_and_surnames(text: str) -> str:
    """'[name] and Bradley' -> '[name] and [name]'; '[name] Jones' -> '[name]';
    '[name]-[name]' ("Sarah-Jane") -> '[name]'. Repeated until nothing changes."""
    while "[name]" in text:
        new = _CHAIN.sub(lambda m: f"[name]{m[1]}[name]" if _is_name_word(m[2]) else m[0], text)
        new = _SURNAME.sub(lambda m: "[name]" if _is_name_word(m[1]) else m[0], new)
        new = _DOUBLE_BARREL.sub("[name]", new)
        if new == text:
            break
        text = new
    return text


# Steps ---------------------------------------------------------------------------------------

Step = Callable[[str], str]
Hint = Callable[[str, str], bool]  # (original text, its lower case) -> the step may match


def _sub(pattern: re.Pattern[str], repl: str | Callable[[re.Match[str]], str]) -> Step:
    return lambda text: pattern.sub(repl, text)


# Cheap tests on the original text that say when a step cannot match, so most answers skip most
# steps: 10,000 answers take about half a second.
def _words(*needles: str) -> Hint:
    return lambda text, lower: any(n in lower for n in needles)


def _found(pattern: str) -> Hint:
    compiled = re.compile(pattern)
    return lambda text, lower: compiled.search(text) is not None


_DIGIT = _found(r"\d")
_TLDS = (".com", ".net", ".org", ".uk", ".io", ".me", ".ly", ".tv", ".gg", ".app")
_STREETS = _words(
    *"street road lane avenue crescent terrace close drive grove gardens mews".split(), " st", " rd"
)
_TITLES = _found(
    r"\b(?:M[rsx]|Mrs|Dr|Miss|PC|D[CSI]|DCI|PCSO|Sgt|Sergeant|Inspector|Constable|Officer"
    r"|Detective|Judge|Prof|Sir|Coach|Cllr|Councillor|mrs?|mx|dr|MRS?|DR)\b"
)
_CAPITAL_INSIDE = _found(r"(?<=\s)(?!I\b|I['’])[A-Z]")  # a capital other than "I" after a space

# In order: links and e-mails first (they hold digits and names), then numbers and dates, then
# places and schools, and names last, so each step sees the placeholders of the ones before.
_STEPS: tuple[tuple[Hint | None, Step], ...] = (
    (_words("http", "www."), _sub(_URL, _link)),
    (_words("@"), _sub(_EMAIL, "[email]")),
    (_words("dot", "(at)", "[at]", *_TLDS), _sub(_SPELT_EMAIL, "[email]")),
    (_words(*_TLDS), _sub(_BARE_DOMAIN, _link)),
    (_words("@"), _sub(_HANDLE, _handle)),
    (
        _words("snap", "insta", "tik", "twitter", "facebook", "discord", "sc", "ig", "fb"),
        _sub(_HANDLE_CUE, _handle_cue),
    ),
    (_DIGIT, _sub(_NI_NUMBER, "[number]")),
    (_DIGIT, _sub(_NUMERIC_DATE, _numeric_date)),
    (_DIGIT, _sub(_DAY_MONTH, _day_month)),
    (_DIGIT, _sub(_MONTH_DAY, _month_day)),
    (_words("born", "dob", "d.o.b", "birth", "bday", "b'day"), _sub(_BIRTH_CUE, _birth_date)),
    (_DIGIT, _sub(_POSTCODE, _postcode)),
    (_DIGIT, _sub(_DIGIT_RUN, _digit_run)),
    (_DIGIT, _sub(_LONG_NUMBER, _long_number)),
    (_DIGIT, _sub(_ADDRESS_NUMBERED, _numbered_address)),
    (_STREETS, _sub(_ADDRESS_NAMED, _named_address)),
    (_STREETS, _sub(_ADDRESS_LOWER, _lower_address)),
    (_words("university"), _sub(_UNIVERSITY_OF, "[school]")),
    (
        _words("school", "academy", "college", "uni", "high", "primary", "grammar"),
        _sub(_SCHOOL, _school),
    ),
    (_found(r"\bSt\b"), _sub(_SAINT, "[school]")),
    (_TITLES, _sub(_TITLE, _title)),
    (_CAPITAL_INSIDE, _sub(_CUE, _cue)),
    (None, _listed_names),
    (None, _chain_and_surnames),
)


def redact(text: str) -> str:
    """`text` with identifying details replaced by placeholders; everything else unchanged."""
    original, lower = text, text.lower()
    for hint, step in _STEPS:
        if hint is None or hint(original, lower):
            text = step(text)
    return text
