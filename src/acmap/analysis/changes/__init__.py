"""What a change to the account maps means, in words a sales manager reads.

The pipeline of `acmap diff` is `diff_revisions` (revisions.py): git says which map files
changed, each side is loaded, and each account gets an AccountDiff (account.py) made of

* the **map diff** (`compare`, mapdiff.py): every change as a sentence, people first: people and
  links (people.py), partners and opportunities (deals.py), the account, our team and units;
* the **gap diff** (`gap_changes`, gapdiff.py): the gaps the change opened and closed;
* status and score before → after.

Nothing here prints: report/diff.py words the result for a terminal, a pull request or a tool.
"""

from __future__ import annotations

from acmap.analysis.changes.account import AccountDiff, diff_account
from acmap.analysis.changes.base import Change
from acmap.analysis.changes.gapdiff import GapChange, gap_changes
from acmap.analysis.changes.mapdiff import SECTIONS, compare
from acmap.analysis.changes.revisions import DiffResult, diff_revisions

__all__ = [
    "SECTIONS",
    "AccountDiff",
    "Change",
    "DiffResult",
    "GapChange",
    "compare",
    "diff_account",
    "diff_revisions",
    "gap_changes",
]
