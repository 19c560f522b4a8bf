"""Git plumbing for `acmap diff` and `--at REV`: which map files changed between two revisions,
one commit's files (snapshot.py), and their bytes.

One safe reader, because a pull request controls the repository's file names and can bring its
own attributes (and a checkout may carry any config):

- every list git gives is NUL-separated (`-z`) and read as bytes, so no file name can split it;
  names stay exactly what git has (undecodable bytes as surrogates, as `os.fsdecode` gives them);
- blobs are asked for by object id (`git cat-file --batch`, one id a line): a request that holds
  nothing but hex digits cannot be split either, and every blob comes through one process, so
  the cost grows with the change, not with the repository;
- only plumbing runs (diff-tree, ls-files, ls-tree, rev-list, cat-file), with fsmonitor, the
  untracked cache, external diff drivers and lazy fetches switched off: acmap's own git calls
  run no program a repository configures. The work tree is never compared by git (that would
  run `.gitattributes` clean filters): acmap reads the files and hashes them as git would
  (`blob_id`). `--at REV` never looks at it at all (snapshot.py).
"""

from acmap.git.blobs import read_blobs
from acmap.git.changes import GITLINK, MAP_SUFFIXES, FileChange, changed_maps, worktree_changes
from acmap.git.follow import follow as follow  # acmap why: one file's history
from acmap.git.names import shown
from acmap.git.rev import WORKTREE, Range, resolve
from acmap.git.run import SAFE_CONFIG, GitError, toplevel
from acmap.git.snapshot import Tree, commit_at, tree_at
from acmap.git.tree import Staged, Worktree, blob_id, same_blob, worktree

__all__ = [
    "GITLINK",
    "MAP_SUFFIXES",
    "SAFE_CONFIG",
    "WORKTREE",
    "FileChange",
    "GitError",
    "Range",
    "Staged",
    "Tree",
    "Worktree",
    "blob_id",
    "changed_maps",
    "commit_at",
    "read_blobs",
    "resolve",
    "same_blob",
    "shown",
    "toplevel",
    "tree_at",
    "worktree",
    "worktree_changes",
]
