"""The peers of Wiretrace's HTML reader, timed on one core: trafilatura (main text) and
htmldate (publication date), for `Scripts/bench` (html section) and `Scripts/eval-pages --peers`.

Run with the Python of the virtual environment they were installed into
(trafilatura==2.3.1 htmldate==1.11.0, plus lxml_html_clean, which jusText, a dependency of
trafilatura, imports and lxml 6 no longer ships):

    python bench_html_peers.py DIR REPETITIONS CPU [--outputs FILE]

DIR holds `pages/` (the layout Scripts/eval-pages reads); every file in it is read into memory
first (no I/O is timed) and given to the peers as bytes, as Wiretrace's reader gets them. CPU
pins the process to that core (-1: no pinning). Each peer makes full passes over the pages:
one warm-up, then REPETITIONS timed ones; the figures are medians of thread CPU seconds per
pass (wall seconds too). The calls:

- trafilatura: `extract(page)` with its defaults (main text and comments, tables, plain text;
  no metadata, so no date extraction): the usual call, and the one that reproduces the F1
  published for trafilatura 2.3.1 on the shared pages (0.902). Its tests/evaluate.py passes
  `include_comments=False` (its "trafilatura" row); with --outputs that variant is also run
  once, untimed, so that it can be scored too ("trafilaturaNoComments");
- htmldate: `find_date(page, original_date=True, extensive_search=False)` ("fast") and
  `extensive_search=True` ("extensive"), as its tests/comparison.py calls it; original_date
  asks for the publication date rather than the latest one.

Both libraries memoize helpers with functools.lru_cache; every pass starts with those caches
cleared (untimed), so that a timed pass does not reuse the previous pass's work on the same
pages (a cache still serves repeats within a pass, as in real use).

Prints one JSON object. --outputs FILE also writes each page's outputs, from the warm-up
pass, as JSON: {"file name": {"trafilatura": text, "trafilaturaNoComments": text,
"htmldateFast": day, "htmldateExtensive": day}} (None where the peer found nothing or
raised), for Scripts/eval-pages to score with its own scorer.
"""

import json
import os
import sys
from peer_timing import timed_passes  # a sibling module: this folder is on sys.path when run as a script

# What the virtual environment needs (the callers install it, with wiretrace_eval.venv_python).
PACKAGES = ("trafilatura==2.3.1", "htmldate==1.11.0", "lxml_html_clean")
SCRIPT = os.path.abspath(__file__)


def command(python, directory, repetitions, cpu, outputs=None):
    """The command line that runs this script on `directory` (for subprocess)."""
    return [python, "-B", SCRIPT, directory, str(repetitions), str(cpu)] + (["--outputs", outputs] if outputs else [])


def main():
    args = sys.argv[1:]
    outputs_path = None
    if "--outputs" in args:
        i = args.index("--outputs")
        outputs_path = args[i + 1]
        del args[i:i + 2]
    folder, repetitions, cpu = args[0], int(args[1]), int(args[2])
    if cpu >= 0:
        os.sched_setaffinity(0, {cpu})
    import htmldate
    import trafilatura
    from htmldate import find_date
    from trafilatura import extract

    pages_dir = os.path.join(folder, "pages")
    names = sorted(os.listdir(pages_dir))
    pages = []
    for name in names:
        with open(os.path.join(pages_dir, name), "rb") as handle:
            pages.append(handle.read())
    total_bytes = sum(len(page) for page in pages)

    def clear_caches():
        """Empties every lru_cache of the peers' modules and their helpers' (courlan, dateparser...)."""
        for module_name, module in list(sys.modules.items()):
            if module is None or not module_name.startswith(("trafilatura", "htmldate", "courlan", "dateparser", "justext")):
                continue
            for value in list(vars(module).values()):
                if callable(getattr(value, "cache_clear", None)):
                    value.cache_clear()

    def run_all(call):
        """One pass; returns each page's output and how many pages raised."""
        results, errors = [], 0
        for page in pages:
            try:
                results.append(call(page))
            except Exception:  # a crash counts as no output, as the peers' benchmarks do
                results.append(None)
                errors += 1
        return results, errors

    def measure(call):
        # The warm-up pass (imports, compiled regexes, lazy tables) gives the outputs.
        (results, errors), times = timed_passes(lambda: run_all(call), repetitions, before=clear_caches)
        figures = {**times, "pagesPerSecond": len(pages) / times["cpuSeconds"],
                   "mbPerSecond": total_bytes / times["cpuSeconds"] / 1e6,
                   "errors": errors, "empty": sum(1 for r in results if not r)}
        return figures, results

    runs = {
        "trafilatura": lambda page: extract(page),
        "htmldateFast": lambda page: find_date(page, original_date=True, extensive_search=False),
        "htmldateExtensive": lambda page: find_date(page, original_date=True, extensive_search=True),
    }
    figures = {"versions": {"trafilatura": trafilatura.__version__, "htmldate": htmldate.__version__},
               "pages": len(pages), "bytes": total_bytes, "repetitions": repetitions,
               "calls": {"trafilatura": "extract(page)",
                         "htmldateFast": "find_date(page, original_date=True, extensive_search=False)",
                         "htmldateExtensive": "find_date(page, original_date=True, extensive_search=True)"}}
    outputs = {name: {} for name in names}
    for key, call in runs.items():
        figures[key], results = measure(call)
        for name, result in zip(names, results):
            outputs[name][key] = result
    if outputs_path:
        no_comments, _ = run_all(lambda page: extract(page, include_comments=False, include_tables=True, include_formatting=False))
        for name, result in zip(names, no_comments):
            outputs[name]["trafilaturaNoComments"] = result
        with open(outputs_path, "w", encoding="utf-8") as handle:
            json.dump(outputs, handle)
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
