"""The words staff read for the codes we store, each table in one place with one meaning.

- A *source* is a survey, named for who answers it ("Children" for working-with-us): the report,
  the You Said, We Did workspace and its evidence all name feedback this way.
- An *audience* is the group a survey is written for, as its definition says
  (`audience = "children"`; the codes are `surveys.loader.AUDIENCES`). The words name one person.
"""

from __future__ import annotations

SOURCE_NAMES = {
    "working-with-us": "Children",
    "parent-carer": "Parents and carers",
    "victim-satisfaction": "Victims",
    "service-feedback": "Staff and partners",
    "tell-us": "Tell us messages",
    "panel-feedback": "Children after a panel",
    "panel-member-feedback": "Panel members after a panel",
    "training-feedback": "Staff after training",
    "staff-survey": "Staff survey (totals only)",
}

# The voices one survey holds, picked out by its "What is your role?" (service-feedback): the
# triangulation meeting hears staff, volunteers, panel members, magistrates and partners apart.
VOICE_NAMES = {
    "staff": "Staff",
    "volunteers": "Volunteers",
    "panel_members": "Panel members",
    "magistrates": "Magistrates",
    "partners": "Partner organisations",
}

AUDIENCE_NAMES = {
    "children": "A child or young person",
    "parents": "A parent or carer",
    "victims": "A victim",
    "anyone": "Someone using Tell us",
    "professionals": "A member of staff or a partner",
}

ACTION_STATUSES = {
    "open": "Open",
    "in_progress": "In progress",
    "done": "Done",
    "not_possible": "Not possible",
}

# What redaction puts in place of a detail, and the words for the detail when staff are warned.
PLACEHOLDER_KINDS = {
    "[name]": "a name",
    "[phone]": "a phone number",
    "[email]": "an email address",
    "[address]": "an address",
    "[postcode]": "a postcode",
    "[date]": "a date",
    "[school]": "a school name",
    "[number]": "a reference number",
    "[link]": "a web link",
    "[social]": "a social media name",
}

# How a response reached us (`Response.channel`, `Source.channel`).
CHANNEL_NAMES = {
    "qr": "QR code",
    "link": "Web link",
    "paper": "Paper form, typed in by staff",
    "phone": "Phone call, recorded by staff",
    "email": "Email, recorded by staff",
    "import": "Imported from Microsoft Forms or Excel",
    "website": "Website message, recorded by staff",
    "in_person": "In person, recorded by staff",
    "letter": "Letter, recorded by staff",
}

# Kinds of harm a safeguarding flag names: the rules' categories and the concept families' harms
# (`SafeguardingFlag.categories` holds either, joined by ", ").
HARM_NAMES = {
    "abuse": "abuse or neglect",
    "exploitation": "exploitation",
    "harm_to_others": "harm to others or weapons",
    "radicalisation": "radicalisation",
    "self_harm": "self-harm or suicide",
    "threats": "threats or violence",
    "unsafe_at_home": "unsafe at home",
    "suicidal": "suicidal thoughts or hopelessness",
    "domestic_abuse": "domestic abuse",
    "criminal_exploitation": "criminal exploitation",
    "sexual_exploitation": "sexual exploitation or grooming",
    "threats_violence": "threats or serious violence",
    "unsafe_home": "unsafe at home or nowhere safe to stay",
}

# Staff roles (`feedback_app.models.ROLES` says what each may do).
ROLE_NAMES = {
    "admin": "Admin",
    "leadership": "Leadership",
    "champion": "Champion",
    "practitioner": "Practitioner",
    "complaints_lead": "Complaints lead",
    "safeguarding_lead": "Safeguarding lead",
}


def harm_names(categories: str | None) -> str:
    """A flag's stored kinds of harm ("self_harm, abuse") in words; empty when none was named."""
    codes = [c.strip() for c in (categories or "").split(",") if c.strip()]
    return "; ".join(HARM_NAMES.get(c, c.replace("_", " ")) for c in codes)


# The kinds of record the audit log names (`AuditEvent.entity`), and its less plain actions.
RECORD_NAMES = {
    "action": "You Said, We Did action",
    "audience": "wording",
    "finished_counts": "response-rate counts",
    "help_offer": "offer to help",
    "import_batch": "import",
    "job": "background job",
    "label_correction": "label correction",
    "participation_activity": "participation activity",
    "report": "quarterly report",
    "response": "response",
    "safeguarding_flag": "safeguarding flag",
    "scorer": "text scorer",
    "service_closure": "closure day",
    "source": "poster or link",
    "staff_user": "staff account",
    "survey": "survey",
    "tell_us_case": "Tell us case",
}
AUDIT_ACTIONS = {
    "record_tell_us": "record a Tell us message",
    "subject_access_export": "give a subject access copy",
    "correct_label": "correct the label",
}
