"""`acmap render --diff` against plain `acmap render`, on a 500-stakeholder account in a git repo.

    python benchmarks/bench_render_diff.py [--people 500] [--repeat 3]

The account is committed, then changed in the work tree: ten stances change, five people join
(reporting to people already there) and the last person leaves. Measures, best of `repeat`:
- plain `acmap render ACCOUNT -o out.svg` of the changed map (the baseline);
- `acmap render ACCOUNT --diff HEAD -o diff.svg` (BASE laid out once by `dot`, the union drawn
  pinned by `neato -n2`); goal: at most GOAL_RATIO x the baseline (issue 14);
- `acmap render ACCOUNT --diff HEAD -o diff.mmd`, and building its Mermaid text in process
  (goal MERMAID_GOAL seconds).
Exits 1 when a goal is missed.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from common import REPO, Row, acmap_cmd, acmap_env, ensure_single, print_table, time_cmd, time_func

GOAL_RATIO = 2.0
MERMAID_GOAL = 0.5  # seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    if shutil.which("dot") is None:
        print("bench_render_diff: Graphviz `dot` is not on PATH", file=sys.stderr)
        return 2
    source = ensure_single(args.people)
    env = acmap_env()
    with tempfile.TemporaryDirectory(prefix="acmap-bench-render-diff-") as scratch:
        repo = Path(scratch)
        account = _changed_repo(source, repo)
        common = dict(cwd=repo, env=env, repeat=args.repeat, warmup=1)
        plain = time_cmd(
            acmap_cmd("render", str(account), "-o", str(repo / "p.svg"), "--force"), **common
        )
        diff = time_cmd(
            acmap_cmd(
                "render", str(account), "--diff", "HEAD", "-o", str(repo / "d.svg"), "--force"
            ),
            **common,
        )
        mermaid = time_cmd(
            acmap_cmd(
                "render", str(account), "--diff", "HEAD", "-o", str(repo / "d.mmd"), "--force"
            ),
            **common,
        )
        building = _mermaid_build(repo, account, args.repeat)
    rows = [
        Row(f"render {args.people} people to SVG (plain)", plain),
        Row("render --diff HEAD to SVG", diff, baseline=plain, goal_ratio=GOAL_RATIO),
        Row("render --diff HEAD to Mermaid (whole)", mermaid),
        Row("  of which building the Mermaid text", building, goal=MERMAID_GOAL),
    ]
    title = f"acmap render --diff, {args.people}-stakeholder account"
    return 0 if print_table(rows, title=title) else 1


def _changed_repo(source: Path, repo: Path) -> Path:
    """`source` committed in a fresh repo at `repo`, then changed in the work tree."""
    (repo / "maps").mkdir()
    (repo / "acmap.toml").write_text('maps = "maps"\ntoday = "2026-11-22"\n', encoding="utf-8")
    account = repo / "maps" / source.name
    text = source.read_text(encoding="utf-8")
    account.write_text(text, encoding="utf-8")
    git = [
        "git",
        "-c",
        "user.name=bench",
        "-c",
        "user.email=bench@example",
        "-c",
        "commit.gpgsign=false",
    ]
    subprocess.run([*git, "init", "-q"], cwd=repo, check=True)
    subprocess.run([*git, "add", "-A"], cwd=repo, check=True)
    subprocess.run([*git, "commit", "-qm", "base"], cwd=repo, check=True)
    people_part = text.split("\nstakeholders:", 1)[1].split("\nlinks:")[0]
    ids = re.findall(r"^  - id: (\S+)$", people_part, re.M)
    for stance in ("skeptic", "neutral", "supporter"):  # ten stance changes
        text = re.sub(
            rf"^    stance: {stance}$",
            "    stance: blocker",
            text,
            count=4 if stance != "supporter" else 2,
            flags=re.M,
        )
    people = "".join(
        f"  - {{id: bench-new-{i}, name: New Person {i}, title: Analyst, reports_to: {ids[i * 7]},"
        " stance: supporter}\n"
        for i in range(5)
    )
    text = text.replace("\nlinks:", "\n" + people.rstrip("\n") + "\nlinks:", 1)
    last = ids[-1]
    if text.count(last) == 1 or len(re.findall(rf"\b{re.escape(last)}\b", text)) == 1:
        text = re.sub(rf"^  - id: {re.escape(last)}\n(?:    .*\n)*", "", text, count=1, flags=re.M)
    account.write_text(text, encoding="utf-8")
    return account


def _mermaid_build(repo: Path, account: Path, repeat: int) -> float:
    """In process: the union's Mermaid text from the two maps (no git, no Graphviz)."""
    from datetime import date

    sys.path.insert(0, str(REPO / "src"))
    from acmap.analysis.changes.union import map_union
    from acmap.load import load_file
    from acmap.render.canvas import RenderOptions
    from acmap.render.diffview import marks_for
    from acmap.render.mermaid import build_mermaid

    base_text = subprocess.run(
        ["git", "show", f"HEAD:maps/{account.name}"], cwd=repo, check=True, capture_output=True
    ).stdout
    base_file = repo / "base.yaml"
    base_file.write_bytes(base_text)
    base, head = load_file(base_file).map, load_file(account).map
    assert base is not None and head is not None
    options = RenderOptions(today=date(2026, 11, 22))

    def build() -> str:
        union = map_union(base, head)
        return build_mermaid(union.map, options, marks_for(union))

    return time_func(build, repeat=repeat, warmup=1)


if __name__ == "__main__":
    sys.exit(main())
