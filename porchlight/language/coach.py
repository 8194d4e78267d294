"""The conversation coach: read what a supporter plans to say and help them say it well.

``analyse_message(text)`` splits the message into sentences and, for each,
gives the MI behaviour (from the AnnoMI-trained classifier, adjusted by a few
explicit rules below), MI-consistent labels, Gordon's roadblocks with the
words that triggered them, a short "how it may land" note and up to three
better ways to say it. For the whole message it adds a MITI-style summary
(questions vs reflections, % open questions, % complex reflections,
roadblocks) and a CRAFT positive-communication check.

``to_json(result, id)`` gives the ``porchlight coach`` line
``{"id", "behaviour", "labels", "roadblocks", "suggestions"}``:

- ``behaviour`` is the behaviour of the whole message: the classifier reads
  the message as one utterance, the way AnnoMI's coders labelled a
  therapist's turn (see ``message_behaviour``). Reading it whole scored
  better on AnnoMI than any way we tried of combining the sentences'
  behaviours (the first substantive sentence, the last, a learned mix of
  whole and sentences; ``benchmarks/coach.py``). Two of the sentence rules
  below carry over to the message, because on AnnoMI they cost nothing and
  on our supporter sentences they fix many reflections the classifier saw
  where there were none: an "I" statement (rule 5) and, for a one-sentence
  message whose every sentence has a judging roadblock the patterns found
  (rule 3, narrowed: ``MESSAGE_ROADBLOCKS``); and one message rule of its
  own: a message that only supports their choice, offers help or gives
  information (``OWN_VOICE_LABELS``) is not a reflection.
- ``labels`` and ``roadblocks`` are the union over sentences, in the
  contract's order; ``suggestions`` the first three rewrites, taken from the
  sentences that have roadblocks, in order.

Behaviour rules on top of the classifier for each sentence (it learned from
therapists, who rarely give orders or use "?" for statements); they decide
what each sentence is in the report and the MITI-style summary:

1. nothing to read (no letters or digits): ``other``;
2. a sentence ending in "?" is a ``question`` unless the classifier calls it
   a reflection and it does not open with a question word (MI coders count
   "So you're sick of this?" as a reflection);
3. a sentence with a directive or judging roadblock (everything except
   interrogating) is not a reflection, however much it talks about "you":
   the classifier's ``reflection`` becomes ``therapist_input``;
4. a statement the patterns recognise as a reflection, which the classifier
   called ``other`` or ``therapist_input``, becomes ``reflection``.
5. a statement the patterns read as the speaker's own feeling or wish (an
   "I" statement, not a reflection), which the classifier called a
   reflection, becomes ``other``: "I'm worried about you" speaks from the
   supporter's side; it does not say back what the other person means.

Input is treated as plain text. Nothing is interpreted as HTML; the web app
escapes on render. Very long input is cut at ``MAX_CHARS`` (at a sentence or
word boundary) and the result says so.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import asdict, dataclass, field

from porchlight.language import behaviour as behaviour_model
from porchlight.language import labels as label_rules
from porchlight.language import patterns
from porchlight.language import roadblocks as roadblock_rules
from porchlight.language.labels import LABEL_NAMES
from porchlight.language.roadblocks import ROADBLOCK_NAMES, Roadblock
from porchlight.language.sentences import split_sentences
from porchlight.language.suggestions import bank, suggest

MAX_CHARS = 5000
MAX_SENTENCES = 80
BEHAVIOURS = behaviour_model.LABELS
# A message every sentence of which has one of these roadblocks, found by the
# patterns, is not a reflection (ordering counts when it opens the sentence: "You
# have to stop drinking."). Chosen on AnnoMI out-of-fold predictions, where each
# flipped about as many right answers as wrong ones, and on coach_supporter_dev.jsonl,
# where they fix reflections the classifier saw in "you" sentences. Ordering anywhere
# else is left out: inside a therapist's reflection "you have to ..." is usually
# reported speech, and there it flipped four times as many right answers as wrong.
# A message every sentence of which the patterns read as support for their choice,
# an offer of help or information (and none as a reflection) is not a reflection:
# it says what you offer, not what they mean. Affirmations are not in the list:
# AnnoMI's coders often coded a therapist's affirmation as a reflection, and there
# the rule flipped twice as many right answers as wrong.
OWN_VOICE_LABELS = frozenset({"autonomy", "offering_support", "information"})
MESSAGE_ROADBLOCKS = frozenset(
    {
        "advising",
        "arguing",
        "blaming",
        "dismissing",
        "generalizing",
        "labeling",
        "moralizing",
        "sarcasm",
        "threatening",
    }
)

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u2028\u2029\ufeff]")
_WORD = re.compile(r"\w+", re.UNICODE)
_ENGLISH = frozenset(
    [
        "i",
        "you",
        "the",
        "a",
        "an",
        "and",
        "to",
        "of",
        "is",
        "are",
        "it",
        "that",
        "this",
        "my",
        "your",
        "me",
        "we",
        "not",
        "do",
        "be",
        "have",
        "was",
        "in",
        "on",
        "for",
        "with",
        "what",
        "how",
        "so",
        "just",
        "can",
        "will",
        "am",
        "at",
        "but",
        "if",
    ]
)
_QUESTION_START = re.compile(
    r"^(?:(?:so|and|okay|ok|well),? )?(?:what|how|why|where|when|which|who|whose|do|does|did|is|"
    r"are|can|could|would|will|have|has|should)\b"
)


@dataclass
class SentenceAnalysis:
    text: str
    start: int
    end: int
    behaviour: str
    model_behaviour: str
    probabilities: dict[str, float]
    question_type: str | None
    reflection_type: str | None
    labels: list[str]
    roadblocks: list[Roadblock]
    lands: str
    suggestions: list[str]
    instead: str | None = None
    behaviour_rule: str | None = None  # which rule changed the classifier's answer

    @property
    def roadblock_names(self) -> list[str]:
        return [r.name for r in self.roadblocks]

    @property
    def substantive(self) -> bool:
        return self.behaviour != "other" and len(_WORD.findall(self.text)) >= 3


@dataclass
class Summary:
    """MITI-style counts over the message."""

    sentences: int
    questions: int
    open_questions: int
    closed_questions: int
    reflections: int
    complex_reflections: int
    simple_reflections: int
    percent_open_questions: float | None
    percent_complex_reflections: float | None
    reflection_to_question_ratio: float | None
    roadblocks: dict[str, int]
    mi_adherent: int  # affirmations, asking permission, autonomy, offers of support
    mi_non_adherent: int  # sentences with at least one roadblock
    notes: list[str] = field(default_factory=list)


@dataclass
class CraftCheck:
    key: str
    title: str
    passed: bool
    reason: str


@dataclass
class MessageAnalysis:
    text: str  # the text that was analysed (after the length cap)
    sentences: list[SentenceAnalysis]
    summary: Summary
    craft: list[CraftCheck]
    truncated: bool = False
    original_length: int = 0
    notes: list[str] = field(default_factory=list)
    # The classifier's reading of the whole message, and the rule that changed it.
    message_model_behaviour: str = "other"
    message_probabilities: dict[str, float] = field(default_factory=dict)
    message_behaviour_rule: str | None = None

    @property
    def behaviour(self) -> str:
        return message_behaviour(self)

    @property
    def labels(self) -> list[str]:
        found = {lab for s in self.sentences for lab in s.labels}
        return [lab for lab in LABEL_NAMES if lab in found]

    @property
    def roadblocks(self) -> list[str]:
        found = {r.name for s in self.sentences for r in s.roadblocks}
        return [r for r in ROADBLOCK_NAMES if r in found]

    @property
    def suggestions(self) -> list[str]:
        """Up to three ways to say the whole message.

        Each run of neighbouring sentences with roadblocks is replaced by one rewrite
        (of the run read together, a different one for each way and for each run),
        and every other sentence is kept as the speaker wrote it.
        """
        runs: list[list[SentenceAnalysis]] = []
        for s in self.sentences:
            if not s.roadblocks:
                continue
            if runs and runs[-1][-1].end == _previous_end(self.sentences, s):
                runs[-1].append(s)
            else:
                runs.append([s])
        rewrites = [(run, self._run_suggestions(run)) for run in runs]
        rewrites = [(run, options) for run, options in rewrites if options]
        out: list[str] = []
        for k in range(max((len(options) for _, options in rewrites), default=0)):
            parts, end, used = [], 0, set()
            for run, options in rewrites:
                rotated = options[k:] + options[:k]
                choice = next((o for o in rotated if o not in used), rotated[0])
                used.add(choice)
                parts += [self.text[end : run[0].start], choice]
                end = run[-1].end
            rewrite = "".join([*parts, self.text[end:]]).strip()
            if rewrite not in out:
                out.append(rewrite)
        return out[:3]

    def _run_suggestions(self, run: list[SentenceAnalysis]) -> list[str]:
        """Rewrites for neighbouring sentences with roadblocks, read together."""
        if len(run) == 1:
            return run[0].suggestions
        found = [r for s in run for r in s.roadblocks]
        text = self.text[run[0].start : run[-1].end]
        rank = {name: i for i, name in enumerate(roadblock_rules.PRIORITY)}
        ordered = sorted(
            found, key=lambda r: rank.get(r.name, len(rank))
        )  # stable: every request kept
        return suggest(text, ordered, context=self.text)


def _previous_end(sentences: list[SentenceAnalysis], sentence: SentenceAnalysis) -> int:
    """Where the sentence before ``sentence`` ends (-1 for the first)."""
    index = sentences.index(sentence)
    return sentences[index - 1].end if index else -1


def _clean(text: str) -> str:
    """Same length as the input (offsets stay valid): control characters become spaces."""
    return _CONTROL.sub(" ", text)


def _cap(text: str) -> tuple[str, bool]:
    if len(text) <= MAX_CHARS:
        return text, False
    cut = text[:MAX_CHARS]
    boundary = max(cut.rfind(". "), cut.rfind("? "), cut.rfind("! "), cut.rfind("\n"))
    if boundary > MAX_CHARS // 2:
        return cut[: boundary + 1], True
    space = cut.rfind(" ")
    return (cut[:space] if space > MAX_CHARS // 2 else cut), True


def _has_content(sentence: str) -> bool:
    return any(unicodedata.category(ch)[0] in "LN" for ch in sentence)


def _language_note(text: str) -> str | None:
    letters = [ch for ch in text if ch.isalpha()]
    if len(letters) < 12:
        return None
    latin = sum(1 for ch in letters if ch.isascii())
    tokens = [w.lower() for w in _WORD.findall(text)]
    english = sum(1 for w in tokens if w in _ENGLISH)
    if latin / len(letters) < 0.6 or (len(tokens) >= 5 and english / len(tokens) < 0.08):
        return (
            "This does not look like English. The coach only understands English, "
            "so treat these results with care."
        )
    return None


def _final_behaviour(
    sentence: str,
    canon: patterns.Canonical,
    pred: behaviour_model.BehaviourPrediction,
    roadblocks: list[Roadblock],
    labels: list[str],
) -> tuple[str, str | None]:
    model = pred.behaviour
    is_question = label_rules.ends_with_question(sentence)
    if (
        is_question
        and model != "question"
        and (model != "reflection" or _QUESTION_START.search(canon.text))
    ):
        return "question", "ends with a question mark"
    if model == "reflection" and any(r.name != "interrogating" for r in roadblocks):
        return "therapist_input", ROADBLOCK_RULE
    if (
        not is_question
        and model in ("other", "therapist_input")
        and "reflection" in labels
        and not roadblocks
    ):
        return "reflection", "reflective wording"
    if model == "reflection" and "i_statement" in labels and "reflection" not in labels:
        return "other", I_STATEMENT_RULE
    return model, None


ROADBLOCK_RULE = "a roadblock is not a reflection"
I_STATEMENT_RULE = "an \u201cI\u201d statement speaks from your side"
OWN_VOICE_RULE = "an offer or their choice, not a reflection"


def _empty_prediction() -> behaviour_model.BehaviourPrediction:
    probs = dict.fromkeys(BEHAVIOURS, 0.0)
    probs["other"] = 1.0
    return behaviour_model.BehaviourPrediction("other", probs)


def analyse_sentence(text: str, start: int = 0, context: str = "") -> SentenceAnalysis:
    """One sentence; ``context`` (the whole message) lends a topic to a sentence that names none."""
    canon = patterns.canonical(text)
    if not _has_content(text):
        pred = _empty_prediction()
        return SentenceAnalysis(
            text, start, start + len(text), "other", "other", pred.probabilities,
            None, None, [], [], "Nothing here to analyse: no words.", [],
        )  # fmt: skip
    pred = behaviour_model.classify(text)
    found = roadblock_rules.find_roadblocks(text, canon)
    labs = label_rules.find_labels(text, pred, bool(found), canon)
    final, rule = _final_behaviour(text, canon, pred, found, labs)
    if final != "question":
        labs = [lab for lab in labs if lab not in label_rules.QUESTION_LABELS] or labs
        if final != "question" and not label_rules.ends_with_question(text):
            labs = [lab for lab in labs if lab not in label_rules.QUESTION_LABELS]
    if final == "question" and not set(labs) & label_rules.QUESTION_LABELS:
        qtype = pred.question_type or (
            "open" if pred.question_open_probability >= 0.5 else "closed"
        )
        labs = [lab for lab in LABEL_NAMES if lab in {*labs, f"{qtype}_question"}]
    question_type = None
    if final == "question":
        question_type = "open" if "open_question" in labs else "closed"
    reflection_type = None
    if final == "reflection":
        reflection_type = "complex" if pred.reflection_complex_probability >= 0.5 else "simple"
    if found:
        lands = roadblock_rules.describe(found[0].name)["lands"].strip()
        instead = bank(found[0].name).get("instead")
    elif labs:
        lands = label_rules.describe(labs[0])["note"].strip()
        instead = None
    else:
        lands = "Nothing here that is likely to put them on the defensive."
        instead = None
    return SentenceAnalysis(
        text=text,
        start=start,
        end=start + len(text),
        behaviour=final,
        model_behaviour=pred.behaviour,
        probabilities={k: round(v, 4) for k, v in pred.probabilities.items()},
        question_type=question_type,
        reflection_type=reflection_type,
        labels=labs,
        roadblocks=found,
        lands=lands,
        suggestions=suggest(text, found, canon, context=context),
        instead=instead,
        behaviour_rule=rule,
    )


def _summary(sentences: list[SentenceAnalysis]) -> Summary:
    questions = [s for s in sentences if s.behaviour == "question"]
    reflections = [s for s in sentences if s.behaviour == "reflection"]
    n_open = sum(1 for s in questions if s.question_type == "open")
    n_complex = sum(1 for s in reflections if s.reflection_type == "complex")
    roadblocks = Counter(r.name for s in sentences for r in s.roadblocks)
    adherent = {"affirmation", "asking_permission", "autonomy", "offering_support"}
    summary = Summary(
        sentences=len(sentences),
        questions=len(questions),
        open_questions=n_open,
        closed_questions=len(questions) - n_open,
        reflections=len(reflections),
        complex_reflections=n_complex,
        simple_reflections=len(reflections) - n_complex,
        percent_open_questions=round(100 * n_open / len(questions), 1) if questions else None,
        percent_complex_reflections=round(100 * n_complex / len(reflections), 1)
        if reflections
        else None,
        reflection_to_question_ratio=round(len(reflections) / len(questions), 2)
        if questions
        else None,
        roadblocks={r: roadblocks[r] for r in ROADBLOCK_NAMES if roadblocks[r]},
        mi_adherent=sum(1 for s in sentences for lab in s.labels if lab in adherent),
        mi_non_adherent=sum(1 for s in sentences if s.roadblocks),
    )
    if len(questions) >= 3 and not reflections:
        summary.notes.append(
            "Several questions and no reflection: it may feel like an interrogation. "
            "Try saying back what you heard between questions."
        )
    if questions and len(reflections) < len(questions) and len(questions) >= 2:
        summary.notes.append(
            "MI practitioners aim for more reflections than questions (about two to one)."
        )
    if len(questions) >= 2 and n_open < len(questions) / 2:
        summary.notes.append("Most questions are closed; an open question invites more.")
    return summary


def _craft(sentences: list[SentenceAnalysis]) -> list[CraftCheck]:
    _, craft_rules = patterns.load_rules("craft.yaml")
    extra: dict[str, str] = {}
    for s in sentences:
        for hit in patterns.match(craft_rules, s.text):
            if not s.roadblocks:
                extra.setdefault(hit.category, hit.evidence)

    def first(label: str) -> SentenceAnalysis | None:
        return next((s for s in sentences if label in s.labels), None)

    blocked = [s for s in sentences if s.roadblocks]
    if not sentences:
        positive = CraftCheck("positive", "Positive", False, "There is nothing to check yet.")
    elif blocked:
        r = blocked[0].roadblocks[0]
        positive = CraftCheck(
            "positive",
            "Positive",
            False,
            f"{r.title} (\u201c{r.evidence}\u201d) can be heard as criticism.",
        )
    else:
        positive = CraftCheck(
            "positive", "Positive", True, "No criticism, orders or put-downs found."
        )
    checks = [positive]
    i_st = first("i_statement")
    checks.append(
        CraftCheck(
            "i_statement",
            "\u201cI\u201d statement",
            i_st is not None,
            f"\u201c{i_st.text}\u201d speaks from your side."
            if i_st
            else "No sentence says how you feel or what you want (\u201cI feel\u2026\u201d, "
            "\u201cI'm worried\u2026\u201d).",
        )
    )
    refl = first("reflection")
    if refl:
        reason = f"\u201c{refl.text}\u201d reflects their side."
    elif "understanding" in extra:
        reason = f"\u201c{extra['understanding']}\u201d shows you understand."
    else:
        reason = "Nothing shows you understand how they see it or feel; a reflection would."
    checks.append(
        CraftCheck(
            "understanding",
            "Shows understanding",
            refl is not None or "understanding" in extra,
            reason,
        )
    )
    share = extra.get("shares_responsibility")
    checks.append(
        CraftCheck(
            "shares_responsibility",
            "Shares responsibility",
            share is not None,
            f"\u201c{share}\u201d owns your part."
            if share
            else "Nothing owns any part of the problem (e.g. \u201cI know I've been short "
            "with you too\u201d). Optional, but it lowers defences.",
        )
    )
    offer = first("offering_support")
    checks.append(
        CraftCheck(
            "offers_help",
            "Offers help",
            offer is not None,
            f"\u201c{offer.text}\u201d offers help."
            if offer
            else "No offer of help (\u201cI'm here\u201d, \u201cI can drive you\u201d).",
        )
    )
    return checks


def analyse_message(text: str) -> MessageAnalysis:
    """Analyse a message a supporter plans to say. Never raises on any string."""
    if text is None:
        text = ""
    if not isinstance(text, str):
        text = str(text)
    original_length = len(text)
    cleaned = _clean(text)
    capped, truncated = _cap(cleaned)
    notes: list[str] = []
    if truncated:
        notes.append(
            f"Only the first {len(capped):,} of {original_length:,} characters were "
            "analysed. Try the coach on a shorter message, a few sentences at a time."
        )
    spans = split_sentences(capped)
    if len(spans) > MAX_SENTENCES:
        notes.append(f"Only the first {MAX_SENTENCES} sentences were analysed.")
        spans = spans[:MAX_SENTENCES]
        truncated = True
    if not spans:
        notes.append("There is nothing to analyse yet: write what you would like to say.")
    lang = _language_note(capped)
    if lang:
        notes.append(lang)
    sentences = [analyse_sentence(sp.text, sp.start, context=capped) for sp in spans]
    if spans and not any(_has_content(sp.text) for sp in spans):
        notes.append("There are no words to analyse, only symbols or emoji.")
    whole = (
        behaviour_model.classify(" ".join(s.text for s in sentences))
        if any(_has_content(s.text) for s in sentences)
        else _empty_prediction()
    )
    return MessageAnalysis(
        text=capped,
        sentences=sentences,
        summary=_summary(sentences),
        craft=_craft(sentences),
        truncated=truncated,
        original_length=original_length,
        notes=notes,
        message_model_behaviour=whole.behaviour,
        message_probabilities={k: round(v, 4) for k, v in whole.probabilities.items()},
        message_behaviour_rule=_message_rule(whole.behaviour, sentences),
    )


def _message_rule(model: str, sentences: list[SentenceAnalysis]) -> str | None:
    """The message-level rule that changes the classifier's reading, if any (see above)."""
    if model != "reflection":
        return None
    labels = {lab for s in sentences for lab in s.labels}
    if "i_statement" in labels and "reflection" not in labels:
        return I_STATEMENT_RULE
    own = [set(s.labels) & OWN_VOICE_LABELS for s in sentences]
    if all(own) and "reflection" not in labels:
        return OWN_VOICE_RULE
    if all(
        any(
            r.source == "pattern"
            and (r.name in MESSAGE_ROADBLOCKS or (r.name == "ordering" and r.start == 0))
            for r in s.roadblocks
        )
        for s in sentences
    ):
        return ROADBLOCK_RULE
    return None


def message_behaviour(result: MessageAnalysis) -> str:
    """Behaviour of the whole message (see the module docstring)."""
    if result.message_behaviour_rule == OWN_VOICE_RULE:
        gives = any({"information", "offering_support"} & set(s.labels) for s in result.sentences)
        return "therapist_input" if gives else "other"
    if result.message_behaviour_rule == I_STATEMENT_RULE:
        return "other"
    if result.message_behaviour_rule == ROADBLOCK_RULE:
        return "therapist_input"
    return result.message_model_behaviour


def to_json(result: MessageAnalysis, id: object = None) -> dict:
    """The ``porchlight coach`` output line for one message."""
    return {
        "id": id,
        "behaviour": result.behaviour,
        "labels": result.labels,
        "roadblocks": result.roadblocks,
        "suggestions": result.suggestions,
    }


def to_dict(result: MessageAnalysis) -> dict:
    """Everything, as plain JSON-ready data (for the web app or debugging)."""
    return asdict(result) | {
        "behaviour": result.behaviour,
        "labels": result.labels,
        "roadblocks": result.roadblocks,
        "suggestions": result.suggestions,
    }
