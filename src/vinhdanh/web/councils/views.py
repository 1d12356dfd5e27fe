"""Council, session, tally, minutes and decision pages. Thin: forms in, domain functions out."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from vinhdanh.awards.domain.decisions import DecisionError, revoke_awards
from vinhdanh.awards.domain.queries.awards import standing_awards
from vinhdanh.awards.domain.queries.catalogue import all_kinds
from vinhdanh.awards.domain.queries.decisions import visible_decisions
from vinhdanh.councils.domain import councils as council_domain
from vinhdanh.councils.domain import sessions as session_domain
from vinhdanh.councils.domain.common import CouncilError
from vinhdanh.councils.domain.queries.councils import (
    citation_of,
    members_on,
    quorum_on,
    visible_councils,
    visible_members,
    visible_sessions,
)
from vinhdanh.councils.domain.queries.sessions import (
    agenda_candidates,
    agenda_nominations,
    agenda_rounds,
    session_recusals,
    session_view,
)
from vinhdanh.councils.domain.thresholds import save_vote_rule
from vinhdanh.councils.enums import SessionStatus
from vinhdanh.councils.interfaces.minutes import minutes_file, minutes_of
from vinhdanh.documents.domain.settings import office_for
from vinhdanh.eligibility.core import VoteRule
from vinhdanh.eligibility.core.parameters import GENERAL
from vinhdanh.eligibility.domain.queries.parameters import (
    vote_rule_for,
    vote_rule_history,
    vote_rules_in_force,
)
from vinhdanh.nominations.domain.errors import WorkflowError
from vinhdanh.nominations.domain.issuing import (
    issue_decision,
    issue_defaults,
    own_issue_defaults,
    proposed_for_decider,
)
from vinhdanh.nominations.domain.notices import decision_blocker
from vinhdanh.orgs.domain.queries.scope import unit_scope
from vinhdanh.orgs.domain.queries.units import role_holder_ids, units_in_scope
from vinhdanh.orgs.enums import Capability
from vinhdanh.people.names import users_by_name
from vinhdanh.web.councils import forms

if TYPE_CHECKING:
    from vinhdanh.councils.models import Council, CouncilSession

DOMAIN_ERRORS = (CouncilError, DecisionError, WorkflowError)


def _require(request: HttpRequest, perm: str, obj: Any) -> None:
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


def _units_for(user: Any, capability: Capability) -> Any:
    return units_in_scope(unit_scope(user, capability))


def _done(
    request: HttpRequest, target: str, action: Callable[[], object], success: str
) -> HttpResponse:
    try:
        action()
    except DOMAIN_ERRORS as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, success)
    return redirect(target)


def _form_errors(request: HttpRequest, form: Any) -> None:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else str(error))


# --- councils ------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def council_list(request: HttpRequest) -> HttpResponse:
    units = _units_for(request.user, Capability.OFFICE)
    form = forms.CouncilForm(request.POST or None, units=units, user=request.user)
    if request.method == "POST":
        if not form.is_valid():
            _form_errors(request, form)
            return redirect("web:councils:list")
        data = form.cleaned_data
        council = council_domain.create_council(
            unit=data["unit"],
            name=data["name"],
            established_by=data["established_by"],
            actor=request.user,
        )
        messages.success(request, _("The council was set up."))
        return redirect("web:councils:council", council.pk)
    councils = visible_councils(request.user).order_by("unit__path", "name")
    can_add = request.user.is_superuser or units.exists()
    return render(
        request,
        "web/councils/councils.html",
        {"councils": councils, "form": form if can_add else None},
    )


def _candidate_users(council: Council) -> Any:
    """Users with a role in the council's unit or below, or above it (a council's members)."""
    user_ids = role_holder_ids(council.unit)
    return users_by_name(get_user_model().objects.filter(pk__in=user_ids, is_active=True))


@login_required
@require_GET
def council_page(request: HttpRequest, pk: int) -> HttpResponse:
    council = get_object_or_404(visible_councils(request.user), pk=pk)
    _require(request, "councils.view_council", council)
    day = dt.date.today()
    manage = request.user.has_perm("councils.change_council", council)
    run = request.user.has_perm("councils.run_session", council)
    return render(
        request,
        "web/councils/council.html",
        {
            "council": council,
            "members": members_on(council, day),
            "all_members": council.members.select_related("person", "user").order_by(
                "role", "valid_from"
            ),
            "quorum": quorum_on(council, day),
            "today": day,
            "quorums": council.quorums.all(),
            "general_rule": _shown([vote_rule_for(day, council.unit, GENERAL)])[0],
            "sessions": council.sessions.order_by("-date", "-id"),
            "can_manage": manage,
            "can_run": run,
            "member_form": forms.MemberForm(users=_candidate_users(council)) if manage else None,
            "quorum_form": forms.QuorumForm() if manage else None,
            "session_form": forms.SessionForm() if run else None,
        },
    )


@login_required
@require_POST
def council_add_member(request: HttpRequest, pk: int) -> HttpResponse:
    council = get_object_or_404(visible_councils(request.user), pk=pk)
    _require(request, "councils.change_council", council)
    form = forms.MemberForm(request.POST, users=_candidate_users(council))
    target = reverse("web:councils:council", args=[council.pk])
    if not form.is_valid():
        _form_errors(request, form)
        return redirect(target)
    data = form.cleaned_data
    return _done(
        request,
        target,
        lambda: council_domain.add_member(
            council=council,
            user=data["user"],
            role=data["role"],
            title=data["title"],
            valid_from=data["valid_from"],
            valid_to=data["valid_to"],
            actor=request.user,
        ),
        _("The member was added."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def council_end_member(request: HttpRequest, pk: int) -> HttpResponse:
    """Confirm, then end a membership on a last day (the office of the council's unit)."""
    member = get_object_or_404(visible_members(request.user), pk=pk)
    council = member.council
    _require(request, "councils.change_council", council)
    if member.valid_to is not None:  # already ended: nothing to offer (the domain refuses too)
        messages.error(
            request,
            _("The membership already ends on %(day)s.") % {"day": f"{member.valid_to:%d/%m/%Y}"},
        )
        return redirect("web:councils:council", council.pk)
    form = forms.EndMembershipForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            ended = council_domain.end_membership(
                member=member, last_day=form.cleaned_data["last_day"], actor=request.user
            )
        except DOMAIN_ERRORS as exc:
            form.add_error("last_day", str(exc))
        else:
            messages.success(
                request,
                _("The membership of %(member)s ends on %(day)s.")
                % {
                    "member": ended.display_name,
                    "day": f"{form.cleaned_data['last_day']:%d/%m/%Y}",
                },
            )
            return redirect("web:councils:council", council.pk)
    return render(
        request,
        "web/councils/end_member.html",
        {"council": council, "member": member, "form": form},
    )


@login_required
@require_POST
def council_quorum(request: HttpRequest, pk: int) -> HttpResponse:
    council = get_object_or_404(visible_councils(request.user), pk=pk)
    _require(request, "councils.change_council", council)
    form = forms.QuorumForm(request.POST)
    target = reverse("web:councils:council", args=[council.pk])
    if not form.is_valid():
        _form_errors(request, form)
        return redirect(target)
    data = form.cleaned_data
    return _done(
        request,
        target,
        lambda: council_domain.set_quorum(council=council, actor=request.user, **data),
        _("The quorum was recorded."),
    )


@login_required
@require_POST
def session_create(request: HttpRequest, pk: int) -> HttpResponse:
    council = get_object_or_404(visible_councils(request.user), pk=pk)
    _require(request, "councils.run_session", council)
    form = forms.SessionForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
        return redirect("web:councils:council", council.pk)
    try:
        session = session_domain.create_session(
            council=council, actor=request.user, **form.cleaned_data
        )
    except CouncilError as exc:
        messages.error(request, str(exc))
        return redirect("web:councils:council", council.pk)
    return redirect("web:councils:session", session.pk)


# --- sessions ------------------------------------------------------------------------------


def _session(request: HttpRequest, pk: int) -> CouncilSession:
    session = get_object_or_404(visible_sessions(request.user), pk=pk)
    _require(request, "councils.view_session", session)
    return session


def _session_url(session: CouncilSession) -> str:
    return reverse("web:councils:session", args=[session.pk])


@login_required
@require_GET
def session_page(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(request, pk)
    view = session_view(session, request.user)
    run = request.user.has_perm("councils.run_session", session)
    context: dict[str, Any] = {"session": session, "v": view, "can_run": run}
    if view.me is not None and session.status == SessionStatus.OPEN and view.ballot_items:
        context["ballot_form"] = forms.BallotForm(items=view.ballot_items)
    if run and session.status == SessionStatus.PLANNED:
        context["agenda_form"] = forms.AgendaForm(
            nominations=agenda_candidates(session), rounds=agenda_rounds(session)
        )
    if run and session.status != SessionStatus.CLOSED:
        context["attendance_form"] = forms.AttendanceForm(
            members=view.members, initial={"present": list(view.present_ids)}
        )
        if view.items:
            context["recusal_form"] = forms.RecusalForm(members=view.members, items=view.items)
    if run and session.status == SessionStatus.OPEN:
        context["close_form"] = forms.CloseSessionForm()
        if view.absent and view.secret_items:
            context["written_form"] = forms.WrittenVoteForm(
                absent=view.absent, items=view.secret_items
            )
        context["hand_forms"] = [
            (
                item,
                forms.HandCountForm(
                    initial={
                        "nomination": item.nomination_id,
                        "for_votes": getattr(
                            view.hand_counts.get(item.nomination_id), "for_votes", 0
                        ),
                        "against_votes": getattr(
                            view.hand_counts.get(item.nomination_id), "against_votes", 0
                        ),
                        "abstain_votes": getattr(
                            view.hand_counts.get(item.nomination_id), "abstain_votes", 0
                        ),
                    }
                ),
            )
            for item in view.hand_items
        ]
    return render(request, "web/councils/session.html", context)


@login_required
@require_POST
def session_agenda(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(request, pk)
    _require(request, "councils.run_session", session)
    form = forms.AgendaForm(
        request.POST, nominations=agenda_candidates(session), rounds=agenda_rounds(session)
    )
    if not form.is_valid():
        _form_errors(request, form)
        return redirect(_session_url(session))
    data = form.cleaned_data
    return _done(
        request,
        _session_url(session),
        lambda: session_domain.add_to_agenda(
            session=session,
            nominations=list(data["nominations"]),
            rounds=list(data["rounds"]),
            actor=request.user,
        ),
        _("The agenda was updated."),
    )


@login_required
@require_POST
def session_agenda_remove(request: HttpRequest, pk: int, nomination_pk: int) -> HttpResponse:
    session = _session(request, pk)
    _require(request, "councils.run_session", session)
    nomination = get_object_or_404(agenda_nominations(session), pk=nomination_pk)
    return _done(
        request,
        _session_url(session),
        lambda: session_domain.remove_from_agenda(
            session=session, nomination=nomination, actor=request.user
        ),
        _("The nomination was taken off the agenda."),
    )


@login_required
@require_POST
def session_attendance(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(request, pk)
    _require(request, "councils.run_session", session)
    form = forms.AttendanceForm(request.POST, members=members_on(session.council, session.date))
    if not form.is_valid():
        _form_errors(request, form)
        return redirect(_session_url(session))
    return _done(
        request,
        _session_url(session),
        lambda: session_domain.set_attendance(
            session=session, present=list(form.cleaned_data["present"]), actor=request.user
        ),
        _("Attendance was recorded."),
    )


@login_required
@require_POST
def session_recuse(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(request, pk)
    _require(request, "councils.run_session", session)
    view = session_view(session, request.user)
    form = forms.RecusalForm(request.POST, members=view.members, items=view.items)
    if not form.is_valid():
        _form_errors(request, form)
        return redirect(_session_url(session))
    data = form.cleaned_data
    return _done(
        request,
        _session_url(session),
        lambda: session_domain.recuse(
            session=session,
            member=data["member"],
            nomination=data["nomination"],
            reason=data["reason"],
            actor=request.user,
        ),
        _("The recusal was recorded."),
    )


@login_required
@require_POST
def session_recusal_withdraw(request: HttpRequest, pk: int, recusal_pk: int) -> HttpResponse:
    session = _session(request, pk)
    _require(request, "councils.run_session", session)
    recusal = get_object_or_404(session_recusals(session), pk=recusal_pk)
    return _done(
        request,
        _session_url(session),
        lambda: session_domain.withdraw_recusal(recusal=recusal, actor=request.user),
        _("The recusal was lifted."),
    )


@login_required
@require_POST
def session_open(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(request, pk)
    _require(request, "councils.run_session", session)
    return _done(
        request,
        _session_url(session),
        lambda: session_domain.open_session(session=session, actor=request.user),
        _("Voting is open."),
    )


@login_required
@require_POST
def session_close(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(request, pk)
    _require(request, "councils.run_session", session)
    form = forms.CloseSessionForm(request.POST)
    if not form.is_valid():
        if "confirm" in form.errors:
            messages.error(request, _("Tick the box to confirm that the session may be closed."))
        else:
            _form_errors(request, form)
        return redirect(_session_url(session))
    number = form.cleaned_data["number"]
    return _done(
        request,
        reverse("web:councils:tally", args=[session.pk]),
        lambda: session_domain.close_session(session=session, actor=request.user, number=number),
        _("The session is closed; the tally and minutes are ready."),
    )


@login_required
@require_POST
def session_vote(request: HttpRequest, pk: int) -> HttpResponse:
    """A member's secret ballot. The answer says only that the vote was received."""
    session = _session(request, pk)
    _require(request, "councils.vote", session)
    view = session_view(session, request.user)
    form = forms.BallotForm(request.POST, items=view.ballot_items)
    if not form.is_valid():
        _form_errors(request, form)
        return redirect(_session_url(session))
    return _done(
        request,
        _session_url(session),
        lambda: session_domain.cast_ballots(
            session=session, voter=request.user, choices=form.choices()
        ),
        _("Your ballot was received."),
    )


@login_required
@require_POST
def session_written(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(request, pk)
    _require(request, "councils.run_session", session)
    view = session_view(session, request.user)
    form = forms.WrittenVoteForm(request.POST, absent=view.absent, items=view.secret_items)
    if not form.is_valid():
        _form_errors(request, form)
        return redirect(_session_url(session))
    return _done(
        request,
        _session_url(session),
        lambda: session_domain.record_written_votes(
            session=session,
            member=form.cleaned_data["member"],
            choices=form.choices(),
            actor=request.user,
        ),
        _("The written vote was recorded."),
    )


@login_required
@require_POST
def session_hands(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(request, pk)
    _require(request, "councils.run_session", session)
    form = forms.HandCountForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
        return redirect(_session_url(session))
    data = form.cleaned_data
    nomination = get_object_or_404(agenda_nominations(session), pk=data["nomination"])
    return _done(
        request,
        _session_url(session),
        lambda: session_domain.record_hand_count(
            session=session,
            nomination=nomination,
            for_votes=data["for_votes"],
            against_votes=data["against_votes"],
            abstain_votes=data["abstain_votes"],
            actor=request.user,
        ),
        _("The show of hands was recorded."),
    )


@login_required
@require_GET
def session_tally(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(request, pk)
    view = session_view(session, request.user)
    return render(request, "web/councils/tally.html", {"session": session, "v": view})


def _closed_minutes(request: HttpRequest, pk: int) -> CouncilSession:
    session = _session(request, pk)
    if session.status != SessionStatus.CLOSED or not session.minutes:
        raise PermissionDenied
    return session


@login_required
@require_GET
def session_minutes(request: HttpRequest, pk: int) -> HttpResponse:
    session = _closed_minutes(request, pk)
    return render(
        request,
        "web/councils/minutes.html",
        {"session": session, "m": minutes_of(session.minutes or {})},
    )


@login_required
@require_GET
def session_minutes_docx(request: HttpRequest, pk: int) -> HttpResponse:
    session = _closed_minutes(request, pk)
    name, content = minutes_file(session)
    response = HttpResponse(
        content,
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


# --- thresholds ----------------------------------------------------------------------------
# One source: the engine's `vote_rules` parameter (national defaults + the office's rows).


def _may_set_every_jurisdiction(user: Any) -> bool:
    return bool(user.has_perm("councils.change_threshold", None))


def _shown(rules: list[VoteRule]) -> list[tuple[VoteRule, str]]:
    """Each rule with its legal basis in the page's language."""
    lang = "en" if (get_language() or "vi").startswith("en") else "vi"
    return [(rule, citation_of(rule, lang)) for rule in rules]


def _threshold_units(user: Any) -> Any:
    return _units_for(user, Capability.OFFICE)


@login_required
@require_GET
def threshold_list(request: HttpRequest) -> HttpResponse:
    today = dt.date.today()
    units = list(_threshold_units(request.user))
    visible = {c.unit_id for c in visible_councils(request.user)} | {u.pk for u in units}
    history = vote_rule_history(visible)
    return render(
        request,
        "web/councils/thresholds.html",
        {
            "rules": _shown(vote_rules_in_force(today, None)),
            "unit_rules": [
                (unit, _shown(vote_rules_in_force(today, unit)))
                for unit in units
                if any(row.unit_id == unit.pk for row in history)
            ],
            "history": [(row, sorted(row.value.items())) for row in history],
            "today": today,
            "can_add": bool(units) or _may_set_every_jurisdiction(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def threshold_edit(request: HttpRequest) -> HttpResponse:
    units = _threshold_units(request.user)
    every = _may_set_every_jurisdiction(request.user)
    if not (every or units.exists()):
        raise PermissionDenied
    today = dt.date.today()
    code = request.GET.get("code", GENERAL)
    unit = units.filter(pk=request.GET.get("unit") or None).first()
    current = vote_rule_for(today, unit, code)
    initial = {
        "unit": unit,
        "award_code": code,
        "numerator": current.threshold.numerator,
        "denominator": current.threshold.denominator,
        "inclusive": current.inclusive,
        "denominator_type": current.denominator,
        "quorum_numerator": current.quorum.numerator if current.quorum else None,
        "quorum_denominator": current.quorum.denominator if current.quorum else None,
        "method": current.method,
        "valid_from": today,
    }
    codes = list(all_kinds().order_by("code").values_list("code", flat=True))
    form = forms.ThresholdForm(
        request.POST or None, initial=initial, units=units, every=every, codes=codes
    )
    if request.method == "POST" and form.is_valid():
        try:
            save_vote_rule(
                rule=form.rule(),
                unit=form.cleaned_data["unit"],
                valid_from=form.cleaned_data["valid_from"],
                legal_basis=form.cleaned_data["legal_basis"],
                actor=request.user,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The threshold was saved."))
            return redirect("web:councils:thresholds")
    return render(request, "web/councils/threshold_form.html", {"form": form, "row": None})


# --- decisions -----------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def decision_issue(request: HttpRequest) -> HttpResponse:
    units = _units_for(request.user, Capability.DECIDER)
    if not (request.user.is_superuser or units.exists()):
        raise PermissionDenied
    nominations = proposed_for_decider(request.user)
    today = dt.date.today()
    waiting = [(n, decision_blocker(n, on=today)) for n in nominations]
    notice_open = any(blocker for _n, blocker in waiting)
    initial: dict[str, Any] = {}
    picked = request.GET.get("nomination", "")
    if request.method == "GET":
        if picked.isdigit():
            initial = issue_defaults(
                request.user, nominations.filter(pk=int(picked)), office_for=office_for
            )
        # opened from the menu: the user's own deciding unit and authority
        initial = initial or own_issue_defaults(request.user, office_for=office_for)
    form = forms.IssueDecisionForm(
        request.POST or None,
        units=units,
        user=request.user,
        nominations=nominations,
        notice_open=notice_open,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            decision = issue_decision(
                issuing_unit=data["issuing_unit"],
                issuing_body=data["issuing_body"],
                symbol=data["symbol"],
                signed_on=data["signed_on"],
                signer_name=data["signer_name"],
                signer_title=data["signer_title"],
                decider_role=data["decider_role"],
                subject=data["subject"],
                legal_bases=data["legal_bases"],
                nominations=list(data["nominations"]),
                notice_override_reason=data.get("notice_override_reason", ""),
                number=data.get("number"),
                actor=request.user,
            )
        except DOMAIN_ERRORS as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request,
                _("Decision %(number)s was issued.") % {"number": decision.number_label},
            )
            return redirect("web:decision", decision.pk)
    return render(
        request,
        "web/councils/issue.html",
        {
            "form": form,
            "has_nominations": bool(waiting),
            "blockers": [blocker for _n, blocker in waiting if blocker],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def decision_revoke(request: HttpRequest, pk: int) -> HttpResponseBase:
    decision = get_object_or_404(visible_decisions(request.user), pk=pk)
    if not decision.is_issued or decision.kind != "award":
        raise PermissionDenied
    _require(request, "awards.revoke_award", decision.issuing_unit)
    awards = standing_awards(decision)
    units = _units_for(request.user, Capability.DECIDER)
    initial = {
        "issuing_unit": decision.issuing_unit_id,
        "issuing_body": decision.issuing_body,
        "symbol": decision.symbol,
        "decider_role": decision.decider_role,
    }
    form = forms.RevokeForm(
        request.POST or None, units=units, user=request.user, awards=awards, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            revocation = revoke_awards(
                awards=list(data["awards"]),
                ground=data["ground"],
                reason=data["reason"],
                issuing_unit=data["issuing_unit"],
                issuing_body=data["issuing_body"],
                symbol=data["symbol"],
                signed_on=data["signed_on"],
                signer_name=data["signer_name"],
                signer_title=data["signer_title"],
                decider_role=data["decider_role"],
                subject=data["subject"],
                legal_bases=data["legal_bases"],
                actor=request.user,
            )
        except DOMAIN_ERRORS as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request,
                _("Revocation decision %(number)s was issued.")
                % {"number": revocation.number_label},
            )
            return redirect("web:decision", revocation.pk)
    return render(request, "web/councils/revoke.html", {"form": form, "decision": decision})
