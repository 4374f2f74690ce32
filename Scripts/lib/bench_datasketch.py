"""The peers' half of `Scripts/bench`: datasketch MinHash (128 permutations, word 5-shingles)
plus MinHashLSH insert and query over the benchmark corpus, on one core; and rensa's RMinHash
(a Rust MinHash, 128 permutations) over the same shingles, when rensa is installed.

Run with the Python of the virtual environment datasketch was installed into:

    python bench_datasketch.py CORPUS REPETITIONS CPU

Prints one JSON object. The corpus is read into memory first (no I/O is timed). Each
article is lower-cased and split on white space; each run of 5 words, joined by a space, is
one shingle (an article shorter than 5 words gives one shingle of all its words). The
MinHash is made the fastest documented way: `update_batch` with the permutations of one
template MinHash shared by every article (they would otherwise be drawn again per article).
Then the LSH index (threshold 0.5) is queried with each article and the article inserted,
which is what a near-duplicate scan does. Times are thread CPU seconds (and wall seconds),
medians over the repetitions after one warm-up run.
"""

import json
import os
import sys
from peer_timing import timed_passes  # a sibling module: this folder is on sys.path when run as a script


def main():
    folder, repetitions, cpu = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    if cpu >= 0:
        os.sched_setaffinity(0, {cpu})
    for variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(variable, "1")
    import datasketch
    from datasketch import MinHash, MinHashLSH

    with open(os.path.join(folder, "files.txt"), encoding="utf-8") as handle:
        paths = [line for line in handle.read().splitlines() if line]
    texts = []
    total_bytes = 0
    for path in paths:
        with open(os.path.join(folder, path), "rb") as handle:
            data = handle.read()
        total_bytes += len(data)
        texts.append(data.decode("utf-8", errors="replace"))
    template = MinHash(num_perm=128)

    def shingles(text):
        words = text.lower().split()
        if len(words) < 5:
            return [" ".join(words).encode("utf-8")]
        return [" ".join(words[i:i + 5]).encode("utf-8") for i in range(len(words) - 4)]

    def minhash_only():
        for text in texts:
            m = MinHash(num_perm=128, permutations=template.permutations, scheme=template.scheme)
            m.update_batch(shingles(text))

    def minhash_and_lsh():
        lsh = MinHashLSH(threshold=0.5, num_perm=128)
        candidates = 0
        for index, text in enumerate(texts):
            m = MinHash(num_perm=128, permutations=template.permutations, scheme=template.scheme)
            m.update_batch(shingles(text))
            candidates += len(lsh.query(m))
            lsh.insert(index, m)
        return candidates

    def measure(body):
        result, times = timed_passes(body, repetitions)
        return {**times, "articlesPerSecond": len(texts) / times["cpuSeconds"],
                "mbPerSecond": total_bytes / times["cpuSeconds"] / 1e6, "result": result}

    figures = {
        "version": datasketch.__version__ if hasattr(datasketch, "__version__") else "unknown",
        "articles": len(texts),
        "bytes": total_bytes,
        "numPerm": 128,
        "shingle": "word 5-grams of the lower-cased text split on white space",
        "lshThreshold": 0.5,
        "minhash": measure(minhash_only),
        "minhashAndLSH": measure(minhash_and_lsh),
    }
    figures["minhashAndLSH"]["candidatesFound"] = figures["minhashAndLSH"].pop("result")
    figures["minhash"].pop("result")
    try:
        import rensa
        from importlib.metadata import version
    except ImportError:
        rensa = None
    if rensa is not None:
        def rensa_minhash():
            for text in texts:
                m = rensa.RMinHash(num_perm=128, seed=42)
                m.update([shingle.decode("utf-8") for shingle in shingles(text)])
                m.digest()
        figures["rensa"] = {"version": version("rensa"), **measure(rensa_minhash)}
        figures["rensa"].pop("result")
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
