"""What a sentence is about, in the speaker's own words.

A rewrite that keeps the subject says the same thing the speaker was talking
about: "the rent money", "your phone", "the five kettles". The old approach
mapped keywords to stock phrases ("doctor" -> "the medication") and so changed
the subject. Here the topic is a noun phrase copied from the sentence itself:

- a phrase opened by a possessive or a determiner ("your drinking", "the
  garage", "all those boxes") and closed by the first function word, common
  verb or punctuation after it, at most four words;
- the phrase after "about", "with", "of" or "on" is preferred, then one holding
  a word from the concern patterns in ``_slots.yaml``, then the first found;
- vague heads ("the way", "your whole life", "the same") are skipped.

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
    fifty sixty hundred hundreds thousand thousands dozen dozens
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
    many lot lots enough each either neither both other another same whole own don't doesn't
    didn't won't wouldn't can't couldn't isn't aren't wasn't weren't haven't hasn't hadn't
    shouldn't mustn't let let's please ok okay yes yeah oh well like right back away here there
    clearly
    """
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
    tries tried smell smells smelled stink stinks stank fill fills filled
    """
)
_VAGUE_HEADS = _words(
    """
    way ways time times thing things stuff life day days night age fault problem problems story
    same whole point matter reason one ones bit lot kind sort rest end other others family world
    everyone everything anything something nothing someone anyone weekend weekends week weeks
    month months year years morning evening night nights hour hours minute minutes
    """
)
# After "that" or "this", these make a degree phrase ("that bad"), not a thing.
_DEGREE = _words(
    """
    bad hard good big much long far easy simple serious important obvious true stupid hard late
    early often many little old young sure sad scared angry upset worried tired bothered
    """
)
_TITLES = _words("dr mr mrs ms miss prof sir")
_ANCHORS = frozenset({"about", "with", "of", "on", "over"})
MAX_WORDS = 4


@dataclass(frozen=True)
class Phrase:
    text: str
    after_anchor: bool
    start: int  # token index, for order


def _tokens(sentence: str) -> list[str]:
    return [t.replace("\u2019", "'") for t in _WORD.findall(sentence)]


def _is_word(token: str) -> bool:
    return token[:1].isalnum()


def _phrase_at(tokens: list[str], i: int) -> str | None:
    """The phrase opened at token ``i``, or None."""
    opener = tokens[i].lower()
    words = [tokens[i]]
    j = i + 1
    if opener == "all":  # only "all those boxes", "all your stuff"
        if j >= len(tokens) or tokens[j].lower() not in OPENERS - {"all"}:
            return None
        words.append(tokens[j])
        j += 1
    while j < len(tokens) and len(words) < MAX_WORDS:
        token = tokens[j]
        lowered = token.lower()
        if not _is_word(token) or lowered in _FUNCTION or lowered in _VERBS or lowered in OPENERS:
            break
        if lowered.rstrip(".") in _TITLES:  # "the pills Dr. Patel gave you"
            break
        words.append(token)
        j += 1
    content = words[1:] if words[1:2] and words[1].lower() not in OPENERS else words[2:]
    if not content or len(content) > MAX_WORDS - 1:
        return None
    head = content[-1].lower().strip("'")
    if head in _VAGUE_HEADS or head.isdigit():
        return None
    if opener in ("that", "this") and content[0].lower() in _DEGREE:  # "that bad", "this hard"
        return None
    if opener == _HER and len(content) < 1:
        return None
    if opener in OPENERS or opener in NUMBERS or opener == "ur":
        words[0] = opener  # "Your job" in the middle of a rewrite reads "your job"
    return " ".join(words)


def _opens(word: str, following: str) -> bool:
    """Whether ``word`` can open a topic phrase, given the word after it."""
    if word in OPENERS or word in NUMBERS:
        return True
    if word == _HER:  # "her drinking", not "asking her for money"
        return bool(following) and following not in _FUNCTION
    if word == "ur":  # texting: "ur phone" (your), not "ur scaring her" (you're)
        return bool(following) and not following.endswith("ing") and following not in _FUNCTION
    # a name's possessive: "Emma's graduation", "Dad's retirement"
    return word.endswith("'s") and word[:-2] not in _FUNCTION and word[:-2].isalpha()


def phrases(sentence: str) -> list[Phrase]:
    """Every noun phrase the sentence offers as its topic, in order."""
    tokens = _tokens(sentence)
    found: list[Phrase] = []
    taken_until = -1
    for i, token in enumerate(tokens):
        if i <= taken_until:
            continue
        lowered = token.lower()
        if not _opens(lowered, tokens[i + 1].lower() if i + 1 < len(tokens) else ""):
            continue
        text = _phrase_at(tokens, i)
        if text is None:
            continue
        anchored = i > 0 and tokens[i - 1].lower() in _ANCHORS
        found.append(Phrase(text=text, after_anchor=anchored, start=i))
        taken_until = i + len(text.split()) - 1
    return found


def own_words_topic(sentence: str, concern: re.Pattern[str] | None = None) -> str | None:
    """The best topic phrase copied from ``sentence``, or None.

    ``concern`` (one pattern joining the concern words) lifts a phrase that
    names the worry ("your drinking") above one that does not ("the car").
    """
    candidates = phrases(sentence)
    if not candidates:
        return None

    def rank(p: Phrase) -> tuple[int, int, int]:
        names_concern = bool(concern and concern.search(p.text.lower()))
        return (0 if p.after_anchor else 1, 0 if names_concern else 1, p.start)

    return min(candidates, key=rank).text
