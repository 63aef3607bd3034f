"""Who sees which cases: by agency, consumer complaints, or all."""

from django.db.models import Q

from portal import agencies

from .cases import Case, Kind, OfficerGroup


def case_filter(user):
    """A Q object for the cases `user` may see; an empty match when none."""
    if not user.is_authenticated or not user.is_active:
        return Q(pk__in=[])
    if user.is_superuser:
        return Q()
    scopes = OfficerGroup.objects.filter(group__user=user)
    if any(scope.sees_all for scope in scopes):
        return Q()
    condition = Q(pk__in=[])
    agency_ids = [scope.agency_id for scope in scopes if scope.agency_id]
    if agency_ids:
        # An agency's translations are the same agency: a case on any of its rows is its.
        condition |= Q(agency_id__in=agencies.row_ids(agency_ids))
    if any(scope.sees_complaints for scope in scopes):
        condition |= Q(kind=Kind.COMPLAINT)
    return condition


def visible_cases(user):
    return Case.objects.filter(case_filter(user))


def can_see_cases(user):
    return user.is_authenticated and (
        user.is_superuser or OfficerGroup.objects.filter(group__user=user).exists())
