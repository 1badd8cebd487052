"""Participation activities: their types, the four elements of the Lundy model, and which
element a set of activities meets least (no Flask; used by the staff log and the report)."""

from __future__ import annotations

from collections.abc import Iterable

TYPES = {
    "co_design": "Co-design workshop",
    "consultation": "Consultation",
    "board_voice": "Board voice-of-the-child item",
    "recruitment": "Recruitment panel",
    "evaluation": "Evaluation",
    "peer_research": "Peer research",
    "other": "Other",
}
# Lundy (2007): children's views count only when all four are in place.
LUNDY_ELEMENTS = {
    "space": "Space",
    "voice": "Voice",
    "audience": "Audience",
    "influence": "Influence",
}
LUNDY_MEANINGS = {
    "space": "children had a safe, welcoming chance to give their views",
    "voice": "children got the help they needed to say what they think",
    "audience": "their views were heard by people who can act on them",
    "influence": "their views were acted on, and they were told what happened",
}


def lundy_counts(activities: Iterable[Iterable[str]]) -> dict[str, int]:
    """How many activities met each element, given the elements each activity met."""
    counts = dict.fromkeys(LUNDY_ELEMENTS, 0)
    for elements in activities:
        for element in set(elements):
            if element in counts:
                counts[element] += 1
    return counts


def weakest(counts: dict[str, int]) -> list[str]:
    """The element(s) met by the fewest activities, in the model's order."""
    if not counts:
        return []
    lowest = min(counts.values())
    return [element for element, n in counts.items() if n == lowest]


def weakest_sentence(counts: dict[str, int], activities: int) -> str:
    """Which element is weakest, in words for champions and the board."""
    if activities == 0:
        return "No activities were logged, so there is no Lundy coverage to compare."
    found = weakest(counts)
    of = f"{counts[found[0]]} of {activities} {'activity' if activities == 1 else 'activities'}"
    if len(found) == len(LUNDY_ELEMENTS):
        return f"All four Lundy elements were met equally: each in {of}."
    names = [LUNDY_ELEMENTS[e] for e in found]
    if len(names) == 1:
        return f"The weakest Lundy element is {names[0]}: met in {of}."
    listed = ", ".join(names[:-1]) + " and " + names[-1]
    return f"The weakest Lundy elements are {listed}: each met in {of}."
