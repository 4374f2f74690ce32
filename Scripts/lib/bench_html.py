"""The benchmark corpus rendered as web pages, for the `html` section of Scripts/bench.

`render(corpus, folder, count, seed)` writes `folder/pages/NNNNNN.html`: the first `count`
articles of the corpus (`bench_corpus.generate`), each wrapped in the page a news site serves:
a `<head>` with Open Graph and `article:` meta tags, JSON-LD, a stylesheet and scripts; a
navigation menu with dated teasers; a header; the article (headline, byline, `<time>`, the
paragraphs, a figure with a credit); related stories with dates; comments; a footer. The
furniture is what the reader must walk past, and the scripts and styles give the pages the
size of real ones (the shared evaluation pages average about 150 KB; these about 100 KB), so
pages/s and MB/s are comparable with `Scripts/eval-pages --bench` over real pages. The same
seed gives the same bytes.
"""

import html
import os
import random

_CSS_RULE = ".{name}-{i} {{ margin: {a}px {b}px; padding: {c}px; color: #{d:06x}; font-size: {e}px; }}\n"
_JS_LINE = "  window.__state_{i} = {{ id: {a}, slot: \"ad-{b}\", lazy: {c}, target: \"/{name}/{a}\" }};\n"


def _page(rng, article, index, titles):
    esc = html.escape
    title = esc(article["title"])
    day = 1 + index % 28
    hour, minute = rng.randrange(24), rng.randrange(60)
    stamp = f"2023-12-{day:02d}T{hour:02d}:{minute:02d}:00+05:30"
    slug = "-".join(article["title"].lower().split()[:8])
    url = f"https://news.example/{slug}-{index}"
    css = "".join(_CSS_RULE.format(name=rng.choice(["nav", "card", "teaser", "grid", "btn"]), i=i, a=rng.randrange(40),
                                   b=rng.randrange(40), c=rng.randrange(20), d=rng.randrange(1 << 24), e=rng.randrange(10, 30))
                  for i in range(rng.randrange(200, 500)))
    js = "".join(_JS_LINE.format(i=i, a=rng.randrange(10**6), b=rng.randrange(100), c=str(rng.random() < 0.5).lower(),
                                 name=rng.choice(["video", "live", "sport", "tech"]))
                 for i in range(rng.randrange(300, 700)))
    teasers = rng.sample(titles, 12)
    menu = "".join(f'<li class="menu-item"><a href="/story/{i}">{esc(t)}</a> <span class="teaser-date">{(day + i) % 28 + 1:02d}.11.2023</span></li>'
                   for i, t in enumerate(teasers[:6]))
    related = "".join(f'<div class="related-item"><a href="/story/r{i}"><h3>{esc(t)}</h3></a><time datetime="2023-11-{i + 1:02d}">{i + 1} November 2023</time></div>'
                      for i, t in enumerate(teasers[6:]))
    body = "".join(f"<p>{esc(p)}</p>\n" for p in article["paragraphs"])
    metadata = "".join(f'<div class="meta-line">{esc(line)}</div>' for line in article.get("metadata", []))
    comments = "".join(f'<li class="comment"><span class="comment-author">Reader {i}</span><time datetime="2023-12-{day:02d}T{(hour + i) % 24:02d}:00">later</time><p>{esc(rng.choice(titles))}</p></li>'
                       for i in range(rng.randrange(0, 6)))
    agency = article.get("agency") or "Staff"
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title} | News Example</title>
<link rel="canonical" href="{url}">
<meta property="og:title" content="{title}"><meta property="og:site_name" content="News Example">
<meta property="og:url" content="{url}"><meta property="article:published_time" content="{stamp}">
<meta property="article:modified_time" content="{stamp}"><meta name="author" content="{esc(agency)}">
<script type="application/ld+json">{{"@context":"https://schema.org","@type":"NewsArticle","headline":"{title}","datePublished":"{stamp}","dateModified":"{stamp}","author":{{"@type":"Person","name":"{esc(agency)}"}},"publisher":{{"@type":"Organization","name":"News Example"}}}}</script>
<style>
{css}</style>
<script>
{js}</script></head>
<body><div id="cookie-consent" class="cookie-banner">We use cookies. <button>Accept</button></div>
<header class="site-header"><a class="logo" href="/">News Example</a><nav class="main-nav"><ul>{menu}</ul></nav></header>
<main><article class="story"><h1>{title}</h1>
<div class="byline">By {esc(agency)} <time datetime="{stamp}">{day} December 2023</time></div>{metadata}
<figure><img src="/img/{index}.jpg" alt=""><figcaption>Representative image. Image Credit: {esc(rng.choice(["ANI", "Reuters", "AFP"]))}</figcaption></figure>
<div class="article-body">
{body}</div>
<div class="share-bar"><a href="#">Share</a> <a href="#">Tweet</a></div></article>
<aside class="related-stories"><h2>Related stories</h2>{related}</aside>
<section class="comments"><h2>Comments</h2><ul>{comments}</ul></section></main>
<footer class="site-footer"><p>Copyright 2023 News Example. All rights reserved.</p><a href="/privacy">Privacy</a></footer>
<script>window.dataLayer = window.dataLayer || []; dataLayer.push({{page: "{index}"}});</script>
</body></html>
"""


def render(corpus, folder, count, seed=20231208):
    """Writes pages for the first `count` articles of the corpus folder; returns a summary."""
    rng = random.Random(seed)
    with open(os.path.join(corpus, "files.txt"), encoding="utf-8") as handle:
        names = [line.strip() for line in handle if line.strip()][:count]
    articles = []
    for name in names:
        with open(os.path.join(corpus, name), encoding="utf-8") as handle:
            blocks = handle.read().strip().split("\n\n")
        # The corpus writes the title, then metadata lines (`Agency | Updated: ...`), then paragraphs.
        metadata = [b for b in blocks[1:3] if " | " in b and ("Updated:" in b or "Created:" in b)]
        paragraphs = [b for b in blocks[1:] if b not in metadata]
        agency = metadata[0].split(" | ")[0] if metadata else None
        articles.append({"title": blocks[0], "paragraphs": paragraphs, "metadata": metadata, "agency": agency})
    titles = [a["title"] for a in articles]
    os.makedirs(os.path.join(folder, "pages"), exist_ok=True)
    total = 0
    for index, article in enumerate(articles):
        data = _page(rng, article, index, titles).encode("utf-8")
        total += len(data)
        with open(os.path.join(folder, "pages", f"{index:06d}.html"), "wb") as handle:
            handle.write(data)
    return {"pages": len(articles), "bytes": total}
