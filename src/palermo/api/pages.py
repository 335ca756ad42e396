"""The page where a person makes and revokes the API tokens their programs use.

A token is shown once, in the answer to the request that made it: it is not kept in the session,
a message or a redirect address, and the page asks browsers and proxies not to store it."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from palermo.accounts.acting import acting_user
from palermo.api.forms import TokenForm
from palermo.api.models import ApiToken


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def tokens(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    form = TokenForm(request.POST or None)
    new_token = ""
    if request.method == "POST" and form.is_valid():
        _, new_token = ApiToken.issue(user, form.cleaned_data["name"], form.cleaned_data["days"])
        form = TokenForm()
    context = {"form": form, "tokens": user.api_tokens.all(), "new_token": new_token}
    return render(request, "api/tokens.html", context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["POST"])
def revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = acting_user(request).api_tokens.filter(pk=pk).first()
    if token is None:  # someone else's token does not exist for this person
        raise Http404
    token.revoke(acting_user(request))
    return redirect("api_tokens")
