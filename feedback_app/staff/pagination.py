"""One way every staff list is split into pages: newest first, a page size, "showing 1-50 of
212", and the list's filters kept in the address."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import request, url_for
from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

PER_PAGE = 50


@dataclass(frozen=True)
class Page:
    items: list[Any]
    number: int
    per_page: int
    total: int
    param: str = "page"
    anchor: str | None = None  # the list's heading, on a page of several lists

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

    @property
    def first(self) -> int:
        return (self.number - 1) * self.per_page + 1 if self.total else 0

    @property
    def last(self) -> int:
        return min(self.number * self.per_page, self.total)

    def url(self, number: int) -> str:
        """This list's address at another page, with every filter kept."""
        args = {**(request.view_args or {}), **request.args.to_dict(), self.param: number}
        if request.endpoint is None:  # only a routed request has a list to page through
            raise RuntimeError("no endpoint to page")
        return url_for(request.endpoint, **args, _anchor=self.anchor)


def _number(param: str, total: int, per_page: int) -> int:
    """The page asked for in the address, the last one if it is past the end."""
    number = max(1, request.args.get(param, 1, type=int) or 1)
    return min(number, max(1, -(-total // per_page)))


def paginate(
    session: Session, query: Select, per_page: int = PER_PAGE, param: str = "page", anchor=None
) -> Page:
    """One page of an ordered query. A page with several lists gives each its own `param`
    (e.g. `open_page`) and heading `anchor`, so paging one list leaves the others put."""
    total = session.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0
    number = _number(param, total, per_page)
    items = list(session.scalars(query.limit(per_page).offset((number - 1) * per_page)))
    return Page(items, number, per_page, total, param, anchor)


def paginate_counted(
    total: int,
    load: Callable[[int, int], list[Any]],
    per_page: int = PER_PAGE,
    param: str = "page",
    anchor: str | None = None,
) -> Page:
    """One page of a list counted already (with others, in one query): `load(limit, offset)`
    reads just the page."""
    number = _number(param, total, per_page)
    items = load(per_page, (number - 1) * per_page) if total else []
    return Page(items, number, per_page, total, param, anchor)


def paginate_list(
    ids: list[Any], per_page: int = PER_PAGE, param: str = "page", anchor: str | None = None
) -> Page:
    """One page of a list already in order: ids from a query of a few columns, whose page
    the caller then loads in full, or a list bounded by its filter (one quarter's)."""
    number = _number(param, len(ids), per_page)
    start = (number - 1) * per_page
    return Page(ids[start : start + per_page], number, per_page, len(ids), param, anchor)
