"""What a sentence is about, in the speaker's own words.

A rewrite that keeps the subject says the same thing the speaker was talking
about: "the rent money", "your phone", "the five kettles". The old approach
mapped keywords to stock phrases ("doctor" -> "the medication") and so changed
the subject. Here the topic is a noun phrase copied from the sentence itself:

- a phrase opened by a possessive or a determiner ("your drinking", "the
  garage", "all those boxes") and closed by the first function word, common
  verb or punctuation after it, at most four words;
- the word before a phrase ranks it: after "about" or "over" first, then after
  "with" or "of", then a subject or object, then a place or time ("at the pub",
  "on the bed"); among equals the other person's things come before the
  speaker's ("the controller" before "my house"), then a phrase holding a word
  from the concern patterns in ``_slots.yaml``, then the first found;
- vague heads ("the way", "your whole life", "the same") are skipped, and so
  is what someone is said to be ("you're a drunk", "just like your mother").

When the sentence has no such phrase, the concern patterns give a phrase that
still names the thing the speaker mentioned, else ``None``: the caller falls
back to a neutral wording rather than guess.

Both the sentence and the rewrite speak to the same person, so "your" and "my"
stay as they are. Plain Python; word lists below are closed classes of English.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'\u2019-]*|[.,;:!?()\"“”]")

OPENERS = _words(
    """
    your my our his their the this that these those all any some
    """
)
# "her" opens a phrase only before a word that is not a function word ("her
# drinking"), never as an object ("asking her for money").
_HER = "her"
NUMBERS = _words(
    """
    two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty
    fifty sixty hundred hundreds thousand thousands dozen dozens one another first second third
    fourth fifth last more
    """
)
_FUNCTION = _words(
    """
    a an and or but nor so yet if then than because while when where whether who whom whose
    which what why how that this these those there here it its it's itself i i'm i've i'd i'll
    me my mine myself we us our you you're you've you'd you'll yours yourself he him his she her
    they them their theirs this is am are was were be been being have has had having do does did
    doing done will would shall should can could may might must not no never always just only
    even still again also too very really so such quite about above across after against along
    among around at before behind below beneath beside between beyond by down during except for
    from in inside into like near of off on onto out outside over past since through throughout
    till to toward towards under until up upon with within without anymore anyway now today
    tonight tomorrow yesterday lately soon already ever once twice more most less least much
    many lot lots enough each either neither both other another own don't doesn't
    didn't won't wouldn't can't couldn't isn't aren't wasn't weren't haven't hasn't hadn't
    shouldn't mustn't let let's please ok okay yes yeah oh well like right back away here there
    clearly every cannot she's he's they're we're that's there's what's who's it'll he'll she'll
    they'll we'll rn ur u r im ive dont doesnt didnt cant wont isnt arent wasnt havent
    """
)
FUNCTION_WORDS = _FUNCTION
words = _words  # for the other modules that keep closed word classes
# People: a phrase whose head is one of these is about a person, not the thing the
# message is about ("your son" in "Your son is too shy to say it"); it is chosen last.
_PEOPLE = _words(
    """
    son sons daughter daughters mom mum mother dad father brother brothers sister sisters
    cousin cousins man men woman women wife husband kid kids child children people friend
    friends boyfriend girlfriend partner grandson granddaughter aunt uncle nephew niece boss
    neighbour neighbor neighbours neighbors guy guys therapist therapists doctor doctors
    counsellor counselor nurse teacher teachers coach gp sponsor mate mates flatmate roommate
    gran granny grandma grandad grandpa nan
    """
)
# A phrase may go on through one of these into a second phrase: "the man in the grey
# truck", "the peg at the club", "your washing on the bed".
_LINKS = frozenset({"in", "at", "on", "from", "of"})
MAX_LINKED_WORDS = 7
# Quoted words are someone else's ("don't say 'my sugar is fine'"): never the topic.
_OPEN_QUOTE = "'\"\u2018\u201c"
_CLOSE_QUOTE = "'\"\u2019\u201d"
_QUOTED = re.compile(
    rf"(?:(?<=\s)|^)[{_OPEN_QUOTE}][^{_CLOSE_QUOTE}]{{1,80}}[{_CLOSE_QUOTE}](?=[\s.,;:!?]|$)"
)
# Common verbs that follow a subject phrase ("the money went", "your drinking ruins").
_VERBS = _words(
    """
    go goes went gone going come comes came coming get gets got getting make makes made making
    take takes took taken taking give gives gave given giving keep keeps kept keeping put puts
    say says said tell tells told see sees saw seen look looks looked know knows knew think
    thinks thought feel feels felt want wants wanted need needs needed seem seems seemed leave
    leaves left turn turns turned start starts started stop stops stopped happen happens
    happened ruin ruins ruined ruining destroy destroys destroyed destroying cost costs costing
    sit sits sat sitting stay stays stayed staying pile piles piled piling keep keeps eat eats
    ate eating drink drinks drank drive drives drove use uses used spend spends spent waste
    wastes wasted pay pays paid break breaks broke broken lose loses lost killing kill kills
    hurt hurts matter matters mean means help helps helped call calls called ask asks asked try
    tries tried smell smells smelled stink stinks stank fill fills filled write writes wrote
    """
)
_VAGUE_HEADS = _words(
    """
    way ways time times thing things stuff life day days night age fault problem problems story
    same whole point matter reason one ones bit lot kind sort rest end other others family world
    everyone everything anything something nothing someone anyone weekend weekends week weeks
    month months year years morning evening night nights hour hours minute minutes
    worse better best worst
    """
)
# After "that" or "this", these make a degree phrase ("that bad"), not a thing.
_DEGREE = _words(
    """
    bad hard good big much long far easy simple serious important obvious true stupid hard late
    early often many little old young sure sad scared angry upset worried tired bothered
    """
)
_ADJECTIVE_ENDINGS = ("ive", "ful", "ous", "able", "ible", "ic", "al", "ent", "ant")
_TITLES = _words("dr mr mrs ms miss prof sir")
# The word before a phrase says how likely it is to be the topic: after "about" it is
# what the sentence is about; after "with" or "of" often; with no preposition it is a
# subject or an object; after a word of place or time ("at the pub", "on the bed",
# "by Friday") it is usually only where or when.
_LEADS = {
    **dict.fromkeys(("about", "over", "regarding"), 0),
    **dict.fromkeys(("with", "of"), 1),
    **dict.fromkeys(
        _words(
            "at in on from into onto by after before during until till near around behind "
            "under inside outside through"
        ),
        3,
    ),
}
_NO_PREPOSITION = 2
# Time heads are vague ("at the weekend") except as what is talked about ("tell her
# about the weekend").
_TIME_HEADS = _words("weekend weekends night nights morning evening day week month year")
MAX_WORDS = 4


@dataclass(frozen=True)
class Phrase:
    text: str
    lead: int  # how the word before it ranks it (``_LEADS``), lower first
    start: int  # token index, for order
    name: bool = False  # a name ("Tyler"), chosen after a noun phrase
    bare: bool = False  # one noun after a preposition ("on insta", "at church")

    @property
    def about_a_person(self) -> bool:
        return self.text.split()[-1].lower() in _PEOPLE

    @property
    def weak(self) -> bool:
        """A person, a name or a bare noun: the topic only when nothing better is there."""
        return self.about_a_person or self.name or self.bare


def _tokens(sentence: str) -> list[str]:
    return [t.replace("\u2019", "'") for t in _WORD.findall(sentence)]


def _is_word(token: str) -> bool:
    return token[:1].isalnum()


def _core(tokens: list[str], i: int, *, vague: bool = False) -> tuple[list[str], int] | None:
    """The noun phrase opened at token ``i`` and the index after it, or None; with ``vague``,
    a vague head is allowed (the caller links it to a second phrase: "a bit at the weekend")."""
    opener = tokens[i].lower()
    counted = opener in NUMBERS or opener.isdigit()  # "14 missed calls", "two drinks": nouns
    words = [tokens[i]]
    j = i + 1
    if counted and j < len(tokens) and tokens[j].lower() == "more":  # "one more betting slip"
        words.append(tokens[j])
        j += 1
    if opener == "all":  # only "all those boxes", "all your stuff"
        if j >= len(tokens) or tokens[j].lower() not in OPENERS - {"all"}:
            return None
        words.append(tokens[j])
        j += 1
    while j < len(tokens) and len(words) < MAX_WORDS:
        token = tokens[j]
        lowered = token.lower()
        if not _is_word(token) or lowered in _FUNCTION or lowered in OPENERS:
            break
        if lowered in _VERBS and not (counted and lowered.endswith("s")):
            break  # "two drinks", "14 calls" are nouns; "three hundred euro spent" is a verb
        if lowered.rstrip(".") in _TITLES:  # "the pills Dr. Patel gave you"
            break
        if len(words) > 1 and lowered.endswith(("ed", "ly")) and len(lowered) > 4:
            break  # "your mother cried", "ur literally": a verb or an adverb after the noun
        if lowered.endswith("'s") and j + 1 < len(tokens) and tokens[j + 1].lower().endswith("ed"):
            break  # "Membership's cancelled": a contraction, not a possessive
        words.append(token)
        j += 1
    if words[-1].lower().endswith("'s") and len(words) > 1:  # "your cousin Mia's got two kids"
        words[-1] = words[-1][:-2]
    if len(words) == MAX_WORDS and j < len(tokens) and _continues(tokens[j]):
        return None  # cut in the middle of a longer phrase
    skip = 1 if words[1:2] and words[1].lower() not in OPENERS | {"more"} else 2
    content = words[skip:]
    if not content or len(content) > MAX_WORDS - 1:
        return None
    head = content[-1].lower().strip("'")
    about = i > 0 and tokens[i - 1].lower() in ("about", "over")
    if head.isdigit() or (
        head in _VAGUE_HEADS and not vague and not (about and head in _TIME_HEADS)
    ):
        return None
    if opener in ("that", "this") and content[0].lower() in _DEGREE:  # "that bad", "this hard"
        return None
    if opener == "more" and len(content) == 1 and head.endswith(_ADJECTIVE_ENDINGS):
        return None  # "think more positive": a comparison, not a thing
    if opener in ("ur", _HER) and content[0].lower().endswith("ly"):  # "ur literally"
        return None
    if opener in ("a", "an") and head.endswith("s") and not head.endswith("ss"):
        return None  # "a thumbs up" was cut short
    if opener.isdigit() and not (head.endswith("s") and len(head) > 3):
        return None  # "14 missed calls", not "2 hrs bc"
    if opener in OPENERS or opener in NUMBERS or opener in ("ur", "a", "an"):
        words[0] = opener  # "Your job" in the middle of a rewrite reads "your job"
    if opener in _ORDINALS and (i == 0 or tokens[i - 1].lower() not in OPENERS):
        words.insert(0, "the")  # "Third job this year" -> "the third job"
    return words, j


def _continues(token: str) -> bool:
    lowered = token.lower()
    return _is_word(token) and lowered not in _FUNCTION | _VERBS | OPENERS


def _phrase_at(tokens: list[str], i: int) -> str | None:
    """The phrase opened at token ``i``, or None; it may go on through a link word into a
    second phrase ("the man in the grey truck")."""
    found = _core(tokens, i, vague=True)
    if found is None:
        return None
    words, j = found
    if (
        j + 1 < len(tokens)
        and tokens[j].lower() in _LINKS
        and _opens(tokens[j + 1].lower(), tokens[j + 2].lower() if j + 2 < len(tokens) else "")
        and (linked := _core(tokens, j + 1))
        and len(words) + 1 + len(linked[0]) <= MAX_LINKED_WORDS
    ):
        return " ".join([*words, tokens[j].lower(), *linked[0]])
    return " ".join(words) if _core(tokens, i) else None  # alone, its head must not be vague


def _name_at(tokens: list[str], i: int) -> str | None:
    """A name in the middle of a sentence ("drag Tyler into", "at Cheltenham"), or None.

    A name at the start, after a comma or closing the sentence after a noun is the
    person being spoken to ("Everyone feels down, Ryan."), not the topic."""
    token = tokens[i]
    if i == 0 or not token[:1].isupper() or token.isupper() or not token.isalpha():
        return None
    before = tokens[i - 1]
    if not _is_word(before) or before.lower().rstrip(".") in _TITLES or before == "I":
        return None
    if token.lower() in _FUNCTION or token.lower() in _VERBS or token.lower() in OPENERS:
        return None
    words = [token]
    while i + len(words) < len(tokens) and tokens[i + len(words)][:1].isupper():
        nxt = tokens[i + len(words)]
        if not nxt.isalpha() or nxt.lower() in _FUNCTION:
            break
        words.append(nxt)
    after = tokens[i + len(words)] if i + len(words) < len(tokens) else ""
    if (not after or not _is_word(after)) and before.lower() not in _FUNCTION:
        return None  # "skin and bones Sam."
    return " ".join(words)


# "a" opens a phrase ("a loan", "a 12 paragraph apology") except after these, where
# it makes a label ("you're a drunk", "like a magpie").
_LABEL_BEFORE = _words(
    "you're youre are ur your be being is was were am like such what there's it's that's its"
)


def _opens(word: str, following: str, before: str = "") -> bool:
    """Whether ``word`` can open a topic phrase, given the word after it (and before it)."""
    if word in ("a", "an"):
        return before not in _LABEL_BEFORE and bool(following) and following not in _FUNCTION
    if word in OPENERS or word in NUMBERS or (word[:1].isdigit() and word.isdigit()):
        return True  # "14 missed calls"
    if word == _HER:  # "her drinking", not "asking her for money"
        return bool(following) and following not in _FUNCTION
    if word == "ur":  # texting: "ur phone" (your), not "ur scaring her" (you're)
        return bool(following) and not following.endswith("ing") and following not in _FUNCTION
    # a name's possessive: "Emma's graduation", "Dad's retirement" (not "Membership's cancelled")
    return (
        word.endswith("'s")
        and word[:-2] not in _FUNCTION
        and word[:-2].isalpha()
        and not following.endswith("ed")
        and bool(following)
        and following not in _FUNCTION
    )


# Words between a verb and what it says someone is ("Bet9ja is not a job", "you're
# turning into a real drunk", "just like your mother"): looked past to find the verb.
_PREDICATE_FILLERS = _words(
    """
    not never just really so only even literally actually totally basically exactly always
    such quite proper real becoming turning turned turn into
    """
)
# "like" makes a comparison, a put-down, after these ("You're just like your mother",
# "behaving exactly like your brother"), not the verb of "I'd like your help".
_LIKE_AFTER = _words(
    "just exactly acting act behaving behave be being are you're youre is look looks sound sounds "
    "literally totally ur"
)


def _names_what_they_are(tokens: list[str], i: int) -> bool:
    """Whether the phrase opened at ``i`` says what someone is, a label or a comparison, not
    what the sentence is about: "you're a drunk", "is not a job", "just like your mother"."""
    j = i - 1
    while j >= 0 and tokens[j].lower() in _PREDICATE_FILLERS:
        j -= 1
    if j < 0:
        return False
    before = tokens[j].lower()
    if before == "like":
        return j > 0 and tokens[j - 1].lower() in _LIKE_AFTER
    return tokens[i].lower() in ("a", "an") and before in _LABEL_BEFORE


_ORDINALS = _words("first second third fourth fifth last")
_BARE_AFTER = frozenset({"on", "at", "about", "with", "from", "into"})


def _bare_at(tokens: list[str], i: int) -> str | None:
    """One lowercase noun right after a preposition and closing its phrase ("on insta")."""
    token = tokens[i]
    lowered = token.lower()
    if i == 0 or tokens[i - 1].lower() not in _BARE_AFTER or not token.isalpha():
        return None
    if not _continues(token) or lowered in _VAGUE_HEADS or lowered.endswith(("ing", "ly")):
        return None
    after = tokens[i + 1].lower() if i + 1 < len(tokens) else ""
    if after and _continues(tokens[i + 1]):
        return None
    return lowered if len(lowered) > 2 else None


_SENTENCE_VERBS = _VERBS | {"is", "are", "was", "were", "has", "have"}


def _start_at(tokens: list[str], i: int) -> str | None:
    """Two or three bare nouns opening a sentence, before its verb ("Bathroom door stays
    open" -> "the bathroom door"), or None. The "the" makes it read as a phrase in the
    middle of a rewrite, as for "Third job this year"."""
    if i and tokens[i - 1] not in ".!?":
        return None
    found: list[str] = []
    j = i
    while j < len(tokens) and len(found) < MAX_WORDS - 1 and tokens[j].isalpha():
        token = tokens[j]
        lowered = token.lower()
        if not _continues(token) or (j > i and not token.islower()):
            break
        if lowered.endswith(("ing", "ly", "ed")):
            break
        found.append(lowered)
        j += 1
    if len(found) < 2 or j >= len(tokens) or tokens[j].lower() not in _SENTENCE_VERBS:
        return None
    if found[-1] in _VAGUE_HEADS or found[-1] in _PEOPLE:
        return None
    return " ".join(["the", *found])


_WH = _words("where what how why who when whether")
_CLAUSE_SUBJECTS = _words("you he she they we i")
_CLAUSE_ENDS = _words("and but or because so if unless then")
MAX_CLAUSE_WORDS = 6


def _about_clause(tokens: list[str], i: int) -> str | None:
    """A clause after "about" or "over" ("lying about where you spend your nights"), or None."""
    if i == 0 or tokens[i - 1].lower() not in ("about", "over") or tokens[i].lower() not in _WH:
        return None
    if i + 1 >= len(tokens) or tokens[i + 1].lower() not in _CLAUSE_SUBJECTS:
        return None
    found: list[str] = []
    j = i
    while j < len(tokens) and _is_word(tokens[j]) and tokens[j].lower() not in _CLAUSE_ENDS:
        found.append(tokens[j] if tokens[j][:1].isupper() and j > i else tokens[j].lower())
        j += 1
    if not 3 <= len(found) <= MAX_CLAUSE_WORDS or found[-1].lower() in _FUNCTION:
        return None
    return " ".join(found)


def phrases(sentence: str) -> list[Phrase]:
    """Every noun phrase (and name) the sentence offers as its topic, in order."""
    tokens = _tokens(_QUOTED.sub(" , ", sentence))
    found: list[Phrase] = []
    taken_until = -1
    for i, token in enumerate(tokens):
        if i <= taken_until:
            continue
        lowered = token.lower()
        name = False
        text = None
        following = tokens[i + 1].lower() if i + 1 < len(tokens) else ""
        if _opens(lowered, following, tokens[i - 1].lower() if i else "") and not (
            _names_what_they_are(tokens, i)
        ):
            text = _phrase_at(tokens, i)
        if text is None and (text := _name_at(tokens, i)):
            name = True
        if text is None:
            text = _about_clause(tokens, i) or _start_at(tokens, i)
        bare = False
        if text is None and (text := _bare_at(tokens, i)):
            bare = True
        if text is None:
            continue
        lead = _LEADS.get(tokens[i - 1].lower(), _NO_PREPOSITION) if i else _NO_PREPOSITION
        found.append(Phrase(text=text, lead=lead, start=i, name=name, bare=bare))
        taken_until = i + len(_tokens(text)) - 1
    return found


def own_words_topic(
    sentence: str, concern: re.Pattern[str] | None = None, *, weak: bool = True
) -> str | None:
    """The best topic phrase copied from ``sentence``, or None.

    ``concern`` (one pattern joining the concern words) lifts a phrase that
    names the worry ("your drinking") above one that does not ("the car").
    """
    candidates = [p for p in phrases(sentence) if weak or not p.weak]
    if not candidates:
        return None

    def rank(p: Phrase) -> tuple[int, int, bool, bool, int, int]:
        names_concern = bool(concern and concern.search(p.text.lower()))
        # the speaker's own things ("my house, my rules") after the other person's
        speakers = p.text.split()[0].lower() in ("my", "our")
        # place and time ("in the house") come after the rest, unless they name the worry
        return (
            int(p.weak),
            min(p.lead, _NO_PREPOSITION),
            speakers,
            not names_concern,
            p.lead,
            p.start,
        )

    return min(candidates, key=rank).text


def content_words(text: str) -> list[str]:
    """The words of ``text`` that are not function words."""
    return [t for t in _tokens(text) if _continues(t)]
