from django.urls import URLPattern, URLResolver, path, register_converter

from palermo.administration.views import agencies, people, security


class LockKind:
    """Only the two kinds of lock: any other word is not an address at all (404)."""

    regex = "address|account"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(LockKind, "lock_kind")

app_name = "administration"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", people.people, name="people"),
    path("people/new/", people.new_person, name="new_person"),
    path("people/<int:pk>/", people.person, name="person"),
    path("people/<int:pk>/activation/", people.activation, name="activation"),
    path("people/<int:pk>/second-factor/", security.second_factor, name="second_factor"),
    path("agencies/", agencies.agencies, name="agencies"),
    path("agencies/<int:pk>/", agencies.agency, name="agency"),
    path("locks/", security.locks, name="locks"),
    path("locks/<lock_kind:kind>/<int:pk>/clear/", security.clear_lock, name="clear_lock"),
    path("api-tokens/", security.tokens, name="tokens"),
    path("api-tokens/<int:pk>/revoke/", security.revoke, name="revoke_token"),
]
