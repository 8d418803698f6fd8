"""Score the article importer against the shared corpora, optionally beside trafilatura.

python bench/importer_accuracy.py [CORPUS_DIR ...] [--compare] [--half a|b] [--verbose]
                                  [--repeat N] [--memory N]

Without a directory both ../shared/corpus (full expected fields) and ../shared/corpus-wide
(must/must-not body snippets) are scored. Every table has a row per source and a row per
half: pages are split into halves A and B by a hash of their name, so rules tuned while
looking at one half can be checked on the other. Snippet figures are pooled over all
snippets of all pages, as the wide corpus's README defines them; "refused" counts pages the
importer turned down (no article, empty body). ``--compare`` runs trafilatura (a
development dependency, see requirements-dev.txt) on the same pages with the same scoring.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import resource
import sys
import time
import zlib
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from statistics import mean

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from articles.importer import UnparseableDocument, decode_html, parse_article
from bench import corpus_scoring as scoring
from bench.corpora import CORPUS as DEFAULT_CORPUS
from bench.corpora import WIDE_CORPUS

SOURCES = ("readability", "aeb", "trafilatura")
HALVES = ("half-a", "half-b")
COLUMNS = ("pages", "refused", "headline", "byline_f1", "date", "body_f1", "snip_acc",
           "snip_p", "snip_r", "captions", "pages_per_s")  # fmt: skip


@dataclass
class Page:
    name: str
    source: str
    html: str
    expected: dict

    @property
    def half(self) -> str:
        return HALVES[zlib.crc32(self.name.encode()) % 2]


@dataclass
class Scores:
    headline: list[float] = field(default_factory=list)
    byline: list[float] = field(default_factory=list)
    date: list[float] = field(default_factory=list)
    body_p: list[float] = field(default_factory=list)
    body_r: list[float] = field(default_factory=list)
    body_f: list[float] = field(default_factory=list)
    snippets: list[float] = field(default_factory=list)
    captions: list[float] = field(default_factory=list)
    with_found: int = 0
    with_total: int = 0
    without_found: int = 0
    without_total: int = 0
    refused: int = 0
    seconds: float = 0.0
    pages: int = 0

    def summary(self) -> dict[str, float | int | None]:
        def avg(values: list[float]) -> float | None:
            return round(mean(values), 3) if values else None

        def ratio(part: int, whole: int) -> float | None:
            return round(part / whole, 3) if whole else None

        found = self.with_found + self.without_found
        right = self.with_found + self.without_total - self.without_found
        return {
            "pages": self.pages,
            "refused": self.refused,
            "headline": avg(self.headline),
            "byline_f1": avg(self.byline),
            "date": avg(self.date),
            "body_p": avg(self.body_p),
            "body_r": avg(self.body_r),
            "body_f1": avg(self.body_f),
            "snippets": avg(self.snippets),  # per-page mean, kept for the floor tests
            "snip_acc": ratio(right, self.with_total + self.without_total),
            "snip_p": ratio(self.with_found, found),
            "snip_r": ratio(self.with_found, self.with_total),
            "captions": avg(self.captions),
            "caption_recall": avg(self.captions),
            "pages_per_s": round(self.pages / self.seconds, 1) if self.seconds else None,
        }


def load_corpus(corpus: Path) -> list[Page]:
    pages = []
    for directory in sorted(p for p in corpus.iterdir() if (p / "expected.json").is_file()):
        expected = json.loads((directory / "expected.json").read_text(encoding="utf-8"))
        html = decode_html((directory / "source.html").read_bytes())
        pages.append(Page(directory.name, directory.name.split("-", 1)[0], html, expected))
    return pages


# --- extractors -----------------------------------------------------------------------------

_REFUSED = {"headline": "", "byline": "", "published": None, "body_text": ""}


def importer(page: Page) -> dict:
    try:
        return parse_article(page.html, base_url=page.expected.get("url")).to_json_dict()
    except UnparseableDocument as exc:
        return {**_REFUSED, "images": [], "error": str(exc)}


def trafilatura_extractor() -> Callable[[Page], dict]:
    """trafilatura's defaults for main text, as its own evaluation runs it (comments left out)."""
    import trafilatura

    def extract(page: Page) -> dict:
        document = trafilatura.bare_extraction(
            page.html, url=page.expected.get("url"), include_comments=False, with_metadata=True
        )
        if document is None:
            return {**_REFUSED, "error": "nothing extracted"}
        found = document.as_dict()
        return {"headline": found.get("title") or "", "byline": found.get("author") or "",
                "published": found.get("date"), "body_text": found.get("text") or ""}  # fmt: skip

    return extract


# --- scoring --------------------------------------------------------------------------------


def score_page(result: dict, expected: dict, scores: Scores, failures: list[str]) -> None:
    if expected.get("headline"):
        ok = scoring.headline_correct(
            result["headline"], expected["headline"], expected.get("headline_alternates") or ()
        )
        scores.headline.append(float(ok))
        if not ok:
            failures.append(f"headline {result['headline']!r} != {expected['headline']!r}")
    if expected.get("byline"):
        f1 = scoring.byline_f1(result["byline"], expected["byline"])
        scores.byline.append(f1)
        if f1 < 1:
            failures.append(f"byline {result['byline']!r} != {expected['byline']!r} (F1 {f1:.2f})")
    if expected.get("published"):
        ok = scoring.date_correct(
            result["published"], expected["published"], expected.get("published_alternates") or ()
        )
        scores.date.append(float(ok))
        if not ok:
            failures.append(f"published {result['published']!r} != {expected['published']!r}")
    if expected.get("body_text"):
        p, r, f = scoring.token_prf(
            scoring.tokens(result["body_text"]), scoring.tokens(expected["body_text"])
        )
        scores.body_p.append(p)
        scores.body_r.append(r)
        scores.body_f.append(f)
        if f < 0.9:
            failures.append(f"body P {p:.2f} R {r:.2f} F1 {f:.2f}")
    snippets = expected.get("body_snippets")
    if snippets:
        _score_snippets(result["body_text"], snippets, scores, failures)
    if expected.get("images") and "images" in result:
        recall = scoring.caption_recall(result["images"], expected["images"])
        scores.captions.append(recall)
        if recall < 1:
            failures.append(f"captions recall {recall:.2f}")


def _score_snippets(body: str, snippets: dict, scores: Scores, failures: list[str]) -> None:
    with_snippets, without_snippets = snippets["with"], snippets["without"]
    scores.snippets.append(scoring.snippet_score(body, with_snippets, without_snippets))
    with_found, without_found = scoring.snippet_counts(body, with_snippets, without_snippets)
    scores.with_found += with_found
    scores.with_total += len(with_snippets)
    scores.without_found += without_found
    scores.without_total += len(without_snippets)
    text = scoring.snippet_normalise(body)
    failures.extend(
        f"missing {s[:70]!r}" for s in with_snippets if scoring.snippet_normalise(s) not in text
    )
    failures.extend(
        f"unwanted {s[:70]!r}" for s in without_snippets if scoring.snippet_normalise(s) in text
    )


def run(
    pages: list[Page], verbose: bool = False, extract: Callable[[Page], dict] = importer
) -> dict[str, Scores]:
    by_group: dict[str, Scores] = defaultdict(Scores)
    for page in pages:
        started = time.perf_counter()
        result = extract(page)
        elapsed = time.perf_counter() - started
        failures: list[str] = [f"error: {result['error']}"] if "error" in result else []
        for key in ("overall", page.source, page.half):
            scores = by_group[key]
            scores.seconds += elapsed
            scores.pages += 1
            scores.refused += "error" in result
            score_page(result, page.expected, scores, failures if key == "overall" else [])
        if verbose and failures:
            print(f"--- {page.name} ({page.half})")
            for failure in failures:
                print(f"    {failure}")
    return by_group


def print_table(title: str, results: dict[str, Scores]) -> None:
    print(title)
    print(f"{'':<12}" + "".join(f"{c:>12}" for c in COLUMNS))
    for key in ("overall", *SOURCES, *HALVES):
        if key in results and (key not in SOURCES or results[key].pages < results["overall"].pages):
            summary = results[key].summary()
            cells = "".join(f"{'-' if summary[c] is None else summary[c]!s:>12}" for c in COLUMNS)
            print(f"{key:<12}{cells}")


# --- speed and memory -----------------------------------------------------------------------


def best_rates(pages: list[Page], repeat: int) -> tuple[float, float]:
    """Pages per second of the fastest of ``repeat`` passes, by wall clock and by CPU time.

    Other load on a shared box only slows a pass down, so the best pass is the fairest
    figure; CPU time is shown too because it hardly moves with that load.
    """
    best_wall = best_cpu = float("inf")
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        for page in pages:
            with contextlib.suppress(UnparseableDocument):
                parse_article(page.html, base_url=page.expected.get("url"))
        best_wall = min(best_wall, time.perf_counter() - wall)
        best_cpu = min(best_cpu, time.process_time() - cpu)
    return len(pages) / best_wall, len(pages) / best_cpu


def measure_memory(pages: list[Page], runs: int) -> None:
    started = time.perf_counter()
    for index in range(runs):
        page = pages[index % len(pages)]
        with contextlib.suppress(UnparseableDocument):
            parse_article(page.html, base_url=page.expected.get("url"))
        if (index + 1) % 1000 == 0 or index + 1 == runs:
            peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            rate = (index + 1) / (time.perf_counter() - started)
            print(f"{index + 1:>6} parses  peak RSS {peak_mb:.0f} MB  {rate:.1f} pages/s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("corpus_dirs", nargs="*", type=Path, help="corpus directories")
    parser.add_argument("--corpus", type=Path, action="append", default=[],
                        help="corpus directory (same as the positional)")  # fmt: skip
    parser.add_argument("--half", choices=("a", "b"), help="score only this half of each corpus")
    parser.add_argument("--compare", action="store_true", help="score trafilatura too")
    parser.add_argument("--verbose", action="store_true", help="print per-page failures")
    parser.add_argument("--memory", type=int, metavar="N", help="run N parses, print peak RSS")
    parser.add_argument("--repeat", type=int, default=1, help="timing passes (best is shown)")
    args = parser.parse_args(argv)
    corpora = [*args.corpus_dirs, *args.corpus] or [DEFAULT_CORPUS, WIDE_CORPUS]
    everything: list[Page] = []
    for corpus in corpora:
        pages = load_corpus(corpus)
        if args.half:
            pages = [page for page in pages if page.half == f"half-{args.half}"]
        if not pages:
            print(f"no pages in {corpus}", file=sys.stderr)
            return 1
        everything.extend(pages)
        print_table(f"== importer on {corpus.name}", run(pages, args.verbose))
        if args.compare:
            print_table(
                f"== trafilatura on {corpus.name}", run(pages, extract=trafilatura_extractor())
            )
    if args.repeat > 0:
        wall, cpu = best_rates(everything, args.repeat)
        print(
            f"speed: {wall:.1f} pages/s wall clock, {cpu:.1f} pages/s CPU time"
            f" (in-process, {len(everything)} pages, best of {args.repeat} passes)"
        )
    if args.memory:
        measure_memory(everything, args.memory)
    return 0


if __name__ == "__main__":
    sys.exit(main())
