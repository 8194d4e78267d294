"""What they did, in the speaker's own words: "You always cancel" -> "you cancel".

Some messages name no thing at all; the verb is what they are about ("You always
cancel", "you never listen", "You can't keep slamming doors"). A rewrite keeps
that by describing the behaviour as an I-message does ("When you cancel, I feel
hurt"). The clause is copied from the sentence, with only what made it a
roadblock taken out:

- "always", "constantly", "just" and the like are dropped;
- "can't" and "cannot" (a prohibition) are dropped: "You can't scream at me" ->
  "you scream at me";
- "never" before a plain verb becomes "don't": "you never listen" -> "you don't
  listen" (before a past form the clause is not used: no verb is re-inflected).

A clause is not used when it is a threat, an order or a condition ("you will",
"you need to", "if you", "or you"), says what they are ("you're so selfish"),
or what they think or know ("you know it's not"). It runs from "you" to the
first punctuation or conjunction, at most ``MAX_WORDS`` words.
"""

from __future__ import annotations

import re
from itertools import pairwise

from porchlight.language.topics import FUNCTION_WORDS, words

_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9'\u2019-]*|[^\sA-Za-z0-9]")
MAX_WORDS = 10
_SUBJECTS = words("you u ye")
# "you" opens the clause at the start, after punctuation or after one of these.
_BEFORE_SUBJECT = words("and but so when because cos coz then now")
# Dropped: they make a generalisation or a prohibition of the clause.
_DROPPED = words(
    "always constantly continually forever just still really literally seriously even also "
    "only can't cant cannot"
)
_NEVER = "never"
# After "you", these make a threat, an order, advice or a state: no behaviour.
_NOT_A_BEHAVIOUR = words(
    """
    will would should must need needs have to better could might may shall can gotta gonna
    wanna ought 'll you'll you'd you'll know think mean see feel want like look seem sound
    understand realise realize deserve find get go owe are is am be being was were 're
    you're youre ur r aren't isn't wasn't weren't don't didn't guys people lot
    """
)
# Allowed after "you" in place of a plain verb: the clause keeps them as written.
_AUXILIARIES = words("keep kept have has haven't hasn't you've")
_PROGRESSIVE = words("are you're youre were")  # "you're drinking every night"
_STOPS = words(
    """
    and but or nor because cos coz so then until till when while if unless before whereas
    though although since
    """
)
_TRAILING = words(
    """
    a an the to of at in on for with from by about that this my your his her their our
    i it it's its is are was were and or but you're i'm
    eh right huh
    """
)
_EMPHATIC = words("do does did")
# A question about what they do: "Why do you always cancel?", "Why are you drinking again?"
# ("why did you" is left: its verb would need re-inflecting).
_ASKED = words("do are")
_WHY = frozenset({"why", "how come"})
_TAGS = words("didn't didnt don't dont isn't isnt aren't arent wasn't wasnt haven't havent innit")
_COMPARING = words("exactly just behaving acting act behave totally literally")
_TEXTING = words("ur r w rn im dont cant wont hrs hr mins yrs bc cuz tho ya lol")
_PAST = words(
    """
    said went came told did made took gave got saw left kept brought bought thought felt
    spent lost broke stole ate drank drove ran sat stood wrote sent threw hid forgot
    """
)


def behaviour(sentence: str) -> str | None:
    """The first clause of ``sentence`` saying what "you" did, made fit for "When ..., I
    feel ...", or None."""
    tokens = [t.replace("\u2019", "'") for t in _TOKEN.findall(sentence)]
    lowered = [t.lower() for t in tokens]
    for i, token in enumerate(lowered):
        if token not in _SUBJECTS:
            continue
        before = lowered[i - 1] if i else ""
        asked = before in _ASKED and i > 1 and " ".join(lowered[max(0, i - 3) : i - 1]) in _WHY
        if i and before[:1].isalnum() and before not in _BEFORE_SUBJECT and not asked:
            continue
        if any(w in ("if", "unless", "or", "either", "otherwise") for w in lowered[:i]):
            return None  # a condition or an ultimatum: the threat is not a behaviour
        clause = _clause(tokens, lowered, i + 1, asked=before if asked else "")
        if clause:
            return clause
    return None


def _clause(tokens: list[str], lowered: list[str], j: int, asked: str = "") -> str | None:
    """The clause from token ``j``, after "you"; ``asked`` is the verb a question put before
    "you" ("Why are you drinking again" -> "you are drinking again")."""
    if asked == "are":
        nxt = next((w for w in lowered[j:] if w not in _DROPPED), "")
        if not (nxt.endswith("ing") and len(nxt) > 4) or nxt == "being":
            return None
        tokens, lowered = ["are", *tokens[j:]], ["are", *lowered[j:]]
        j = 0
    out = ["you"]
    negated = False
    while j < len(tokens) and (lowered[j] in _DROPPED or lowered[j] == _NEVER):
        negated = negated or lowered[j] == _NEVER
        j += 1
    if j >= len(tokens) or not tokens[j][:1].isalpha():
        return None
    verb = lowered[j]
    if verb in _PROGRESSIVE:
        nxt = lowered[j + 1] if j + 1 < len(tokens) else ""
        if negated or not (nxt.endswith("ing") and len(nxt) > 4) or nxt == "being":
            return None  # "you're so selfish", "you are being dramatic"
    elif (verb in _NOT_A_BEHAVIOUR or verb in FUNCTION_WORDS) and verb not in _AUXILIARIES:
        return None  # "you ok", "you will", "you know"
    if negated:
        if verb in _PAST or verb.endswith("ed") or verb in _AUXILIARIES:
            return None  # "you never called": no verb is re-inflected
        out.append("don't")
    while j < len(tokens) and tokens[j][:1].isalnum() and lowered[j] not in _STOPS:
        if lowered[j : j + 2] == ["every", "time"] or (len(out) > 1 and lowered[j] in _TAGS):
            break  # "every time I ...", a tag question ("didnt you")
        if lowered[j] in _TEXTING:
            return None  # texting spellings: not reused in the coach's own sentence
        if len(out) == 2 and lowered[j] in ("is", "are", "was", "were"):
            return None  # "you cannot say is nothing": the clause has lost its subject
        word = {"u": "you", "i": "I"}.get(lowered[j], lowered[j])
        out.append(tokens[j] if tokens[j][:1].isupper() and word not in ("you", "I") else word)
        j += 1
    if j < len(tokens) and tokens[j] in "'\"\u2018\u201c":
        return None  # cut at their quoted words: what is left does not say what they did
    while len(out) > 2 and out[-1] in _TRAILING:
        out.pop()
    if len(out) < 2 or len(out) > MAX_WORDS or out[-1] in _DROPPED | _AUXILIARIES | _EMPHATIC:
        return None  # "Yes you do": nothing said of what they did
    if any(w == "like" and v in _COMPARING for v, w in pairwise(out)):
        return None  # "you are behaving exactly like your brother": a comparison, a put-down
    return " ".join(out)
