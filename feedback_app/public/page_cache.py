"""The public form as first shown, rendered once per address and kept: a child opening the
form costs a dictionary look-up and two string replacements instead of building the form and
rendering every question. Only the two per-visit values (the CSRF token and the form's
double-send token) differ between visits, so the kept page holds markers where they go."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from threading import Lock

from flask import request, session

CSRF_MARK = "\x00csrf\x00"
SEND_ONCE_MARK = "\x00form-token\x00"
MAX_PAGES = 256  # every form × wording × poster link seen; the oldest is dropped first


class FormPages:
    def __init__(self, max_pages: int = MAX_PAGES):
        self.max_pages = max_pages
        self._pages: OrderedDict[tuple, str] = OrderedDict()
        self._lock = Lock()

    def get(self, key: tuple) -> str | None:
        with self._lock:
            page = self._pages.get(key)
            if page is not None:
                self._pages.move_to_end(key)
            return page

    def keep(self, key: tuple, page: str, csrf: str, form_token: str) -> None:
        """Keep `page` with markers in place of its tokens; a page where either token does
        not appear exactly once is not kept (it would be filled in wrongly)."""
        if page.count(csrf) != 1 or page.count(form_token) != 1:
            return
        marked = page.replace(csrf, CSRF_MARK).replace(form_token, SEND_ONCE_MARK)
        with self._lock:
            self._pages[key] = marked
            self._pages.move_to_end(key)
            while len(self._pages) > self.max_pages:
                self._pages.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._pages.clear()


def filled(page: str, csrf: str, form_token: str) -> str:
    return page.replace(CSRF_MARK, csrf).replace(SEND_ONCE_MARK, form_token)


def page_key(*parts) -> tuple | None:
    """The address and everything else the first view depends on; None when this visit's
    page must be rendered afresh (a message is waiting to be shown)."""
    if session.get("_flashes"):
        return None
    return (request.full_path, *parts)


def cached_form_page(
    pages: FormPages, key: tuple | None, csrf: str, form_token: str, render: Callable[[], str]
) -> str:
    if key is None:
        return render()
    page = pages.get(key)
    if page is not None:
        return filled(page, csrf, form_token)
    page = render()
    pages.keep(key, page, csrf, form_token)
    return page
