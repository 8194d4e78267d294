from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from porchlight.circles.access import circle_context, circle_view
from porchlight.circles.models import Membership
from porchlight.content import crisis_lines as helplines
from porchlight.content import library
from porchlight.core.permissions import Permission
from porchlight.directory.listing import playbook_groups
from porchlight.safety import personal_safety
from porchlight.safety.forms import SafeForYouForm
from porchlight.understand import engine, services
from porchlight.understand.forms import (
    AdjustBarriersForm,
    ArticleGateQuery,
    BarrierQuestionsForm,
    LearnQuery,
    ResetForm,
    StageForm,
)
from porchlight.understand.models import StageRecord


@circle_view(Permission.VIEW_PLANS)
def overview(request: HttpRequest, membership: Membership) -> HttpResponse:
    understanding = services.current(membership.circle)
    scoring = engine.load_content().scoring
    context: dict[str, Any] = {**circle_context(membership), "understanding": understanding}
    if understanding is not None:
        playbook = understanding.playbook
        titles = {s.id: s.title for s in scoring.stages}
        stage_id = (
            understanding.stage.stage if understanding.stage else understanding.assessment.stage.id
        )
        context.update(
            {
                "barriers": [
                    (barrier, scoring.barrier(barrier.id))
                    for barrier in understanding.assessment.barriers
                ],
                "adjusted": [
                    scoring.barrier(b) for b in understanding.answers.adjusted_barriers or []
                ],
                "stage": scoring.stage(stage_id),
                "estimate": understanding.assessment.stage,
                "relapse": scoring.relapse
                if understanding.stage and understanding.stage.recent_relapse
                else None,
                "flags": [scoring.flag(f.id) for f in understanding.assessment.flags],
                "sections": [
                    ("Try next", playbook.next_steps),
                    ("What tends to backfire", playbook.avoid),
                    ("Approaches that fit", playbook.techniques),
                    ("When to bring in a professional", playbook.professional_help),
                    (
                        "Support for you",
                        playbook_groups(
                            playbook.support_groups, country=str(membership.circle.country)
                        ),
                    ),
                    ("Patterns you may notice", playbook.patterns),
                ],
                "history": [
                    (record, titles.get(record.stage, record.stage))
                    for record in StageRecord.objects.filter(circle=membership.circle)[:20]
                ],
            }
        )
        gated = any(item.violence_caution for _, items in context["sections"] for item in items)
        context["safety_gate"] = personal_safety.gate(membership) if gated else "safe"
        context["directory"] = helplines.get_country(str(membership.circle.country))
        if context["safety_gate"] == "ask":
            context["form"] = SafeForYouForm(
                initial={"next": request.path}, name=membership.circle.name
            )
    return render(request, "understand/overview.html", context)


@circle_view(Permission.EDIT_PLANS)
def questions(request: HttpRequest, membership: Membership) -> HttpResponse:
    previous = services.current(membership.circle)
    form = BarrierQuestionsForm(
        request.POST if request.method == "POST" else None,
        initial=previous.answers.answers if previous else None,
    )
    if request.method == "POST" and form.is_valid():
        services.save_answers(circle=membership.circle, author=request.user, answers=form.answers())
        messages.success(request, "Here is what may be in the way, and what to try.")
        return redirect("understand:overview", circle_id=membership.circle_id)
    return render(
        request, "understand/questions.html", {**circle_context(membership), "form": form}
    )


@circle_view(Permission.EDIT_PLANS)
def adjust(request: HttpRequest, membership: Membership) -> HttpResponse:
    understanding = services.current(membership.circle)
    if understanding is None:
        return redirect("understand:questions", circle_id=membership.circle_id)
    scored = understanding.assessment.barrier_ids
    chosen = understanding.answers.adjusted_barriers
    form = AdjustBarriersForm(
        request.POST if request.method == "POST" else None,
        initial={"barriers": chosen if chosen is not None else list(scored)},
    )
    if request.method == "POST" and ResetForm(request.POST).wanted():
        services.adjust_barriers(answers=understanding.answers, barriers=None)
        messages.success(request, "The map follows your answers again.")
        return redirect("understand:overview", circle_id=membership.circle_id)
    if request.method == "POST" and form.is_valid():
        services.adjust_barriers(answers=understanding.answers, barriers=form.ordered(scored))
        messages.success(request, "Your map and playbook now follow your choice.")
        return redirect("understand:overview", circle_id=membership.circle_id)
    return render(request, "understand/adjust.html", {**circle_context(membership), "form": form})


@circle_view(Permission.EDIT_PLANS)
def stage(request: HttpRequest, membership: Membership) -> HttpResponse:
    form = StageForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        services.choose_stage(
            circle=membership.circle,
            author=request.user,
            stage=form.cleaned_data["stage"],
            relapse=form.cleaned_data["relapse"],
        )
        messages.success(request, "Stage updated. Its history is kept below.")
        return redirect("understand:overview", circle_id=membership.circle_id)
    return render(
        request,
        "understand/stage.html",
        {
            **circle_context(membership),
            "form": form,
            "stages": engine.load_content().scoring.stages,
        },
    )


# --- The learn library (public: useful to share with family) -------------------------


@require_GET
def learn(request: HttpRequest) -> HttpResponse:
    asked = LearnQuery(request.GET)
    articles = sorted(library.load_articles().values(), key=lambda a: (a.kind, a.title))
    if not asked.is_valid():
        # A link from an old page or a typo: say so, and show the whole library.
        return render(
            request,
            "understand/learn.html",
            {
                "articles": articles,
                "form": LearnQuery(),
                "query": "",
                "tag_error": _first_error(asked),
            },
            status=400,
        )
    query, tags = asked.cleaned_data["q"], asked.wanted_tags()
    if tags:
        articles = [a for a in articles if all(tag in a.tags for tag in tags)]
    if query:
        articles = library.search_articles(query, articles)
    return render(
        request,
        "understand/learn.html",
        {
            "articles": articles,
            "form": asked,
            "query": query,
            "filtered": bool(tags),
            "tag_labels": [library.tag_label(tag) for tag in dict.fromkeys(tags)],
        },
    )


def _first_error(form: LearnQuery) -> str:
    return str(next(iter(form.errors.values()))[0])


@require_GET
def article(request: HttpRequest, slug: str) -> HttpResponse:
    found = library.get_article(slug)
    if found is None:
        raise Http404
    return render(
        request,
        "understand/article.html",
        {
            "article": found,
            "sections": found.sections(),
            "safety_gate": _article_gate(request) if found.safety_gated else "safe",
        },
    )


def _article_gate(request: HttpRequest) -> str:
    """``ask``, ``afraid`` or ``safe`` for an article with advice to step back.

    Learn pages are public, so the reader can answer on the page (``?safe=yes|no``); a
    signed-in supporter's recent "Is it safe for you?" answers count too: afraid in any
    circle means safety first.
    """
    chosen = ArticleGateQuery(request.GET).answer()
    if chosen:
        return "safe" if chosen == "yes" else "afraid"
    if not request.user.is_authenticated:
        return "ask"
    gates = {
        personal_safety.gate(membership)
        for membership in Membership.objects.filter(user=request.user).select_related("circle")
    }
    if "afraid" in gates:
        return "afraid"
    return "safe" if "safe" in gates else "ask"
