"""The words a section opens with: what its table shows and whether a difference in it is
beyond noise, worked out from the same shares the table shows, so a hidden figure is never
put into words and a difference within noise reads "too few answers to tell"."""

from __future__ import annotations

from analysis.report.model import Change, Share


def of(share: Share) -> str:
    """ "77% of 31": a share with its base, as the openings quote it (only a shown one)."""
    return f"{share.percent:.0f}% of {share.base:,}"


def since(now: Share, then: Share, when: str) -> str:
    """The change from `then`, as a clause to follow a share: ", up from 60% of 40 last
    quarter" when it is beyond noise, " (60% of 40 last quarter: too few answers to tell a
    change)" when it is not, and nothing when either share is hidden."""
    change = Change(now, then)
    if change.points is None or then.percent is None:
        return ""
    if not change.real:
        return f" ({of(then)} {when}: too few answers to tell a change)"
    way = "up" if change.real_points > 0 else "down"
    return f", {way} from {of(then)} {when}"


def spread(items: list[tuple[str, Share]], best: str, least: str) -> str | None:
    """The highest and lowest of the shown shares and whether they differ beyond noise, as a
    sentence ("Rated best: boxing (77% of 31); least: MORSE Youth (45% of 29), a gap beyond
    noise."), or None when fewer than two are shown."""
    shown = [(name, share) for name, share in items if share.shown]
    if len(shown) < 2:
        return None
    ranked = sorted(shown, key=lambda item: -(item[1].percent or 0))
    high, low = ranked[0], ranked[-1]
    gap = Change(high[1], low[1])
    verdict = "a gap beyond noise" if gap.real else "too few answers to tell them apart"
    return f"{best} {high[0]} ({of(high[1])}); {least} {low[0]} ({of(low[1])}): {verdict}."
