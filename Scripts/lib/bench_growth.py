"""Inputs for the growth section of Scripts/bench: plain-text articles of a given size, made
from a seeded vocabulary of invented words (no real text), in the shapes a hostile or broken
mirror can hold:

- repeated: a few paragraphs said again and again with a running number (near repeats: every
  paragraph shares most of its shingles with the others, so the repeat marking has work);
- short: many distinct short paragraphs (a few words each);
- rewrite: a long article and its rewrite (each paragraph with about a fifth of its words
  changed, one in ten dropped, one in ten new), for `diff` and `compare`;
- scripts: an HTML page whose head is a long run of short inline scripts (the markup filter
  once searched everything before each script again: 4 MB took 41 s);
- bomb: a gzip file of a few hundred KB that inflates to an HTML page of one paragraph said
  again and again (for the memory section's scans).
"""

import gzip
import os
import random

SYLLABLES = ["ka", "lo", "mi", "ren", "sta", "vu", "dor", "pel", "tri", "quo", "an", "es",
             "bri", "gun", "hol", "jas", "nek", "ost", "pra", "sil", "tum", "wex", "yor", "zan"]


def vocabulary(rng, size=4000):
    words = set()
    while len(words) < size:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 4))))
    return sorted(words)


def sentence(rng, words, count):
    text = " ".join(rng.choice(words) for _ in range(count))
    return text[0].upper() + text[1:] + "."


def write(path, title, paragraphs, size):
    """Writes `title` and paragraphs from the iterator while the file stays within `size`
    bytes (32 MB is the default size limit: a file of 32 MB is read, one byte more is not)."""
    with open(path, "w", encoding="utf-8") as out:
        written = out.write(f"{title}\n\n")
        for paragraph in paragraphs:
            if written + len(paragraph) + 2 > size:
                break
            written += out.write(paragraph + "\n\n")


def repeated(path, size, seed):
    rng = random.Random(seed)
    words = vocabulary(rng)
    pool = [sentence(rng, words, rng.randint(25, 45)) for _ in range(6)]

    def paragraphs():
        number = 0
        while True:
            number += 1
            yield f"{pool[number % len(pool)]} Item {number} of the record."
    write(path, "A record said again and again", paragraphs(), size)


def short(path, size, seed):
    rng = random.Random(seed)
    words = vocabulary(rng)

    def paragraphs():
        while True:
            yield sentence(rng, words, rng.randint(2, 7))
    write(path, "Many short paragraphs", paragraphs(), size)


def rewrite(old_path, new_path, size, seed):
    rng = random.Random(seed)
    words = vocabulary(rng)
    old_paragraphs, new_paragraphs = [], []
    # Both versions stay within `size`: the new one, as long as the old give or take a few
    # paragraphs, gets a margin of 3 %.
    written = 100
    while True:
        paragraph = [rng.choice(words) for _ in range(rng.randint(30, 70))]
        text = " ".join(paragraph) + "."
        if written + len(text) + 2 > 0.97 * size:
            break
        old_paragraphs.append(text)
        written += len(text) + 2
        roll = rng.random()
        if roll < 0.1:
            continue  # dropped in the rewrite
        changed = [rng.choice(words) if rng.random() < 0.2 else word for word in paragraph]
        new_paragraphs.append(" ".join(changed) + ".")
        if roll > 0.9:
            new_paragraphs.append(sentence(rng, words, rng.randint(30, 70)))
    for path, title, body in ((old_path, "A long story", old_paragraphs), (new_path, "A long story, rewritten", new_paragraphs)):
        with open(path, "w", encoding="utf-8") as out:
            out.write(f"{title}\n\n" + "".join(p + "\n\n" for p in body))


def scripts(path, size, seed):
    """An HTML page whose head is a long run of inline scripts before a short article: the
    shape of pages that inline their trackers and app state."""
    rng = random.Random(seed)
    words = vocabulary(rng)
    article = "<article><h1>A page of scripts</h1>" + "".join(
        f"<p>{sentence(rng, words, 40)}</p>" for _ in range(5)) + "</article>"
    head = "<!DOCTYPE html><html><head><title>A page of scripts</title>"
    tail = f"</head><body>{article}</body></html>"
    # Within `size` bytes, as the other shapes are (32 MB is the default size limit).
    parts, written = [head], len(head) + len(tail)
    while True:
        script = f"<script>var s{written} = \"{'x' * rng.randint(100, 400)}\";</script>"
        if written + len(script) > size:
            break
        parts.append(script)
        written += len(script)
    parts.append(tail)
    with open(path, "w", encoding="utf-8") as out:
        out.write("".join(parts))


def bomb(path, inflated_size, seed):
    """A gzip file whose HTML page, once inflated, is `inflated_size` bytes at most: one
    paragraph of about 200 invented words in `<p>` again and again."""
    rng = random.Random(seed)
    words = vocabulary(rng)
    head = "<!DOCTYPE html><html><head><title>One paragraph again and again</title></head><body><article><h1>Again</h1>"
    tail = "</article></body></html>"
    paragraph = f"<p>{sentence(rng, words, 200)}</p>\n"
    count = max(1, (inflated_size - len(head) - len(tail)) // len(paragraph.encode()))
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=9) as out:
        out.write(head)
        for _ in range(count):
            out.write(paragraph)
        out.write(tail)
