"""Where the shared corpora are: the ``shared/`` folder beside the checkout, or beside the
folder of git worktrees the checkout is one of. They are read from there, never copied into
the repository."""

from pathlib import Path

_ROOT = Path(__file__).resolve().parents[1]
SHARED = next(
    (folder / "shared" for folder in _ROOT.parents if (folder / "shared" / "corpus").is_dir()),
    _ROOT.parent / "shared",
)
CORPUS = SHARED / "corpus"
WIDE_CORPUS = SHARED / "corpus-wide"
