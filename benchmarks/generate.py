"""Synthetic portfolios of account maps, for benchmarks.

Deterministic: the same arguments give byte-identical files. Account number ``i`` of a portfolio is
drawn from its own random stream (seed, i), so a bigger portfolio with the same seed contains the
accounts of a smaller one (except which few are the large ones, spread over the portfolio).

Usage::

    python benchmarks/generate.py OUTDIR --accounts 2000 [--seed 1] [--large K] [--git]
    python benchmarks/generate.py OUTDIR --single 500 [--seed 1]        # one 500-person account
    python benchmarks/generate.py OUTDIR --accounts 200 --stakeholders 40  # every account 40 people
    python benchmarks/generate.py OUTDIR --modify 3 [--no-commit]     # edit 3 maps, commit again
    python benchmarks/generate.py OUTDIR --accounts 2000 --deals   # with deal blocks and actions

It writes ``OUTDIR/acmap.toml`` and ``OUTDIR/maps/<account-id>.yaml``. The YAML is written by a
small emitter of its own (block style, with the flow style people use by hand for short items),
because yaml.dump is far too slow for 10,000 accounts. Loading a file with yaml.CSafeLoader and
emitting it again gives the same text, which is how ``--modify`` edits maps.
"""

from __future__ import annotations

import argparse
import importlib
import os
import random
import re
import shutil
import subprocess
import sys
import time
import unicodedata
from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any, NamedTuple

TODAY = date(2026, 11, 22)
MAX_LINE = 100  # a flow item longer than this is written in block style, as a person would
HEADER = "# yaml-language-server: $schema=../acmap.schema.json\n"

Doc = dict[str, Any]

# --------------------------------------------------------------------------------------------
# Vocabulary
# --------------------------------------------------------------------------------------------

FIRST_NAMES = (
    "Mary", "James", "Priya", "Wei", "Fatima", "Lucas", "Sofia", "Ahmed", "Hannah", "Kenji",
    "Olga", "Carlos", "Aisha", "Thomas", "Mei", "David", "Ingrid", "Rahul", "Chloe", "Mateo",
    "Yuki", "Daniel", "Amara", "Patrick", "Elena", "Omar", "Grace", "Lars", "Nadia", "Samuel",
    "Isabel", "Kwame", "Laura", "Hiroshi", "Zoë", "Noah", "Leila", "Marco", "Anna", "Victor",
    "Sara", "Ethan", "Ana", "Jonas", "Emily", "Raj", "Julia", "Felix", "Camille", "Andrew",
    "Tomás", "Rachel", "Ibrahim", "Karen", "Mikhail", "Linda", "Chen", "Diego", "Beatriz", "Paul",
    "Sean", "Martina", "Kofi", "Helen", "Arjun", "Nina", "Oscar", "Ruth", "Jin", "Claire",
)  # fmt: skip
LAST_NAMES = (
    "Lee", "Smith", "Nair", "Zhang", "Haddad", "Moreau", "Rossi", "Khan", "Schmidt", "Tanaka",
    "Ivanova", "Garcia", "Okafor", "Müller", "Chen", "Cohen", "Larsen", "Sharma", "Dubois",
    "Fernández", "Sato", "Walker", "Mensah", "O'Brien", "Petrova", "Hassan", "Kim", "Nilsson",
    "Ali", "Johnson", "Silva", "Boateng", "Martin", "Yamamoto", "Becker", "Lopez", "Rahman",
    "Bianchi", "Novak", "Ruiz", "Brown", "Jensen", "Patel", "Wright", "Costa", "Fischer", "Park",
    "Kowalski", "Nguyen", "Murphy", "Eriksen", "Santos", "Wong", "Dimitrov", "Clarke", "Ahmed",
    "Weber", "Morales", "Singh", "Taylor", "Hughes", "Kaya", "Young", "Van Dijk", "Adeyemi",
)  # fmt: skip

COMPANY_PREFIXES = (
    "Globex", "Initech", "Umbrella", "Hooli", "Vandelay", "Acme", "Stark", "Wayne", "Tyrell",
    "Cyberdyne", "Soylent", "Wonka", "Oscorp", "Aperture", "Nakatomi", "Monarch", "Dunder",
    "Sterling", "Kramerica", "Northgate", "Bluewater", "Redwood", "Silverline", "Ironbridge",
    "Clearpoint", "Highmark", "Summit", "Pinnacle", "Harbor", "Evergreen", "Keystone", "Meridian",
    "Orion", "Atlas", "Beacon", "Cobalt", "Crescent", "Falcon", "Granite", "Horizon", "Juniper",
    "Lakeshore", "Maple", "Nimbus", "Oakridge", "Polaris", "Quantum", "Riverbend", "Sapphire",
    "Sequoia", "Titan", "Vertex", "Willow", "Zenith", "Apex", "Arbor", "Aurora", "Brightwater",
    "Cascade", "Cedar", "Coastal", "Copper", "Delta", "Eastwind", "Everest", "Fairview",
    "Frontier", "Greenfield", "Halcyon", "Heritage", "Ivory", "Jade", "Kestrel", "Lighthouse",
    "Lumen", "Magnolia", "Northstar", "Oceanic", "Paragon", "Pioneer", "Prairie", "Radiant",
    "Ridgeway", "Sierra", "Solstice", "Stonebridge", "Sunrise", "Tidewater", "Trident", "Union",
    "Valley", "Vanguard", "Westbrook", "Whitestone", "Blue Sun", "Massive", "Gekko", "Wolfram",
    "Contoso", "Fabrikam",
)  # fmt: skip
SECTORS = (  # (word in the company name, industry)
    ("Logistics", "Logistics"), ("Health", "Healthcare"), ("Foods", "Food & Beverage"),
    ("Energy", "Energy"), ("Bank", "Financial Services"), ("Insurance", "Insurance"),
    ("Retail", "Retail"), ("Pharma", "Pharmaceuticals"), ("Motors", "Automotive"),
    ("Telecom", "Telecommunications"), ("Systems", "Software"), ("Labs", "Biotech"),
    ("Steel", "Manufacturing"), ("Airlines", "Aviation"), ("Media", "Media"),
    ("Chemicals", "Chemicals"), ("Capital", "Financial Services"), ("Hotels", "Hospitality"),
    ("Freight", "Transportation"), ("Utilities", "Utilities"), ("Devices", "Medical Devices"),
    ("Semiconductors", "Semiconductors"), ("Construction", "Construction"), ("Mining", "Mining"),
)  # fmt: skip
LEGAL_FORMS = ("", "Group", "Holdings", "International", "Partners", "Corporation")
REGIONS = (
    "North America", "EMEA", "DACH", "Nordics", "UK&I", "APAC", "LATAM", "Benelux", "France",
    "Southern Europe", "Middle East", "Japan", "ANZ",
)  # fmt: skip
COMPETITORS = (
    "Initrode", "Intertrode", "Bluth Software", "Prestige Worldwide", "Sirius Cybernetics",
    "Spacely Systems", "Cogswell Cogs", "Yoyodyne", "Virtucon", "Gringotts Tech", "Dynacorp",
    "Big Kahuna", "Rekall", "Omni Consumer Products", "Veridian Dynamics", "Zorg Industries",
    "in-house build", "status quo (spreadsheets)", "Oracle", "SAP", "Salesforce", "ServiceNow",
)  # fmt: skip
GOALS = (
    "Cut freight cost 10% in FY27", "Consolidate ERP instances by 2027",
    "Grow recurring revenue to 40% of total", "Reach net zero in operations by 2030",
    "Expand into three new APAC markets", "Reduce customer churn below 5%",
    "Automate month-end close to 3 days", "Modernise the data platform",
    "Pass the SOC 2 Type II audit", "Improve on-time delivery to 98%",
    "Double e-commerce share of sales", "Halve supplier onboarding time",
    "Launch the new loyalty programme", "Retire legacy mainframe by 2028",
    "Raise employee engagement score by 10 points", "Integrate the Westbrook acquisition",
    "Open two new distribution centres", "Reduce unplanned downtime by 20%",
)  # fmt: skip
PAINS = (
    "Manual carrier invoicing", "Spreadsheets everywhere in planning", "No single customer view",
    "Slow quote-to-cash cycle", "Shadow IT in the business units", "Audit findings on access",
    "High attrition in the service desk", "Legacy ERP out of support in 2027",
    "Inconsistent reporting across regions", "Vendor sprawl", "Long procurement cycles",
    "Data quality issues in CRM", "Rising cloud costs", "Poor forecast accuracy",
    "Siloed regional teams", "Outage during last peak season",
)  # fmt: skip
PRODUCTS = (
    "TMS rollout", "Analytics platform", "Data warehouse migration", "Security suite",
    "CRM expansion", "ERP upgrade", "Cloud migration", "Support renewal", "Procurement suite",
    "HR platform", "Field service pilot", "Integration hub", "Planning module",
    "Service desk replacement", "Contract management", "Observability pilot", "Billing revamp",
    "Customer portal", "Identity and access", "Warehouse automation",
)  # fmt: skip
STAGE_WEIGHTS = (
    ("discovery", 25), ("qualification", 25), ("proposal", 20), ("negotiation", 12),
    ("closed_won", 10), ("closed_lost", 8),
)  # fmt: skip
STYLES = (
    "Numbers first, short emails", "Wants an agenda 24h ahead", "Prefers face to face",
    "Likes detailed technical deep dives", "Brief, bullet points only", "Early mornings",
    "No calls on Fridays", "Responds to peer references", "Wants the business case up front",
    "Informal; first names", "Goes through the EA for meetings", "Visual: slides over documents",
    "Asks for data, not anecdotes", "Values quick follow-up", "Dislikes cold outreach",
)  # fmt: skip
TAGS = (
    "board-member", "new-in-role", "ex-customer", "budget-holder", "detractor-risk", "technical",
    "travels-a-lot", "remote", "promoted-2026", "reference-candidate", "exec-sponsor-pair",
    "needs-roi", "works-council", "part-time",
)  # fmt: skip
GENERIC_PRIORITIES = (
    "Cost control", "Vendor consolidation", "Risk reduction", "Speed of delivery",
    "Headcount efficiency", "Regulatory compliance", "Customer experience", "Time to value",
    "Predictable spend", "Fewer tools", "Career visibility", "Team workload",
)  # fmt: skip
LINK_NOTES = (
    "Golf partners", "Worked together at Initrode", "Sits on the steering committee together",
    "Former manager", "Same MBA cohort", "Clashed over the 2025 budget", "Weekly one-on-one",
    "Trusted advisor on vendor choices", "Rivals for the COO role", "Co-own the transformation",
    "Listens to on anything technical", "Book club", "Sponsor of the data programme",
)  # fmt: skip
KNOWS_NOTES = (
    "Delivered their last ERP project", "Long-time reseller relationship", "Ex-colleagues",
    "Met at their partner summit", "Runs the managed service", "Plays five-a-side together",
)  # fmt: skip
NOTE_SENTENCES = (
    "Former {title} at {company}.", "Joined from {company} in {month} 2025.",
    "Prefers data over anecdotes; bring a business case.",
    "Reports to the board quarterly on: cost, risk and delivery.",
    "Skeptical of SaaS pricing after the {competitor} renewal.",
    "Met at the {month} customer summit; asked for a follow-up demo.",
    "Owns the budget line for {product}.", "Has the ear of the CEO.",
    "Burned by a failed rollout in 2024.", "Wants references from their industry.",
    "Out on leave until {month}.", "Pushes for an RFP whenever spend exceeds 100k.",
    "Close to {competitor}'s account team.", "Sponsor of the internal #automation community.",
    'Called our pricing "reasonable, if the pilot works".', "Travels a lot; catch after 5pm.",
    "Asked for a security questionnaire by {month}.", "Key voice in the steering committee.",
)  # fmt: skip
MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
SELLERS = (
    ("dana", "Dana Ruiz"), ("omar", "Omar Haddad"), ("priya", "Priya Raman"),
    ("lucas", "Lucas Berg"), ("mei", "Mei Tan"), ("sam", "Sam Okoro"), ("julia", "Julia Marsh"),
    ("ben", "Ben Adler"),
    ("nora", "Nora Lind"), ("raj", "Raj Mehta"), ("tess", "Tess Quinn"), ("ivan", "Ivan Petrov"),
    ("zara", "Zara Malik"), ("leo", "Leo Fontaine"), ("amy", "Amy Ko"), ("hugo", "Hugo Alves"),
    ("ruth", "Ruth Abara"), ("finn", "Finn Walsh"), ("kira", "Kira Holm"), ("max", "Max Brandt"),
    ("ines", "Inês Carvalho"), ("tom", "Tom Reyes"), ("lina", "Lina Sayed"), ("eli", "Eli Stone"),
)  # fmt: skip
TEAM_ROLES = (
    "solutions_engineer", "customer_success", "executive_sponsor", "partner_manager",
    "sales_development", "value_consultant",
)  # fmt: skip
PARTNERS = (
    ("northwind-si", "Northwind Consulting", "si"),
    ("contoso-partners", "Contoso Partners", "reseller"),
    ("fabrikam-integration", "Fabrikam Integration", "si"),
    ("adventure-works", "Adventure Works Advisory", "consultancy"),
    ("tailspin-tech", "Tailspin Technologies", "technology"),
    ("wide-world", "Wide World Importers IT", "reseller"),
    ("litware", "Litware Referral Network", "referral"),
    ("proseware", "Proseware Cloud", "technology"),
    ("lucerne-advisors", "Lucerne Advisors", "consultancy"),
    ("margie-travel", "Margie's Digital", "si"),
    ("coho-group", "Coho Group", "reseller"),
    ("alpine-ski", "Alpine Systems House", "si"),
    ("blue-yonder-advisory", "Blue Yonder Advisory", "consultancy"),
    ("trey-research", "Trey Research", "referral"),
)  # fmt: skip


class Department(NamedTuple):
    id: str
    name: str
    heads: tuple[str, ...]  # titles of the department's head
    teams: tuple[str, ...]  # its sub-units
    titles: tuple[str, ...]  # individual contributors' titles
    role: str  # the buying role its people tend to hold
    priorities: tuple[str, ...]


DEPARTMENTS = tuple(Department(*fields) for fields in (
    ("finance", "Finance", ("CFO", "Chief Financial Officer"),
     ("FP&A", "Accounting", "Treasury", "Tax", "Accounts Payable", "Financial Controlling"),
     ("Financial Analyst", "Senior Accountant", "Controller", "Finance Business Partner"), "",
     ("Predictable freight spend", "Faster close", "Working capital", "Audit readiness")),
    ("it", "IT", ("CIO", "Chief Information Officer", "Chief Digital Officer"),
     ("Infrastructure", "Enterprise Applications", "Information Security", "Data & Analytics",
      "Service Desk", "Enterprise Architecture", "Cloud Platform"),
     ("Systems Engineer", "Solutions Architect", "IT Analyst", "Data Engineer", "Security Analyst",
      "Business Analyst", "Cloud Engineer"), "technical_buyer",
     ("Reduce technical debt", "Single sign-on everywhere", "Fewer integrations to maintain",
      "Zero critical audit findings")),
    ("operations", "Operations", ("COO", "Chief Operating Officer", "EVP Operations"),
     ("Supply Chain", "Logistics", "Facilities", "Quality", "Manufacturing", "Warehousing"),
     ("Operations Analyst", "Planner", "Logistics Coordinator", "Process Engineer", "Site Lead"),
     "", ("On-time delivery", "Lower cost per shipment", "Plant uptime", "Safety record")),
    ("sales", "Sales", ("CRO", "Chief Revenue Officer", "EVP Sales"),
     ("Sales Operations", "Enterprise Sales", "Inside Sales", "Channel Sales", "Sales Enablement"),
     ("Account Manager", "Sales Analyst", "Sales Engineer", "Regional Sales Lead"), "",
     ("Hit the FY27 number", "Forecast accuracy", "Rep ramp time")),
    ("marketing", "Marketing", ("CMO", "Chief Marketing Officer"),
     ("Demand Generation", "Brand", "Product Marketing", "Digital Marketing",
      "Marketing Operations"),
     ("Marketing Manager", "Campaign Specialist", "Content Lead", "Marketing Analyst"), "",
     ("Pipeline contribution", "Brand refresh", "Attribution you can trust")),
    ("hr", "Human Resources", ("CHRO", "Chief People Officer"),
     ("Talent Acquisition", "Learning & Development", "Compensation & Benefits", "HR Operations"),
     ("HR Business Partner", "Recruiter", "HRIS Analyst", "People Partner"), "",
     ("Retention", "Time to hire", "Employee experience")),
    ("legal", "Legal", ("General Counsel", "Chief Legal Officer"),
     ("Compliance", "Contracts", "Privacy", "Corporate Legal"),
     ("Counsel", "Paralegal", "Contract Manager", "Compliance Officer"), "legal",
     ("Standard contract terms", "GDPR compliance", "Limit liability")),
    ("procurement", "Procurement", ("CPO", "Chief Procurement Officer", "VP Procurement"),
     ("Strategic Sourcing", "Vendor Management", "IT Procurement", "Indirect Procurement"),
     ("Category Manager", "Buyer", "Sourcing Specialist", "Vendor Manager"), "procurement",
     ("Savings targets", "Fewer suppliers", "Three quotes per purchase")),
    ("engineering", "Engineering", ("CTO", "Chief Technology Officer", "SVP Engineering"),
     ("Platform", "Research & Development", "DevOps", "Quality Assurance", "Product Engineering"),
     ("Software Engineer", "Staff Engineer", "Engineering Manager", "QA Lead",
      "Site Reliability Engineer"), "technical_buyer",
     ("Developer productivity", "Release frequency", "Platform reliability")),
    ("customer-service", "Customer Service", ("Chief Customer Officer", "VP Customer Service"),
     ("Support", "Customer Success", "Field Service", "Contact Center"),
     ("Support Lead", "Customer Success Manager", "Service Analyst", "Field Technician"), "",
     ("First-contact resolution", "NPS above 50", "Lower handling time")),
    ("product", "Product", ("Chief Product Officer", "SVP Product"),
     ("Product Management", "UX Design", "Product Analytics"),
     ("Product Manager", "UX Designer", "Product Owner"), "",
     ("Roadmap focus", "Customer insight")),
    ("strategy", "Strategy & Transformation",
     ("Chief Strategy Officer", "Chief Transformation Officer"),
     ("Corporate Development", "PMO", "Transformation Office", "Innovation"),
     ("Strategy Manager", "Program Manager", "Business Architect"), "",
     ("Deliver the transformation programme", "M&A integration")),
))  # fmt: skip
TEAM_REGIONS = ("EMEA", "Americas", "APAC", "North", "South", "Central")

LINK_TYPES = (("influences", 45), ("allies", 20), ("conflicts", 12), ("dotted_line", 12),
              ("mentors", 11))  # fmt: skip
STANCE_WEIGHTS = (("unknown", 20), ("neutral", 28), ("supporter", 22), ("advocate", 8),
                  ("skeptic", 14), ("blocker", 8))  # fmt: skip
CHAMPION_STANCES = (("advocate", 50), ("supporter", 40), ("neutral", 7), ("skeptic", 3))
CHANNELS = (("email", 40), ("phone", 15), ("video", 20), ("in_person", 12), ("chat", 8),
            ("linkedin", 5))  # fmt: skip
CADENCES = (("weekly", 15), ("biweekly", 30), ("monthly", 40), ("quarterly", 15))
STRENGTHS = (("strong", 30), ("medium", 45), ("weak", 25))
TIERS = (("strategic", 10), ("key", 20), ("growth", 30), ("standard", 40))


def slug(text: str) -> str:
    """`Mary O'Brien` -> `mary-obrien`: ASCII, lower case, dashes."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower().replace("'", "")).strip("-")


# --------------------------------------------------------------------------------------------
# The emitter: plain data (as yaml.safe_load returns it) -> YAML text in a hand-written style
# --------------------------------------------------------------------------------------------

_PLAIN_BLOCK = re.compile(r"[A-Za-z\u00c0-\u024f][\w\u00c0-\u024f .,;'&()/@+%!?:-]*", re.ASCII)
_PLAIN_FLOW = re.compile(r"[A-Za-z\u00c0-\u024f][\w\u00c0-\u024f .;'&()/@+%!?-]*", re.ASCII)
_RESERVED = frozenset({"true", "false", "yes", "no", "on", "off", "null", "y", "n"})
_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r"}
_block_cache: dict[str, str] = {}
_flow_cache: dict[str, str] = {}

# Lists of mappings whose items are written as one-line flow mappings when they fit.
FLOW_ITEMS = frozenset({"team", "units", "links", "knows"})
# Mappings written in flow style when they fit.
FLOW_MAPS = frozenset({"contact"})


def _quote(text: str) -> str:
    out = []
    for ch in text:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ord(ch) < 0x20 or ch == "\x7f":
            out.append(f"\\x{ord(ch):02x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _plain_ok(text: str, flow: bool) -> bool:
    pattern = _PLAIN_FLOW if flow else _PLAIN_BLOCK
    if not pattern.fullmatch(text) or text.lower() in _RESERVED:
        return False
    if text.endswith((" ", ":")) or ": " in text:
        return False
    # Unicode letters other than the Latin-1/Extended-A range: leave them to the quoted form.
    return all(ord(ch) < 0x250 for ch in text)


def scalar(value: Any, flow: bool = False) -> str:
    """One scalar as YAML text: plain when that reads back as the same string, else quoted."""
    if isinstance(value, str):
        cache = _flow_cache if flow else _block_cache
        hit = cache.get(value)
        if hit is None:
            hit = value if _plain_ok(value, flow) else _quote(value)
            if len(cache) < 200_000:
                cache[value] = hit
        return hit
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, date):
        return value.isoformat()
    if value is None:
        return "null"
    raise TypeError(f"cannot emit {type(value).__name__}")


def _flow(value: Any) -> str | None:
    """A value in flow style, or None when it cannot be written on one line."""
    if isinstance(value, dict):
        parts = []
        for k, v in value.items():
            text = _flow(v)
            if text is None:
                return None
            parts.append(f"{k}: {text}")
        return "{" + ", ".join(parts) + "}"
    if isinstance(value, list):
        parts = []
        for v in value:
            text = _flow(v)
            if text is None:
                return None
            parts.append(text)
        return "[" + ", ".join(parts) + "]"
    if isinstance(value, str) and "\n" in value:
        return None
    return scalar(value, flow=True)


def _is_scalar_list(value: list[Any]) -> bool:
    return all(not isinstance(v, dict | list) for v in value)


def _emit_mapping(mapping: dict[str, Any], indent: int, out: list[str]) -> None:
    pad = " " * indent
    for key, value in mapping.items():
        head = f"{pad}{key}:"
        if isinstance(value, dict):
            if key in FLOW_MAPS:
                text = _flow(value)
                if text is not None and len(head) + 1 + len(text) <= MAX_LINE:
                    out.append(f"{head} {text}")
                    continue
            out.append(head)
            _emit_mapping(value, indent + 2, out)
        elif isinstance(value, list):
            if not value:
                out.append(f"{head} []")
            elif _is_scalar_list(value):
                text = _flow(value)
                if text is not None and len(head) + 1 + len(text) <= MAX_LINE:
                    out.append(f"{head} {text}")
                else:
                    out.append(head)
                    item_pad = pad + "  - "
                    out.extend(item_pad + scalar(v) for v in value)
            else:
                out.append(head)
                for item in value:
                    _emit_item(item, indent + 2, key in FLOW_ITEMS, out)
        elif isinstance(value, str) and "\n" in value:
            body = value[:-1] if value.endswith("\n") else value
            out.append(f"{head} |" if value.endswith("\n") else f"{head} |-")
            inner = pad + "  "
            out.extend(inner + line if line else "" for line in body.split("\n"))
        else:
            out.append(f"{head} {scalar(value)}")


def _emit_item(item: Any, indent: int, flow_ok: bool, out: list[str]) -> None:
    pad = " " * indent
    if not isinstance(item, dict):
        text = _flow(item) if isinstance(item, list) else scalar(item)
        out.append(f"{pad}- {text}")
        return
    if flow_ok:
        text = _flow(item)
        if text is not None and indent + 2 + len(text) <= MAX_LINE:
            out.append(f"{pad}- {text}")
            return
    start = len(out)
    _emit_mapping(item, indent + 2, out)
    out[start] = f"{pad}- {out[start][indent + 2 :]}"


def emit_map(doc: Doc) -> str:
    """A whole map file. `doc` is what yaml.safe_load returns for it (dates as `date`)."""
    out: list[str] = []
    for key, value in doc.items():
        if key not in ("acmap", "account"):
            out.append("")  # a blank line between sections, as people write them
        _emit_mapping({key: value}, 0, out)
    return HEADER + "\n".join(out) + "\n"


# --------------------------------------------------------------------------------------------
# One synthetic account
# --------------------------------------------------------------------------------------------


def _pick(rng: random.Random, weighted: Sequence[tuple[str, int]]) -> str:
    total = sum(w for _, w in weighted)
    x = rng.random() * total
    for value, weight in weighted:
        x -= weight
        if x < 0:
            return value
    return weighted[-1][0]


def _day(rng: random.Random, start: date, end: date) -> date:
    return start + timedelta(days=rng.randrange((end - start).days + 1))


def _maybe_quoted(rng: random.Random, day: date) -> date | str:
    """Dates are plain or quoted in hand-written files; quoted ones load as strings."""
    return day.isoformat() if rng.random() < 0.05 else day


class _Unique:
    """Hands out ids unique within one kind: `mlee`, then `mary-lee`, `mlee2`, …"""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def take(self, *candidates: str) -> str:
        for candidate in candidates:
            if candidate and candidate not in self.used:
                self.used.add(candidate)
                return candidate
        base = candidates[0] or "x"
        n = 2
        while f"{base}{n}" in self.used:
            n += 1
        self.used.add(f"{base}{n}")
        return f"{base}{n}"


_COMBOS = len(COMPANY_PREFIXES) * len(SECTORS) * len(LEGAL_FORMS)
_STRIDE = 7919  # prime, coprime with _COMBOS: account numbers map to distinct names


def company(seed: int, index: int) -> tuple[str, str, str, str]:
    """(account id, name, industry, e-mail domain) of account `index`; unique per portfolio."""
    combo = (index * _STRIDE + seed * 104729) % _COMBOS
    prefix = COMPANY_PREFIXES[combo % len(COMPANY_PREFIXES)]
    combo //= len(COMPANY_PREFIXES)
    word, industry = SECTORS[combo % len(SECTORS)]
    legal = LEGAL_FORMS[combo // len(SECTORS)]
    name = " ".join(part for part in (prefix, word, legal) if part)
    account_id = slug(name)
    if index >= _COMBOS:  # more accounts than names: a numbered sister company
        account_id += f"-{index // _COMBOS + 1}"
        name += f" {index // _COMBOS + 1}"
    domain = slug(prefix).replace("-", "") + slug(word) + ".example"
    return account_id, name, industry, domain


def _make_units(
    rng: random.Random, count: int
) -> tuple[list[Doc], dict[str, int], dict[str, tuple[int, str]]]:
    """Unit tree under `exec`: departments, their teams, and a few regional teams.

    Returns the units, the department index of each unit id, and each unit's (depth, label).
    """
    units: list[Doc] = [{"id": "exec", "name": "Executive"}]
    dept_of: dict[str, int] = {"exec": -1}
    info: dict[str, tuple[int, str]] = {"exec": (0, "Executive")}
    ids = _Unique()
    ids.take("exec")
    n_depts = min(len(DEPARTMENTS), max(3, round((count - 1) * 0.5)))
    depts = sorted(rng.sample(range(len(DEPARTMENTS)), n_depts))
    for d in depts[: count - 1]:
        uid = ids.take(DEPARTMENTS[d].id)
        units.append({"id": uid, "name": DEPARTMENTS[d].name, "parent": "exec"})
        dept_of[uid] = d
        info[uid] = (1, DEPARTMENTS[d].name)
    spare = [(d, sub) for d in depts for sub in DEPARTMENTS[d].teams]
    rng.shuffle(spare)
    teams: list[str] = []
    while len(units) < count:
        if teams and (rng.random() < 0.2 or not spare):
            parent = rng.choice(teams)
            region = rng.choice(TEAM_REGIONS)
            label = f"{info[parent][1]} {region}"
            uid = ids.take(slug(label))
            units.append({"id": uid, "name": label, "parent": parent})
            dept_of[uid] = dept_of[parent]
            info[uid] = (3, label)
            continue
        d, sub = spare.pop()
        uid = ids.take(slug(sub), f"{DEPARTMENTS[d].id}-{slug(sub)}")
        units.append({"id": uid, "name": sub, "parent": DEPARTMENTS[d].id})
        dept_of[uid] = d
        info[uid] = (2, sub)
        teams.append(uid)
    # Hand-written files keep a unit next to its department; sort by the department's position.
    order = {u["id"]: i for i, u in enumerate(units)}

    def family(unit: Doc) -> tuple[int, int]:
        top = unit["id"] if info[unit["id"]][0] <= 1 else None
        cursor = unit
        while top is None:
            cursor = units[order[cursor["parent"]]]
            top = cursor["id"] if info[cursor["id"]][0] <= 1 else None
        return order[top], order[unit["id"]]

    units = sorted(units, key=family)
    return units, dept_of, info


def _person_name(rng: random.Random) -> tuple[str, str]:
    return rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)


def _title(rng: random.Random, level: int, dept: int, label: str) -> str:
    if level == 0:
        return rng.choice(("CEO", "Chief Executive Officer", "President & CEO"))
    if dept < 0:
        return rng.choice(("Chief of Staff", "Executive Assistant to the CEO", "Board Advisor"))
    d = DEPARTMENTS[dept]
    if level == 1:
        return rng.choice(d.heads)
    if level == 2:
        return rng.choice((f"VP {label}", f"Director, {label}", f"Head of {label}"))
    if level == 3:
        return rng.choice((f"{label} Manager", f"Senior Manager, {label}", f"{label} Lead"))
    if rng.random() < 0.05:
        return "Executive Assistant"
    return rng.choice(("", "", "Senior ", "Lead ")) + rng.choice(d.titles)


def _roles(rng: random.Random, level: int, dept: int, title: str) -> list[str]:
    roles: list[str] = []
    r = rng.random
    special = DEPARTMENTS[dept].role if dept >= 0 else ""
    finance = dept >= 0 and DEPARTMENTS[dept].id == "finance"
    if "Assistant" in title or title == "Chief of Staff":
        return ["gatekeeper"] if r() < 0.8 else ["gatekeeper", "influencer"]
    if level == 0:
        if r() < 0.45:
            roles.append("economic_buyer")
        if r() < 0.35:
            roles.append("decision_maker")
    elif level == 1:
        if r() < (0.7 if finance else 0.12):
            roles.append("economic_buyer")
        if r() < 0.4:
            roles.append("decision_maker")
        if special == "technical_buyer" and r() < 0.4:
            roles.append("technical_buyer")
        if r() < 0.15:
            roles.append("influencer")
    elif level == 2:
        if r() < 0.15:
            roles.append("decision_maker")
        if r() < 0.08:
            roles.append("champion")
        if special and r() < 0.45:
            roles.append(special)
        if r() < 0.25:
            roles.append("influencer")
        if r() < 0.07:
            roles.append("coach")
    else:
        if r() < (0.07 if level == 3 else 0.03):
            roles.append("champion")
        if r() < 0.08:
            roles.append("coach")
        if special and r() < 0.4:
            roles.append(special)
        if r() < (0.18 if level == 3 else 0.06):
            roles.append("influencer")
        if r() < (0.25 if level == 3 else 0.45):
            roles.append("user")
    return roles


def _influence(rng: random.Random, level: int) -> str | None:
    if rng.random() < 0.12:
        return None
    table = (
        (("high", 90), ("medium", 10)),
        (("high", 75), ("medium", 25)),
        (("high", 30), ("medium", 60), ("low", 10)),
        (("high", 6), ("medium", 54), ("low", 40)),
        (("high", 2), ("medium", 28), ("low", 70)),
    )
    return _pick(rng, table[min(level, 4)])


def _notes(rng: random.Random, ctx: dict[str, str]) -> str:
    count = 1 if rng.random() < 0.7 else 2
    text = [rng.choice(NOTE_SENTENCES).format(**ctx) for _ in range(count)]
    if count == 2 and rng.random() < 0.3:
        return "\n".join(text) + "\n"  # a literal block, as people write longer notes
    return " ".join(text)


def make_account(seed: int, index: int, people: int) -> Doc:
    """The map of account number `index`, with exactly `people` stakeholders."""
    rng = random.Random(f"acmap-bench/{seed}/{index}")
    r = rng.random
    account_id, name, industry, domain = company(seed, index)

    # Our side: an account executive who owns the account, and 1-4 colleagues.
    sellers = rng.sample(SELLERS, rng.randint(2, 5))
    team: list[Doc] = []
    for i, (sid, sname) in enumerate(sellers):
        member: Doc = {"id": sid, "name": sname}
        member["role"] = "account_executive" if i == 0 else rng.choice(TEAM_ROLES)
        if r() < 0.8:
            member["email"] = f"{sid}@seller.example"
        team.append(member)
    team_ids = [m["id"] for m in team]
    partner_managers = [m["id"] for m in team if m["role"] == "partner_manager"] or team_ids

    n_units = max(4, min(30, round(4 + (people - 10) * 0.35)))
    units, dept_of, unit_info = _make_units(rng, n_units)
    unit_ids = [u["id"] for u in units]
    heads: dict[str, str] = {}  # unit id -> the stakeholder heading it
    parent_of = {u["id"]: u.get("parent") for u in units}

    # People, most senior first: everyone reports to someone already written, so the
    # reporting lines form a forest and never a cycle.
    slots: list[tuple[str, int]] = []
    if people >= 15 or r() < 0.6:
        slots.append(("exec", 0))
    for uid in unit_ids:
        depth = unit_info[uid][0]
        if depth in (1, 2) and len(slots) < people * 0.45 and r() < (0.85 if depth == 1 else 0.6):
            slots.append((uid, depth))
    weights = [0.15 if u == "exec" else (1.0 if unit_info[u][0] == 1 else 2.5) for u in unit_ids]
    while len(slots) < people:
        uid = rng.choices(unit_ids, weights)[0]
        slots.append((uid, 3 if r() < 0.3 else 4))
    slots = slots[:people]

    ids = _Unique()
    stakeholders: list[Doc] = []
    level_of: dict[str, int] = {}
    by_unit: dict[str, list[str]] = {}
    month = MONTHS
    for uid, level in slots:
        dept = dept_of[uid]
        label = unit_info[uid][1]
        title = _title(rng, level, dept, label)
        first, last = _person_name(rng)
        placeholder = r() < (0.08 if level <= 2 else 0.02)
        p: Doc = {}
        if placeholder:
            p["id"] = ids.take(slug(title) or "tbd", f"{slug(title)}-{uid}")
            p["title"] = title
        else:
            p["id"] = ids.take(slug(first[0] + last), slug(f"{first} {last}"))
            p["name"] = f"{first} {last}"
            if title and r() < 0.96:
                p["title"] = title
        pid = p["id"]
        p["unit"] = uid
        boss: str | None = None
        if level == 0:
            boss = None
        elif uid in heads and level > 1:
            peers = [q for q in by_unit.get(uid, []) if level_of[q] < level]
            boss = rng.choice(peers) if peers and r() < 0.5 else heads[uid]
        else:
            cursor = parent_of[uid]
            while cursor is not None and cursor not in heads:
                cursor = parent_of[cursor]
            boss = heads[cursor] if cursor is not None else None
        if boss is not None and r() < 0.9:
            p["reports_to"] = boss
        if uid not in heads and level <= 2:
            heads[uid] = pid
        roles = _roles(rng, level, dept, title)
        if roles:
            p["roles"] = roles
        champion = "champion" in roles
        stance = _pick(rng, CHAMPION_STANCES if champion else STANCE_WEIGHTS)
        if stance != "unknown" or r() < 0.6:
            p["stance"] = stance
        influence = _influence(rng, level)
        if influence:
            p["influence"] = influence
        if level >= 2 and r() < 0.03:
            p["status"] = "left"
        elif r() < 0.03:
            p["status"] = "active"
        if r() < (0.8 if level <= 2 else 0.55):
            p["owner"] = team_ids[0] if level <= 1 and r() < 0.6 else rng.choice(team_ids)
        if r() < 0.8:
            ago = min(int(rng.expovariate(1 / 55)), 400)
            p["last_contact"] = _maybe_quoted(rng, TODAY - timedelta(days=ago + 1))
        if not placeholder and r() < 0.8:
            a, b = slug(first).replace("-", ""), slug(last).replace("-", "")
            contact: Doc = {"email": f"{a}.{b}@{domain}"}
            if r() < 0.4:
                cc = rng.choice(("+1", "+44", "+49", "+33", "+81", "+61", "+31"))
                contact["phone"] = f"{cc} 555 {rng.randrange(10000):04d}"
            if r() < 0.2:
                contact["linkedin"] = (
                    f"https://www.linkedin.com/in/{a}-{b}-{rng.randrange(4096):03x}"
                )
            p["contact"] = contact
        if r() < 0.5:
            prefers: Doc = {}
            if r() < 0.95:
                prefers["channel"] = _pick(rng, CHANNELS)
            if r() < 0.75:
                prefers["cadence"] = _pick(rng, CADENCES)
            if r() < 0.3:
                prefers["style"] = rng.choice(STYLES)
            if prefers:
                p["prefers"] = prefers
        if r() < 0.3:
            pool = (DEPARTMENTS[dept].priorities if dept >= 0 else ()) + GENERIC_PRIORITIES
            p["priorities"] = rng.sample(pool, rng.randint(1, 3))
        if r() < 0.2:
            p["tags"] = rng.sample(TAGS, rng.randint(1, 2))
        if r() < 0.25:
            ctx = {
                "title": rng.choice(("CFO", "VP Finance", "Director of IT", "COO", "Head of Ops")),
                "company": rng.choice(COMPETITORS[:16]),
                "competitor": rng.choice(COMPETITORS[:16]),
                "month": rng.choice(month),
                "product": rng.choice(PRODUCTS),
            }
            p["notes"] = _notes(rng, ctx)
        if r() < 0.05:
            p["x-crm-id"] = f"003{rng.randrange(16**12):012X}"
        stakeholders.append(p)
        level_of[pid] = level
        by_unit.setdefault(uid, []).append(pid)

    # Most accounts know their economic buyer and have a champion; some do not (gaps to find).
    active = [p for p in stakeholders if p.get("status") != "left"]
    if active and r() < 0.8 and not any("economic_buyer" in p.get("roles", ()) for p in active):
        top = min(active, key=lambda p: level_of[p["id"]])
        top.setdefault("roles", []).insert(0, "economic_buyer")
    if active and r() < 0.7 and not any("champion" in p.get("roles", ()) for p in active):
        pick = rng.choice(active)
        pick.setdefault("roles", []).append("champion")
        pick["stance"] = _pick(rng, CHAMPION_STANCES)

    pids = [p["id"] for p in stakeholders]
    links = _make_links(rng, pids, level_of) if len(pids) > 1 else []

    partners: list[Doc] = []
    for pid_, pname, ptype in rng.sample(PARTNERS, _pick_int(rng, (25, 35, 25, 15))):
        partner: Doc = {"id": pid_, "name": pname, "type": ptype}
        if r() < 0.8:
            partner["owner"] = rng.choice(partner_managers)
        knows: list[Doc] = []
        known = sorted(pids, key=lambda q: (level_of[q], r()))[: max(6, len(pids) // 3)]
        for who in rng.sample(known, min(len(known), rng.randint(1, 6))):
            entry: Doc = {"stakeholder": who}
            if r() < 0.7:
                entry["strength"] = _pick(rng, STRENGTHS)
            if r() < 0.2:
                entry["note"] = rng.choice(KNOWS_NOTES)
            knows.append(entry)
        if knows:
            partner["knows"] = knows
        partners.append(partner)

    opportunities: list[Doc] = []
    power = [
        p["id"]
        for p in stakeholders
        if {"economic_buyer", "decision_maker"} & set(p.get("roles", ()))
    ]
    for product in rng.sample(PRODUCTS, rng.randint(1, 3)):
        stage = _pick(rng, STAGE_WEIGHTS)
        opp: Doc = {"id": slug(product), "name": product, "stage": stage}
        opp["amount"] = int(round(rng.lognormvariate(11.8, 0.9), -3)) or 5000
        opp["currency"] = _pick(rng, (("USD", 70), ("EUR", 20), ("GBP", 10)))
        if stage.startswith("closed"):
            opp["close_date"] = _maybe_quoted(rng, _day(rng, date(2026, 1, 15), TODAY))
        else:
            opp["close_date"] = _maybe_quoted(rng, _day(rng, date(2026, 12, 1), date(2027, 12, 31)))
        group = set(rng.sample(pids, min(len(pids), rng.randint(2, 6))))
        if power and r() < 0.8:
            group.add(rng.choice(power))
        opp["buying_group"] = [q for q in pids if q in group]
        opportunities.append(opp)

    account: Doc = {"id": account_id, "name": name}
    account["tier"] = _pick(rng, TIERS)
    account["owner"] = team_ids[0]
    account["team"] = team
    account["industry"] = industry
    account["region"] = rng.choice(REGIONS)
    account["website"] = f"https://www.{domain}"
    account["employees"] = int(round(rng.lognormvariate(8.5, 1.3), -1)) + 50
    if r() < 0.7:
        revenue = round(rng.lognormvariate(20.5, 1.4), -6)
        account["revenue"] = f"{revenue / 1e9:.1f}B USD" if r() < 0.5 else int(revenue)
    if r() < 0.85:
        account["reviewed"] = _maybe_quoted(rng, TODAY - timedelta(days=rng.randrange(1, 300)))
    if r() < 0.9:
        account["goals"] = rng.sample(GOALS, rng.randint(1, 4))
    if r() < 0.8:
        account["pains"] = rng.sample(PAINS, rng.randint(1, 4))
    if r() < 0.75:
        account["competitors"] = rng.sample(COMPETITORS, rng.randint(1, 3))
    account["opportunities"] = opportunities
    if r() < 0.5:
        account["x-crm-id"] = f"001{rng.randrange(16**12):012X}"
    if r() < 0.05:
        account["x-acmap-ignore"] = [rng.choice(("G304", "rose-tinted", "G105", "G303"))]

    doc: Doc = {"acmap": 1, "account": account, "units": units, "stakeholders": stakeholders}
    if links:
        doc["links"] = links
    if partners:
        doc["partners"] = partners
    return doc


# --------------------------------------------------------------------------------------------
# Deals and the engagement plan (SPEC §7), with --deals: added from a random stream of their own,
# so an account's part-one content is the same with and without them.
# --------------------------------------------------------------------------------------------

CRITERIA = ("3-year TCO", "Time to value", "Security posture", "Integration effort", "Support")
STEPS = ("Security review", "Architecture board", "Budget approval", "Executive sign-off")
PAPER = ("MSA redlines", "DPA review", "Procurement onboarding", "PO issued")
EVENTS = ("Contract renewal", "Board meeting", "Fiscal year end", "Regulatory deadline")
EVIDENCE = ("Shared the budget memo", "Set up a meeting with the CFO", "Briefed us on rivals")
ACTIONS = ("Executive briefing", "Reference call", "Workshop", "Business case review", "QBR")
RIVAL_STATUSES = (("evaluating", 6), ("incumbent", 2), ("eliminated", 2))
METRICS = (("Cost per order", "USD"), ("Days to close the books", "days"), ("Churn", "%"))


def add_deals(doc: Doc, seed: int, index: int) -> None:
    """Deal blocks on each open opportunity, `favours` on some people and an `actions` list."""
    rng = random.Random(f"acmap-bench-deals/{seed}/{index}")
    r = rng.random
    account = doc["account"]
    people = [p["id"] for p in doc["stakeholders"] if p.get("status") != "left"]
    team = [m["id"] for m in account["team"]]
    rivals = account.get("competitors") or ["Status quo"]
    if not people:
        return

    def someone() -> str:
        return rng.choice(people)

    def day(start: date, end: date) -> date:
        return _day(rng, start, end)

    for opp in account["opportunities"]:
        if opp["stage"].startswith("closed"):
            continue
        group = opp.get("buying_group") or people[:2]
        if r() < 0.6:
            roles: Doc = {group[0]: ["economic_buyer"]}
            if len(group) > 1:
                roles[group[-1]] = ["champion"] if r() < 0.7 else ["decision_maker"]
            opp["roles"] = roles
        if r() < 0.6:
            opp["compelling_event"] = {
                "date": day(TODAY, date(2027, 12, 31)),
                "what": rng.choice(EVENTS),
            }
        if r() < 0.5:
            what, unit = rng.choice(METRICS)
            metric: Doc = {"what": what, "baseline": rng.randint(50, 500)}
            metric["target"] = metric["baseline"] * 3 // 4
            metric["unit"] = unit
            if r() < 0.5:
                metric["confirmed_by"] = someone()
            opp["metrics"] = [metric]
        if r() < 0.6:
            opp["decision_criteria"] = [
                {
                    "id": slug(text),
                    "text": text,
                    "owner": someone(),
                    "us": _pick(rng, (("ahead", 3), ("even", 3), ("behind", 2), ("unknown", 2))),
                }
                for text in rng.sample(CRITERIA, rng.randint(1, 3))
            ]
        for key, names in (("decision_process", STEPS), ("paper_process", PAPER)):
            if r() < 0.5:
                opp[key] = [
                    {
                        "step": step,
                        "owner": someone(),
                        "due": day(date(2026, 10, 1), date(2027, 6, 30)),
                        "status": _pick(rng, (("planned", 6), ("done", 3), ("slipped", 1))),
                    }
                    for step in rng.sample(names, rng.randint(1, 3))
                ]
        if r() < 0.6:
            opp["competition"] = [
                {"name": name, "status": _pick(rng, RIVAL_STATUSES)}
                for name in rng.sample(rivals, min(len(rivals), rng.randint(1, 2)))
            ]
        if r() < 0.6:
            opp["champion_evidence"] = [
                {"date": day(date(2026, 5, 1), TODAY), "what": rng.choice(EVIDENCE)}
            ]
    for person in doc["stakeholders"]:
        if r() < 0.05:
            person["favours"] = rng.choice(rivals)
    deals = [o["id"] for o in account["opportunities"] if not o["stage"].startswith("closed")]
    actions: list[Doc] = []
    for _ in range(rng.randint(2, 8)):
        entry: Doc = {"what": rng.choice(ACTIONS), "owner": rng.choice(team)}
        entry["with"] = rng.sample(people, min(len(people), rng.randint(1, 2)))
        if r() < 0.9:
            entry["due"] = day(date(2026, 10, 15), date(2027, 3, 31))
        entry["status"] = _pick(rng, (("open", 7), ("done", 2), ("dropped", 1)))
        if deals and r() < 0.5:
            entry["opportunity"] = rng.choice(deals)
        actions.append(entry)
    doc["actions"] = actions


# The gates the --deals portfolio's acmap.toml sets, so that G601 does its work in benchmarks.
DEAL_SETTINGS = (
    "\n[qualify.gates]\nproposal = {E = 2, C1 = 2}\nnegotiation = {E = 3, P = 2, D2 = 2}\n"
)


def _pick_int(rng: random.Random, weights: Sequence[int]) -> int:
    return _pick_index(rng.random() * sum(weights), weights)


def _pick_index(x: float, weights: Sequence[int]) -> int:
    for i, w in enumerate(weights):
        x -= w
        if x < 0:
            return i
    return len(weights) - 1


def _make_links(rng: random.Random, pids: list[str], level_of: dict[str, int]) -> list[Doc]:
    """About 1.5 links per person, of every type; never a self-link or a duplicate."""
    r = rng.random
    target = round(len(pids) * (1.0 + r()) * 0.8)
    senior = [p for p in pids if level_of[p] <= 2] or pids
    junior = [p for p in pids if level_of[p] >= 3] or pids
    seen: set[tuple[str, str, str]] = set()
    links: list[Doc] = []
    attempts = 0
    while len(links) < target and attempts < target * 4:
        attempts += 1
        kind = _pick(rng, LINK_TYPES)
        if kind == "dotted_line":
            a, b = rng.choice(junior), rng.choice(senior)
        elif kind == "mentors":
            a, b = rng.choice(senior), rng.choice(junior)
        elif kind == "influences" and r() < 0.5:
            a, b = rng.choice(pids), rng.choice(senior)
        else:
            a, b = rng.sample(pids, 2)
        key = (min(a, b), max(a, b), kind) if kind in ("allies", "conflicts") else (a, b, kind)
        if a == b or key in seen:
            continue
        seen.add(key)
        link: Doc = {"from": a, "to": b, "type": kind}
        if r() < 0.7:
            link["strength"] = _pick(rng, STRENGTHS)
        if r() < 0.15:
            link["note"] = rng.choice(LINK_NOTES)
        links.append(link)
    return links


# --------------------------------------------------------------------------------------------
# Portfolios, git, modifications
# --------------------------------------------------------------------------------------------


def large_indices(accounts: int, large: int | None) -> set[int]:
    """Which accounts get 300-600 stakeholders: about 1 in 300, at least 2 from 200 accounts."""
    if large is None:
        large = max(2, round(accounts / 300)) if accounts >= 200 else 0
    large = min(large, accounts)
    return {((2 * k + 1) * accounts) // (2 * large) for k in range(large)}


def account_size(seed: int, index: int, is_large: bool) -> int:
    rng = random.Random(f"acmap-bench-size/{seed}/{index}")
    return rng.randint(300, 600) if is_large else rng.randint(10, 60)


def write_settings(outdir: Path, *, deals: bool = False) -> None:
    (outdir / "acmap.toml").write_text(
        f'maps = "maps"\ntoday = "{TODAY.isoformat()}"\n' + (DEAL_SETTINGS if deals else ""),
        encoding="utf-8",
    )


def generate_portfolio(
    outdir: Path,
    accounts: int,
    seed: int = 1,
    *,
    large: int | None = None,
    stakeholders: int | None = None,
    deals: bool = False,
) -> list[Path]:
    """Write `accounts` map files under outdir/maps, and outdir/acmap.toml. Returns the files.
    With `deals`, each map also gets deal blocks and actions (SPEC §7)."""
    maps = outdir / "maps"
    maps.mkdir(parents=True, exist_ok=True)
    write_settings(outdir, deals=deals)
    big = large_indices(accounts, large) if stakeholders is None else set()
    written: list[Path] = []
    for index in range(accounts):
        people = stakeholders or account_size(seed, index, index in big)
        doc = make_account(seed, index, people)
        if deals:
            add_deals(doc, seed, index)
        path = maps / f"{doc['account']['id']}.yaml"
        path.write_text(emit_map(doc), encoding="utf-8")
        written.append(path)
    return written


def _git(outdir: Path, *args: str, when: str = "2026-11-01T09:00:00+00:00") -> str:
    env = dict(os.environ)
    env.update(
        GIT_AUTHOR_NAME="acmap bench",
        GIT_AUTHOR_EMAIL="bench@acmap.example",
        GIT_COMMITTER_NAME="acmap bench",
        GIT_COMMITTER_EMAIL="bench@acmap.example",
        GIT_AUTHOR_DATE=when,
        GIT_COMMITTER_DATE=when,
    )
    done = subprocess.run(
        ["git", "-c", "commit.gpgsign=false", "-c", "core.autocrlf=false", *args],
        cwd=outdir,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout


def git_commit(outdir: Path, message: str) -> None:
    """Commit the portfolio (creating the repository if needed), with a fixed author and date."""
    if not (outdir / ".git").exists():
        _git(outdir, "init", "-q", "-b", "main")
    rounds = _commit_count(outdir)
    _git(outdir, "add", "-A", "maps", "acmap.toml")
    when = f"2026-11-{1 + rounds % 28:02d}T09:00:00+00:00"
    _git(outdir, "commit", "-q", "--allow-empty", "-m", message, when=when)


def _commit_count(outdir: Path) -> int:
    try:
        return int(_git(outdir, "rev-list", "--count", "HEAD").strip())
    except subprocess.CalledProcessError:
        return 0


def modify_maps(outdir: Path, count: int = 3, seed: int = 1, *, commit: bool = True) -> list[Path]:
    """Edit `count` maps the way a week of account work does, and commit (unless told not to).

    Each chosen map gets a few of: a stance change, a new stakeholder, a link removed and one
    added, a role gained, a fresh last_contact, an opportunity moving stage, someone leaving.
    Every edit keeps the map valid. Repeated calls make different edits.
    """
    # Imported here, and untyped: generation itself needs no YAML library.
    yaml: Any = importlib.import_module("yaml")

    files = sorted((outdir / "maps").glob("*.yaml"))
    if not files:
        raise SystemExit(f"generate.py: no maps under {outdir / 'maps'}")
    round_no = _commit_count(outdir) if (outdir / ".git").exists() else 0
    rng = random.Random(f"acmap-bench-modify/{seed}/{round_no}")
    chosen = sorted(rng.sample(files, min(count, len(files))))
    for path in chosen:
        doc = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        _modify(rng, doc, round_no)
        path.write_text(emit_map(doc), encoding="utf-8")
    if commit:
        git_commit(outdir, f"Update {len(chosen)} account maps (round {round_no})")
    return chosen


def _modify(rng: random.Random, doc: Doc, round_no: int) -> None:
    people: list[Doc] = doc["stakeholders"]
    active = [p for p in people if p.get("status", "active") == "active"] or people
    stances = [s for s, _ in STANCE_WEIGHTS if s != "unknown"]
    when = TODAY - timedelta(days=1 + round_no % 5)
    for p in rng.sample(active, min(2, len(active))):  # 1. stances move
        stance = rng.choice([s for s in stances if s != p.get("stance")])
        _set_field(p, "stance", stance)
    key = [
        p
        for p in active
        if {"economic_buyer", "decision_maker", "champion"} & set(p.get("roles", ()))
    ]
    if key:  # 2. we met a key person
        _set_field(rng.choice(key), "last_contact", when)
    # 3. a new person joins the map
    ids = {p["id"] for p in people}
    first, last = _person_name(rng)
    new_id = next(
        c
        for c in (
            slug(first[0] + last),
            slug(f"{first} {last}"),
            *(f"new{n}" for n in range(10**6)),
        )
        if c not in ids
    )
    boss = rng.choice(active)
    new: Doc = {"id": new_id, "name": f"{first} {last}", "title": "Program Manager"}
    if "unit" in boss:
        new["unit"] = boss["unit"]
    new.update(reports_to=boss["id"], roles=["influencer"], stance="neutral", influence="medium")
    new["last_contact"] = when
    people.append(new)
    links: list[Doc] = doc.setdefault("links", [])
    if links and rng.random() < 0.7:  # 4. a relationship ends, another starts
        links.pop(rng.randrange(len(links)))
    links.append({"from": new_id, "to": boss["id"], "type": "influences", "strength": "strong"})
    if rng.random() < 0.6:  # 5. someone earns a role
        p = rng.choice(active)
        roles = list(p.get("roles", []))
        missing = [
            r for r in ("champion", "coach", "influencer", "decision_maker") if r not in roles
        ]
        if missing:
            roles.append(rng.choice(missing))
            _set_field(p, "roles", roles)
    opps = doc["account"].get("opportunities") or []
    open_opps = [o for o in opps if o.get("stage") not in ("closed_won", "closed_lost")]
    if open_opps and rng.random() < 0.6:  # 6. a deal moves on
        opp = rng.choice(open_opps)
        order = [s for s, _ in STAGE_WEIGHTS]
        stage = opp.get("stage", "discovery")
        opp["stage"] = (
            order[min(order.index(stage) + 1, len(order) - 2)] if stage in order else "proposal"
        )
    if rng.random() < 0.3 and len(active) > 3:  # 7. someone leaves the company
        leaver = rng.choice(active[1:])
        _set_field(leaver, "status", "left")


STAKEHOLDER_KEYS = (
    "id", "name", "title", "unit", "reports_to", "roles", "stance", "influence", "status", "owner",
    "last_contact", "contact", "prefers", "priorities", "tags", "notes",
)  # fmt: skip


def _set_field(person: Doc, key: str, value: Any) -> None:
    """Set a stakeholder's field; a new one goes where a person would write it."""
    if key in person:
        person[key] = value
        return
    before = set(STAKEHOLDER_KEYS[: STAKEHOLDER_KEYS.index(key)])
    items = list(person.items())
    at = max((i + 1 for i, (k, _) in enumerate(items) if k in before), default=0)
    items.insert(at, (key, value))
    person.clear()
    person.update(items)


# --------------------------------------------------------------------------------------------
# Command line
# --------------------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="generate.py",
        description="Write a synthetic, deterministic portfolio of acmap account maps.",
    )
    parser.add_argument("outdir", type=Path, help="portfolio root: gets acmap.toml and maps/")
    parser.add_argument("--accounts", type=int, help="number of accounts (map files)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument(
        "--large",
        type=int,
        help="how many accounts get 300-600 stakeholders (default: 1 in 300, at least 2 "
        "from 200 accounts)",
    )
    parser.add_argument(
        "--stakeholders", type=int, metavar="M", help="give every account exactly M stakeholders"
    )
    parser.add_argument(
        "--single", type=int, metavar="M", help="one account of exactly M stakeholders"
    )
    parser.add_argument(
        "--deals",
        action="store_true",
        help="add deal blocks, favours and actions (SPEC §7) and [qualify.gates] to acmap.toml",
    )
    parser.add_argument("--git", action="store_true", help="git init and commit the portfolio")
    parser.add_argument(
        "--modify",
        type=int,
        metavar="K",
        help="edit K maps of the portfolio in OUTDIR (after generating, if asked) and commit",
    )
    parser.add_argument("--no-commit", action="store_true", help="with --modify: do not commit")
    parser.add_argument(
        "--force", action="store_true", help="replace OUTDIR/maps if it already holds maps"
    )
    args = parser.parse_args(argv)

    if args.single is not None:
        if args.accounts not in (None, 1) or args.stakeholders is not None:
            parser.error("--single M means one account: drop --accounts and --stakeholders")
        args.accounts, args.stakeholders = 1, args.single
    if args.accounts is None and args.modify is None:
        parser.error("say --accounts N, --single M or --modify K")
    for name in ("accounts", "stakeholders", "modify", "large"):
        value = getattr(args, name)
        if value is not None and value < (0 if name == "large" else 1):
            parser.error(f"--{name} must be positive")

    outdir: Path = args.outdir
    if args.accounts is not None:
        maps = outdir / "maps"
        if maps.is_dir() and any(maps.iterdir()):
            if not args.force:
                parser.error(f"{maps} already holds files; use --force to replace them")
            shutil.rmtree(maps)
        started = time.perf_counter()
        files = generate_portfolio(
            outdir,
            args.accounts,
            args.seed,
            large=args.large,
            stakeholders=args.stakeholders,
            deals=args.deals,
        )
        took = time.perf_counter() - started
        size = sum(f.stat().st_size for f in files)
        print(
            f"wrote {len(files)} maps, {size / 1e6:.1f} MB, to {outdir / 'maps'} in {took:.1f} s",
            file=sys.stderr,
        )
        if args.git:
            git_commit(outdir, f"Portfolio of {args.accounts} accounts (seed {args.seed})")
    elif args.git:
        git_commit(outdir, "Portfolio")
    if args.modify is not None:
        if not (outdir / ".git").exists() and not args.no_commit:
            git_commit(outdir, "Portfolio")
        changed = modify_maps(outdir, args.modify, args.seed, commit=not args.no_commit)
        print(f"modified {', '.join(p.stem for p in changed)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
