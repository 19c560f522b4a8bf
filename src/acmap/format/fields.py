"""Format version 1, declared once: the loader checks files against it and `acmap schema` prints it.

Each `Shape` is one kind of YAML mapping (the account, a stakeholder, a link, ...) and lists its
fields. Nothing here knows about YAML nodes or JSON Schema; load.py and schema.py read it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from acmap import model as m

SLUG_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"
SLUG_RULE = "use lowercase letters, digits, '-' and '_', starting with a letter or digit"
VERSION = 1


@dataclass(frozen=True, slots=True)
class Field:
    """One key of a mapping.

    kind is one of: text, slug, int, number, text_or_number, date, enum, version, object, list,
    id_map. For a list, `item` describes each element; an id_map is a mapping whose keys are ids
    of the `ref` space and whose values are each an `item` (an opportunity's `roles`). `ref`
    names the id space a value (an id_map: a key) must exist in ("unit", "stakeholder", "team",
    "opportunity"), checked after loading (E007).
    """

    kind: str
    doc: str
    required: bool = False
    choices: tuple[str, ...] = ()
    ref: str | None = None
    shape: Shape | None = None
    item: Field | None = None
    attr: str | None = None  # the model attribute, where it differs from the key
    default: str | None = None
    minimum: int | None = None  # numbers: the least allowed value
    maximum: int = 0  # numbers: the largest allowed magnitude (0: NUMBER_LIMIT)


# No real account counts or deals beyond this; larger numbers (a 401-digit amount) only break
# arithmetic downstream (float overflow), so the loader refuses them as E005.
NUMBER_LIMIT = 10**15


@dataclass(frozen=True, slots=True)
class Shape:
    name: str
    doc: str
    model: type[m.Located]
    fields: dict[str, Field] = field(default_factory=dict)


def _text(doc: str, required: bool = False) -> Field:
    return Field("text", doc, required=required)


def _enum(choices: tuple[str, ...], doc: str, default: str | None = None) -> Field:
    return Field("enum", doc, choices=choices, default=default)


def _ref(space: str, doc: str, required: bool = False) -> Field:
    return Field("slug", doc, required=required, ref=space)


def _texts(doc: str) -> Field:
    return Field("list", doc, item=Field("text", doc))


def _objects(shape: Shape, doc: str) -> Field:
    return Field("list", doc, item=Field("object", shape.doc, shape=shape))


def _id(doc: str) -> Field:
    return Field("slug", doc, required=True)


TEAM_MEMBER = Shape(
    "team member",
    "Someone on our side of the relationship.",
    m.TeamMember,
    {
        "id": _id("Short id used by `owner` fields, e.g. dana."),
        "name": _text("Full name.", required=True),
        "role": Field("slug", "Role on the account team, e.g. account_executive."),
        "email": _text("Email address."),
    },
)

_PERSON = "A stakeholder id."


def _person(doc: str) -> Field:
    return _ref("stakeholder", doc)


def _date(doc: str) -> Field:
    return Field("date", f"{doc} (YYYY-MM-DD).")


# Part two (SPEC §7): the deal as MEDDPICC sees it. Each item has one required text that says
# what it is; everything else is optional, so a rep can write down what they know.
COMPELLING_EVENT = Shape(
    "compelling event",
    "Why the customer must decide by a date.",
    m.CompellingEvent,
    {
        "date": _date("When it happens"),
        "what": _text("What happens then.", required=True),
    },
)

METRIC = Shape(
    "metric",
    "The outcome in numbers, ideally confirmed by someone at the account.",
    m.Metric,
    {
        "what": _text("What is measured.", required=True),
        "baseline": Field("number", "Where it stands today."),
        "target": Field("number", "Where it should get to."),
        "unit": _text("The unit of baseline and target, e.g. USD or days."),
        "confirmed_by": _person("Who at the account confirmed it: a stakeholder id."),
    },
)

CRITERION = Shape(
    "decision criterion",
    "How they will choose, and where we stand on it.",
    m.Criterion,
    {
        "id": Field("slug", "Short id of the criterion."),
        "text": _text("The criterion, e.g. 3-year TCO.", required=True),
        "owner": _person("Who at the account cares most about it: a stakeholder id."),
        "us": _enum(m.VERDICTS, "Where we stand on it.", default="unknown"),
    },
)

STEP = Shape(
    "step",
    "One step to a signed deal.",
    m.Step,
    {
        "step": _text("What the step is, e.g. Security review.", required=True),
        "owner": _person("Who at the account owns the step: a stakeholder id."),
        "due": _date("When it is due"),
        "status": _enum(m.STEP_STATUSES, "How the step stands.", default="planned"),
    },
)

RIVAL = Shape(
    "competitor",
    "Another vendor in this deal, or the status quo.",
    m.Rival,
    {
        "name": _text("Who, e.g. Initrode or status quo.", required=True),
        "status": _enum(m.COMPETITOR_STATUSES, "Where they stand in the deal."),
    },
)

EVIDENCE = Shape(
    "champion evidence",
    "Something the champion actually did for us.",
    m.Evidence,
    {
        "date": _date("When they did it"),
        "what": _text("What they did.", required=True),
    },
)

OPPORTUNITY = Shape(
    "opportunity",
    "A deal we are pursuing at this account.",
    m.Opportunity,
    {
        "id": _id("Short id of the opportunity."),
        "name": _text("What the deal is called.", required=True),
        "stage": _enum(m.STAGES, "Sales stage."),
        "amount": Field("number", "Deal value.", minimum=0),
        "currency": _text("ISO currency code, e.g. USD."),
        "close_date": Field("date", "Expected close date (YYYY-MM-DD)."),
        "buying_group": Field(
            "list",
            "Stakeholder ids involved in this buying decision.",
            item=_ref("stakeholder", "A stakeholder id."),
        ),
        "roles": Field(
            "id_map",
            "The buying committee of this deal: stakeholder id → roles in this deal; overrides "
            "the account-level roles for this opportunity only.",
            ref="stakeholder",
            item=Field("list", "Roles in this deal.", item=_enum(m.ROLES, "A buying role.")),
        ),
        "compelling_event": Field("object", COMPELLING_EVENT.doc, shape=COMPELLING_EVENT),
        "metrics": _objects(METRIC, "M: the outcome in numbers."),
        "decision_criteria": _objects(CRITERION, "D: how they will choose."),
        "decision_process": _objects(STEP, "D: the steps to a yes."),
        "paper_process": _objects(STEP, "P: legal, procurement and security paperwork."),
        "competition": _objects(RIVAL, "C: who else is in the deal, incl. status quo."),
        "champion_evidence": _objects(EVIDENCE, "What the champion actually did for us."),
    },
)

ACCOUNT = Shape(
    "account",
    "The target customer account.",
    m.Account,
    {
        "id": _id("Account id, a slug equal to the file name without .yaml."),
        "name": _text("The account's name.", required=True),
        "tier": _enum(m.TIERS, "How strategic the account is.", default="standard"),
        "owner": _ref("team", "Our account owner: an id from team."),
        "team": _objects(TEAM_MEMBER, "Our side of the relationship."),
        "industry": _text("Industry, free text."),
        "region": _text("Region, free text."),
        "website": _text("Website address."),
        "employees": Field("int", "Head count.", minimum=0),
        "revenue": Field("text_or_number", "Annual revenue, a number or text like '$1.2B'."),
        "reviewed": Field("date", "When the whole map was last reviewed (YYYY-MM-DD)."),
        "goals": _texts("The account's own goals and objectives."),
        "pains": _texts("Problems the account wants solved."),
        "competitors": _texts("Competitors present at the account."),
        "opportunities": _objects(OPPORTUNITY, "Deals in flight."),
    },
)

UNIT = Shape(
    "unit",
    "A division, department or team of the account.",
    m.Unit,
    {
        "id": _id("Short id of the unit."),
        "name": _text("Unit name.", required=True),
        "parent": _ref("unit", "The unit this one sits in: a unit id."),
    },
)

CONTACT = Shape(
    "contact",
    "How to reach a stakeholder.",
    m.Contact,
    {
        "email": _text("Email address."),
        "phone": _text("Phone number (quote it)."),
        "linkedin": _text("LinkedIn profile address."),
    },
)

PREFERENCES = Shape(
    "preferences",
    "How a stakeholder likes to be engaged.",
    m.Preferences,
    {
        "channel": _enum(m.CHANNELS, "Preferred channel."),
        "cadence": _enum(m.CADENCES, "Preferred contact cadence."),
        "style": _text("Communication style, free text."),
    },
)

MOVE = Shape(
    "move",
    "Where someone who left went: only with status: left.",
    m.Move,
    {
        # Not a `ref`: the account may be outside the files being checked (SPEC §7).
        "account": Field("slug", "The account they moved to: an account id.", required=True),
        "on": _date("When they moved"),
    },
)

STAKEHOLDER = Shape(
    "stakeholder",
    "A person at the account who matters to the deal.",
    m.Stakeholder,
    {
        "id": _id("Short id, unique in the file, e.g. mlee."),
        "name": _text("Full name; omit only for a known position whose holder is not yet known."),
        "title": _text("Job title; required when name is omitted."),
        "unit": _ref("unit", "The unit this person works in: a unit id."),
        "reports_to": _ref("stakeholder", "Formal reporting line: a stakeholder id."),
        "roles": Field(
            "list",
            "Buying roles this person plays.",
            item=_enum(m.ROLES, "A buying role."),
        ),
        "stance": _enum(m.STANCES, "Where this person stands on us.", default="unknown"),
        "influence": _enum(
            m.INFLUENCE_LEVELS, "How much sway this person has (absent = not assessed)."
        ),
        "status": _enum(m.STATUSES, "left = no longer at the account.", default="active"),
        "owner": _ref("team", "Who on our team covers this person: an id from account.team."),
        "last_contact": Field("date", "Date of our last real two-way interaction (YYYY-MM-DD)."),
        "contact": Field("object", CONTACT.doc, shape=CONTACT),
        "prefers": Field("object", PREFERENCES.doc, shape=PREFERENCES),
        "priorities": _texts("What this person cares about."),
        "tags": _texts("Free tags."),
        "notes": _text("Free notes."),
        "favours": _text(
            "A competitor this person leans towards (free text; matched to competitors)."
        ),
        "moved_to": Field("object", MOVE.doc, shape=MOVE),
    },
)

LINK = Shape(
    "link",
    "A relationship beyond the formal reporting line.",
    m.Link,
    {
        # `from` is a Python keyword and `to` reads badly in code: the model says source/target.
        "from": Field(
            "slug",
            "Stakeholder id at the start of the link.",
            True,
            ref="stakeholder",
            attr="source",
        ),
        "to": Field(
            "slug", "Stakeholder id at the end of the link.", True, ref="stakeholder", attr="target"
        ),
        "type": Field(
            "enum",
            "influences: from sways to; dotted_line: from informally reports to to; mentors; "
            "allies and conflicts are mutual.",
            required=True,
            choices=m.LINK_TYPES,
        ),
        "strength": _enum(m.STRENGTHS, "How strong the relationship is.", default="medium"),
        "note": _text("Free note."),
    },
)
ACQUAINTANCE = Shape(
    "knows entry",
    "A stakeholder this partner has a relationship with.",
    m.Acquaintance,
    {
        "stakeholder": _ref("stakeholder", "A stakeholder id.", required=True),
        "strength": _enum(m.STRENGTHS, "How well the partner knows them.", default="medium"),
        "note": _text("Free note."),
    },
)

PARTNER = Shape(
    "partner",
    "A partner organisation present at this account.",
    m.Partner,
    {
        "id": _id("Short id of the partner."),
        "name": _text("Partner name.", required=True),
        "type": _enum(m.PARTNER_TYPES, "Kind of partner."),
        "owner": _ref("team", "Our partner manager: an id from account.team."),
        "knows": _objects(ACQUAINTANCE, "People at the account this partner knows."),
    },
)

ACTION = Shape(
    "action",
    "One step of the engagement plan: who on our team does what, with whom, by when.",
    m.Action,
    {
        "what": _text("What is to be done.", required=True),
        "owner": _ref("team", "Who on our team does it: an id from account.team."),
        "with": Field(
            "list", "Stakeholder ids it is done with.", item=_person(_PERSON), attr="people"
        ),
        "due": _date("When it is due"),
        "status": _enum(m.ACTION_STATUSES, "How the action stands.", default="open"),
        "opportunity": _ref("opportunity", "The deal it serves: an opportunity id."),
    },
)

MAP = Shape(
    "map",
    "An acmap account map, format version 1: one target account per file.",
    m.AccountMap,
    {
        "acmap": Field("version", "Format version: 1.", required=True, attr="version"),
        "account": Field("object", ACCOUNT.doc, required=True, shape=ACCOUNT),
        "units": _objects(UNIT, "Organisation structure: divisions, departments, teams."),
        "stakeholders": _objects(STAKEHOLDER, "People at the account who matter to a deal."),
        "links": _objects(LINK, "Relationships beyond the formal reporting line."),
        "partners": _objects(PARTNER, "Partner organisations present at this account."),
        "actions": _objects(ACTION, "The engagement plan."),
    },
)

# A map may silence rules for itself: `x-acmap-ignore: [G103, rose-tinted]` under `account:`.
IGNORE_KEY = "x-acmap-ignore"
# The CRM's id of a person (issue 17), kept under a user key so that other tools may keep it too.
CRM_ID_KEY = "x-crm-id"
