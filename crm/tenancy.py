"""The one way a request finds its organisation, and the guards built on it."""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from crm.models import Membership, Organisation


def membership_for(request: HttpRequest) -> Membership | None:
    """The signed-in user's membership (with its organisation), cached on the request."""
    if not request.user.is_authenticated:
        return None
    if not hasattr(request, "_membership"):
        request._membership = Membership.objects.select_related("organisation").filter(user_id=request.user.pk).first()
    return request._membership


def organisation_for(request: HttpRequest) -> Organisation | None:
    """The signed-in user's organisation, or None for anonymous users and users without a membership."""
    membership = membership_for(request)
    return membership.organisation if membership else None


def member_required(view: Callable) -> Callable:
    """Signed in and belonging to an organisation; sets request.membership and request.organisation."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        membership = membership_for(request)
        if membership is None:
            raise PermissionDenied(
                "Your account does not belong to an organisation yet. Ask an admin of your organisation to add you."
            )
        request.membership = membership
        request.organisation = membership.organisation
        return view(request, *args, **kwargs)

    return wrapper


def admin_required(view: Callable) -> Callable:
    """Like member_required, and the member must be an admin of the organisation."""

    @member_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.membership.is_admin:
            raise PermissionDenied("Only organisation admins can manage integrations.")
        return view(request, *args, **kwargs)

    return wrapper


def membership_context(request: HttpRequest) -> dict:
    """Template context processor: every page can show the organisation and the role."""
    return {"membership": membership_for(request)}
