"""Who is asking: the one way a page or API operation gets its signed-in user."""

from django.http import HttpRequest

from palermo.accounts.models import User


def acting_user(request: HttpRequest) -> User:
    """The signed-in person behind this request.

    Every caller sits behind `login_required` or the API's authentication, so an anonymous user
    here is a programming error, not a refusal."""
    user = request.user
    assert isinstance(user, User), "acting_user() needs a signed-in request"
    return user
