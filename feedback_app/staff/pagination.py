"""One way every staff list is split into pages: newest first, a page size, "showing 1-50 of
212", and the list's filters kept in the address."""

from __future__ import annotations

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
        args = {**(request.view_args or {}), **request.args.to_dict(), "page": number}
        if request.endpoint is None:  # only a routed request has a list to page through
            raise RuntimeError("no endpoint to page")
        return url_for(request.endpoint, **args)


def paginate(session: Session, query: Select, per_page: int = PER_PAGE) -> Page:
    """The page asked for in `?page=` (the last one if it is past the end) of an ordered query."""
    total = session.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0
    number = max(1, request.args.get("page", 1, type=int) or 1)
    number = min(number, max(1, -(-total // per_page)))
    items = list(session.scalars(query.limit(per_page).offset((number - 1) * per_page)))
    return Page(items, number, per_page, total)
