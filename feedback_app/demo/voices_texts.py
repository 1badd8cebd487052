"""Demo free text for the training, staff, panel and intervention questions (all invented)."""

INTERVENTION_TEXTS: dict[str, dict[str, list[str]]] = {
    "vr_headsets": {
        "positive": ["that was sick", "the VR was mad, felt like I was really there"],
        "mixed": ["it was good but it made me feel a bit vulnerable with everyone watching"],
        "negative": ["the headset made me feel sick and dizzy", "the story choices were too few"],
    },
    "boxing": {
        "positive": ["boxing helped me calm down", "the coach was safe, I want to keep going"],
        "mixed": ["boxing was alright but it was far to get to"],
        "negative": ["boxing was too early in the morning"],
    },
    "learning_centre": {
        "positive": ["the learning centre helped me with my maths, teachers were patient"],
        "mixed": ["it was ok but the room was boring"],
        "negative": ["I didn't like the learning centre, it felt like school again"],
    },
    "wellbeing_pack": {
        "positive": ["the pack at court helped, I had something to do while waiting"],
        "mixed": ["the pack was nice but I was too nervous to use it"],
        "negative": ["nobody gave me the pack until after"],
    },
    "take_what_you_need": {
        "positive": ["take what you need was good, I got toiletries without asking anyone"],
        "mixed": ["good idea but there wasn't much left"],
        "negative": ["it was empty when I went"],
    },
    "morse_youth": {
        "positive": ["MORSE made me think about the roads, the videos were real"],
        "mixed": ["MORSE was long but some bits were good"],
        "negative": ["MORSE was boring and too long"],
    },
    "turnaround": {
        "positive": ["Turnaround got me into a club and I'm still going"],
        "mixed": ["Turnaround was ok, my worker changed halfway"],
        "negative": ["Turnaround didn't really help me"],
    },
    "reparation": {
        "positive": ["the garden project felt like I was giving something back"],
        "mixed": ["reparation was fine but I didn't see the point at first"],
        "negative": ["reparation was just picking up litter, I felt shown up"],
    },
}

CHILD_PANEL = {
    "positive": [
        "they actually listened to me and didn't judge",
        "the panel asked what I wanted to do, not just told me",
        "it was less scary than I thought, they were kind",
    ],
    "mixed": [
        "it was ok but there were lots of people in the room",
        "they were nice but used some big words",
    ],
    "negative": [
        "I felt like they were judging me the whole time",
        "nobody explained what a panel was before I went in",
    ],
}

# What a parent or carer says about an activity their child did, whichever it was.
PARENT_ON_ACTIVITY = {
    "positive": [
        "My son enjoyed it and talked about it at home.",
        "It gave her something to aim for.",
    ],
    "mixed": ["It was fine, though getting there was hard for us."],
    "negative": ["My daughter found it boring and stopped going."],
}

VOICES_TEXTS: dict[str, dict[str, dict[str, list[str]]]] = {
    "working-with-us": {f"iv_{item}_words": words for item, words in INTERVENTION_TEXTS.items()},
    "parent-carer": {f"iv_{item}_words": PARENT_ON_ACTIVITY for item in INTERVENTION_TEXTS},
    "panel-feedback": {
        "good_thing": {"positive": CHILD_PANEL["positive"], "mixed": CHILD_PANEL["mixed"]},
        "change_thing": {"mixed": CHILD_PANEL["mixed"], "negative": CHILD_PANEL["negative"]},
        **{f"iv_{item}_words": words for item, words in INTERVENTION_TEXTS.items()},
    },
    "panel-member-feedback": {
        "went_well": {
            "positive": [
                "The child's worker prepared them well and they spoke up for themselves.",
                "The new room layout made the meeting feel less formal.",
            ],
            "mixed": ["The child engaged once the victim's view was explained."],
        },
        "change": {
            "mixed": ["Reports sometimes reach panel members the night before."],
            "negative": ["We had no time to read the report; the child waited outside too long."],
        },
    },
    "training-feedback": {
        "went_well": {
            "positive": [
                "The case studies were close to our own work.",
                "Practical tips I can use in my next session with a child.",
            ],
            "mixed": ["Useful content, though the room was too warm."],
        },
        "improve": {
            "mixed": ["More time for questions at the end."],
            "negative": ["Too much reading from slides; it could have been an email."],
        },
    },
    "staff-survey": {
        "good_here": {
            "positive": ["Colleagues who always help.", "A manager who listens."],
            "mixed": ["The team is good, even when the workload is heavy."],
        },
        "change_one_thing": {
            "mixed": ["Fewer duplicate forms."],
            "negative": ["Caseloads are too high to do the work well."],
        },
    },
}
