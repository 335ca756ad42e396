"""The one pager: links to the previous and next page that keep the address's other choices
(filters, sort), for any number of lists on one page, each with its own page parameter."""

from typing import Any

from django import template

register = template.Library()


@register.inclusion_tag("pagination.html", takes_context=True)
def pager(
    context: dict[str, Any],
    page: Any,
    param: str = "page",
    live: bool = False,
    by_post: bool = False,
) -> dict[str, Any]:
    """`{% pager page %}`: the one pager of every list. `param` names the page parameter when a
    page holds several lists; `live` boosts the links with htmx; `by_post` pages a name search by
    posting its form again, so a name never reaches an address."""
    return {
        "request": context["request"],
        "page": page,
        "param": param,
        "live": live,
        "by_post": by_post,
    }


@register.simple_tag(takes_context=True)
def page_url(context: dict[str, Any], param: str, number: int) -> str:
    query = context["request"].GET.copy()
    query[param] = str(number)
    return "?" + query.urlencode()


@register.simple_tag(takes_context=True)
def sort_url(context: dict[str, Any], column: str, current: str) -> str:
    """The list sorted by `column`: descending first, ascending if it is already descending.
    A new order starts again at page 1."""
    query = context["request"].GET.copy()
    query["sort"] = column if current == f"-{column}" else f"-{column}"
    query.pop("page", None)
    return "?" + query.urlencode()


@register.filter
def sort_state(current: str, column: str) -> str:
    """The `aria-sort` value of a column's header."""
    if current == f"-{column}":
        return "descending"
    if current == column:
        return "ascending"
    return "none"
