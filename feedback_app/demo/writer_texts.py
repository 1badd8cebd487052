"""Demo free text for the forms anyone can send (Tell us, and the partners' and volunteers'
form), kept by who wrote it: a child's message reads like a child's, a victim's like a
victim's, a magistrate's like a magistrate's (all invented). Keyed by survey, question, the
answer to the form's "who are you?" question, then the kind of message or the writer's mood."""

from __future__ import annotations

_CHILD = {
    "comment": [
        "it would be good if there was wifi in the waiting room",
        "can we have more football sessions in Telford",
        "young people should help pick the activities not just staff",
        "there should be a youth group for people who have finished their order",
        "can the VR headsets come to the Shrewsbury office too, my mate wants a go",
        "could MORSE Youth be in the holidays so i dont miss college",
    ],
    "compliment": [
        "the boxing coach was sick, helped me loads 👍",
        "my worker helped me get a college place. cant believe it tbh 😊",
        "thanks for helping with my CV, got the job at the warehouse",
        "didnt think id like fishing but it was safe, thank u",
        "the VR headset thing was mad, made me think about how the other person felt",
        "the wellbeing pack at court helped, had something to do while i was waiting",
        "the Learning Centre helped me get my maths, teachers there are patient",
    ],
    "complaint": [
        "my worker was rude to me and my mum, talked over us the whole time 😡",
        "i had to go to the office in Worcestershire for a 10 min meeting, took 2 buses each way",
        "the officer kept looking at his phone while i was talking, felt like he didnt care",
        "they said i could do the mechanics course then said theres no funding, why promise it",
        "boxing got cancelled 3 weeks in a row and nobody told me, i turned up for nothing",
        "my Turnaround worker left and no one said, had to start all over again",
    ],
}

_PARENT = {
    "comment": [
        "Is there a way to get appointments sent by text instead of letters?",
        "The website does not say how to change an appointment. Could you add that?",
        "Could you run the cooking group in the school holidays as well?",
        "A simple leaflet for parents about what a referral order is would really help.",
        "Please could letters be sent in larger print? I struggle to read them.",
        "Parking at the office is very limited, which makes it hard to be on time.",
        "More information about what happens after the order ends would help us plan.",
    ],
    "compliment": [
        "I want to say thank you to my son's worker. She never gave up on him.",
        "Thank you for returning my calls so quickly. It made a stressful time easier.",
        "The panel were kind to my daughter and let her explain herself.",
        "Thank you for arranging meetings after my shifts. It meant I could be there.",
        "My son says his worker is the first adult who has really listened to him.",
        "Turnaround got my son into a boxing club and he has not missed a session since.",
        "The Learning Centre has got my daughter back into a routine. Thank you.",
    ],
    "complaint": [
        "My son's appointment was cancelled three times without anyone telling us.",
        "I left four messages for his worker and nobody called back.",
        "The worker came to his school and took him out of a lesson "
        "in front of his class. He was mortified.",
        "I was not told about the decision to extend the order until my son mentioned it.",
        "We spend over twenty pounds a week on bus fares getting to the office "
        "and have had no help.",
        "My daughter has had three workers in six months "
        "and has had to repeat everything each time.",
        "I was told my complaint would be answered within ten working days. "
        "It has been much longer.",
    ],
}

_VICTIM = {
    "comment": [
        "Could updates be sent by email? Phone calls at work are difficult for me.",
        "I would like to know whether the reparation was finished.",
        "Is it possible to have my say at a Making it Right panel without being in the room?",
        "It would help to have one named person to contact rather than a general number.",
        "I did not know a letter of explanation was an option until late on.",
    ],
    "compliment": [
        "The team handled the restorative meeting with real care. I left feeling heard.",
        "The letter of explanation was handled sensitively and I was ready when it came.",
        "Thank you for ringing after the Making it Right panel to tell me what was agreed.",
        "The worker checked I felt safe and talked through what to do if I saw him locally.",
        "I was never pressured into anything. Being given choices mattered to me.",
    ],
    "complaint": [
        "I was promised an update on the reparation and never received one.",
        "I was not told the outcome of the case until I phoned to ask.",
        "Nobody asked me before the Making it Right panel went ahead.",
        "It was two months before anyone contacted me about what had happened.",
        "I was asked the same questions by three different people.",
    ],
}

_PROFESSIONAL = {
    "comment": [
        "It would be useful for schools to have a single contact number for the team.",
        "Our school would welcome a talk from the team about the Child-First approach.",
        "Could referrers be told which interventions, such as Turnaround, have spaces?",
        "The feedback form could have a question about travel.",
    ],
    "compliment": [
        "The court report was excellent and clearly showed how well the worker knew "
        "the young person.",
        "Great joint working on a difficult case this term. Information was shared promptly.",
        "Excellent communication with our school. We always knew who to contact.",
        "The team picked up my referral the same day. Really appreciated.",
        "The team's assessments for the out-of-court panel are consistently thorough.",
    ],
    "complaint": [
        "Our school was not invited to the planning meeting despite asking to be involved.",
        "The panel report arrived on the morning of the panel, so there was no time to read it.",
        "We referred a child to Turnaround six weeks ago and have heard nothing back.",
        "I have asked twice for the outcome of a joint decision and had no reply.",
    ],
}

_SOMEONE_ELSE = {
    "comment": [
        "The survey was easy to fill in on my phone.",
        "I did not know there was a reparation project in Worcestershire until recently. "
        "Worth advertising more.",
        "Would be good to know who to contact out of hours.",
        "As his grandmother I would like to know how I can help at home.",
    ],
    "compliment": [
        "The reparation at the allotment was worth doing and the supervisor was encouraging.",
        "As his aunt, I saw how much the boxing sessions calmed him down. Thank you.",
        "The young people who painted the community centre did a lovely job.",
    ],
    "complaint": [
        "I rang on behalf of my grandson and nobody would tell me who to speak to.",
        "The waiting area is cramped and families can hear each other's business.",
        "I was told someone would call me back about volunteering and no one did.",
    ],
}

_STAFF = {
    "works_well": {
        "positive": [
            "The Child-First approach is visible in every report. "
            "Children are described as children, not risks.",
            "Staff genuinely know the children they work with, and it shows in supervision.",
            "The speech and language screening has improved how we communicate with children.",
            "Health colleagues are fully integrated into the team, "
            "which makes referrals straightforward.",
        ],
        "mixed": [
            "The Child-First ethos is clear. Caseloads sometimes make it hard to deliver.",
            "The case management system is an improvement, though still clunky.",
            "Training is useful but mostly online; more face-to-face sessions would help.",
        ],
        "negative": [
            "Caseloads are so high that we cannot work in the way the model intends.",
            "Morale is low since the restructure, which affects everything else.",
            "The systems do not talk to each other, so information gets lost.",
        ],
    },
    "should_change": {
        "positive": [
            "Very little. More chances to share good practice between the four areas.",
            "Keep the current approach; a little more time for reflective supervision.",
            "More spaces on the Learning Centre and VR headset sessions: children ask for them.",
        ],
        "mixed": [
            "Reduce caseloads so we have time for the relationship-based work that matters.",
            "Staff turnover needs addressing; children keep having to retell their story.",
            "Better use of secure email so information is not delayed.",
        ],
        "negative": [
            "Caseloads are unmanageable and need urgent attention from senior leaders.",
            "Communication from management is poor; we learn about changes second-hand.",
            "Reduce reliance on agency staff; continuity for children has suffered badly.",
        ],
    },
}

_PANEL = {  # volunteers here are the referral order (Making it Right) panel's members
    "works_well": {
        "positive": [
            "As a volunteer panel member I feel well supported, "
            "and the training has been very good.",
            "Panel reports arrive on time and are clear, which makes panels far more focused.",
            "Induction and ongoing training for volunteers have been thorough and relevant.",
            "Making it Right panels give the child a real say in their contract.",
        ],
        "mixed": [
            "Panel reports are good quality but occasionally arrive on the morning of the panel.",
            "Volunteers feel valued, though we are not always told what happened after a panel.",
            "Reparation projects are worthwhile, though there are few placements in rural areas.",
        ],
        "negative": [
            "Very little at present. Panel reports have been late for several months.",
            "Not much. Panel volunteers have had no refresher training in a long time.",
            "Volunteers feel like an afterthought and are not kept informed.",
        ],
    },
    "should_change": {
        "positive": [
            "More chances for panel members to observe each other would help consistency.",
            "Perhaps an easy-read version of the panel report for children.",
            "Slightly shorter reports would make them easier to digest before panel.",
        ],
        "mixed": [
            "Panel reports need to be on time consistently, ideally three working days before.",
            "Volunteer training should be refreshed and include trauma-informed practice.",
            "More consistency across the four areas in how panels are run.",
        ],
        "negative": [
            "Panel reports must arrive on time. "
            "Volunteers cannot prepare properly when they arrive on the day.",
            "Volunteers should be consulted before changes are made to how panels work.",
            "Panel members need better guidance on handling disagreements with parents.",
        ],
    },
}

_MAGISTRATE = {
    "works_well": {
        "positive": [
            "Reports to court are balanced and give the bench a real sense of the child.",
            "The court duty officer is always well prepared and knows the young person.",
            "Pre-sentence reports set out clear, realistic options for the bench.",
        ],
        "mixed": [
            "Court reports are thorough. It would help to receive them a little earlier.",
            "Reports are good, though the child's own words are not always in them.",
        ],
        "negative": [
            "Reports to court are sometimes generic and do not reflect the child in front of us.",
            "Court reports are too often late or missing key information.",
        ],
    },
    "should_change": {
        "positive": [
            "Continue as is. The bench would welcome a short briefing on services available.",
            "A short note on how Turnaround and MORSE Youth work would help sentencing.",
        ],
        "mixed": [
            "Give magistrates more information on what interventions are actually available.",
            "Court reports could include more of the child's own voice.",
        ],
        "negative": [
            "Reports must reach the court in time to be read before the hearing.",
            "We are rarely told whether an order we made was completed.",
        ],
    },
}

_PARTNER = {
    "works_well": {
        "positive": [
            "Joint working with our school has been excellent. "
            "Information is shared quickly and appropriately.",
            "From a policing perspective, the out-of-court decision-making panel works well "
            "and is timely.",
            "The team are quick to respond to referrals from children's social care.",
            "The joint decision-making panel in Worcestershire is a model of good practice.",
        ],
        "mixed": [
            "Joint working with police is strong, though links with social care vary by area.",
            "Information sharing works well in Telford; it is less consistent in Shropshire.",
            "The out-of-court panel is effective, but decisions are not always fed back.",
        ],
        "negative": [
            "As a school, we are often the last to know about court outcomes for our pupils.",
            "The referral process is slow and unclear for partner agencies.",
            "Not a great deal. Police are rarely told the outcome of joint decisions.",
        ],
    },
    "should_change": {
        "positive": [
            "Nothing significant. A short annual partner event would be welcome.",
            "Consider a link worker for each secondary school.",
            "Offer joint training with police on the Child-First approach.",
        ],
        "mixed": [
            "Information sharing with schools should be routine, not dependent on individuals.",
            "Feedback to police on out-of-court outcomes should be automatic.",
            "Agree shared outcomes with partners so we are all measuring the same things.",
        ],
        "negative": [
            "Information sharing needs a complete overhaul. We are working with one hand tied.",
            "Stop holding meetings at times partners cannot attend "
            "and then recording non-attendance.",
            "There should be a proper feedback loop for referring officers.",
        ],
    },
}


def _by_question(banks: dict[str, dict[str, dict[str, list[str]]]]) -> dict:
    """{role: {question: bank}} turned to {question: {role: bank}}."""
    questions = {q for bank in banks.values() for q in bank}
    return {q: {role: bank[q] for role, bank in banks.items()} for q in questions}


WRITER_TEXTS: dict[str, dict[str, dict[str, dict[str, list[str]]]]] = {
    "tell-us": {
        "message": {
            "child": _CHILD,
            "parent_carer": _PARENT,
            "victim": _VICTIM,
            "professional": _PROFESSIONAL,
            "someone_else": _SOMEONE_ELSE,
        }
    },
    "service-feedback": _by_question(
        {
            "staff": _STAFF,
            "volunteer": _PANEL,
            "panel_member": _PANEL,
            "magistrate": _MAGISTRATE,
            "partner": _PARTNER,
            "other": _PARTNER,
        }
    ),
}

# Who sends a Tell us message, and who answers the partners' form: more parents and children
# than victims; more partners and panel members than magistrates.
WRITER_WEIGHTS: dict[str, dict[str, int]] = {
    "tell-us": {
        "child": 30,
        "parent_carer": 35,
        "victim": 8,
        "professional": 22,
        "someone_else": 5,
    },
    "service-feedback": {
        "staff": 15,
        "volunteer": 15,
        "panel_member": 25,
        "magistrate": 12,
        "partner": 28,
        "other": 5,
    },
}
