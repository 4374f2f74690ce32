"""Shared helpers of the measuring scripts (`Scripts/eval-compare`, `Scripts/bench`,
`Scripts/eval-pages`, `Scripts/make-reuse-pairs`). Python 3 standard library only."""

import os
import subprocess
import sys
import time

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
LABELS = ("wholly", "partially", "unrelated")
VERDICT_LABEL = {"wholly derived": "wholly", "partially derived": "partially", "unrelated": "unrelated"}


def say(message):
    """Progress and notes go to stderr, so stdout stays the report (or the JSON)."""
    print(message, file=sys.stderr, flush=True)


def swift_build(command, cwd=REPO_ROOT, attempts=5):
    """Runs a `swift build` command; tries again when a source changed during the build (other
    people edit the same tree), and stops with the build's output on any other failure."""
    for attempt in range(attempts):
        result = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
        if result.returncode == 0:
            return
        output = result.stdout + result.stderr
        if "was modified during the build" not in output or attempt == attempts - 1:
            sys.stderr.write(output)
            raise SystemExit(f"error: `{' '.join(command)}` failed")
        say("a source changed during the build; building again...")
        time.sleep(10)


def venv_python(folder, packages):
    """The Python of a virtual environment in `folder` with `packages` installed from PyPI
    (created the first time; pip does nothing when they are already there). Raises OSError or
    subprocess.CalledProcessError when it cannot (no network, no PyPI)."""
    python = os.path.join(folder, "bin", "python")
    if not os.path.exists(python):
        say(f"creating a virtual environment in {folder}...")
        subprocess.run([sys.executable, "-m", "venv", folder], check=True, capture_output=True)
    say(f"installing {', '.join(packages)} from PyPI...")
    subprocess.run([python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", *packages],
                   check=True, stdout=sys.stderr)
    return python


def build_release(scratch=".build-release"):
    """Builds the `wiretrace` CLI in release mode and returns the binary's path."""
    say(f"building release ({scratch})...")
    swift_build(["swift", "build", "-c", "release", "--scratch-path", scratch, "--product", "wiretrace"])
    return os.path.join(REPO_ROOT, scratch, "release", "wiretrace")


def roc_auc(positives, negatives):
    """ROC AUC as the Mann-Whitney statistic: the chance that a random positive scores above
    a random negative, ties counting one half. None when either side is empty."""
    if not positives or not negatives:
        return None
    ranked = sorted([(s, 1) for s in positives] + [(s, 0) for s in negatives])
    # Average ranks over ties (1-based).
    rank_sum = 0.0
    index = 0
    while index < len(ranked):
        end = index
        while end + 1 < len(ranked) and ranked[end + 1][0] == ranked[index][0]:
            end += 1
        average = (index + end + 2) / 2
        rank_sum += average * sum(1 for k in range(index, end + 1) if ranked[k][1] == 1)
        index = end + 1
    n_pos, n_neg = len(positives), len(negatives)
    return (rank_sum - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg)


def median(values):
    values = sorted(values)
    if not values:
        return None
    middle = len(values) // 2
    return values[middle] if len(values) % 2 else (values[middle - 1] + values[middle]) / 2
