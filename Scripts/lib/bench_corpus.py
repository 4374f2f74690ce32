"""The benchmark corpus: a deterministic set of news-length articles with republications.

`generate(folder, seed, count)` writes `articles/NNNNNN.txt` (plain-text articles of about
3 KB: a headline, sometimes a metadata line `Agency | Updated: ... | Created: ...`, a dateline,
8 to 12 paragraphs), `files.txt` (one path per line, relative to the folder) and `pairs.tsv`
(`fileA<TAB>fileB<TAB>derived|unrelated`, for compare latency). About a third of the articles
republish an earlier one with the edits outlets make (trimmed tail, merged paragraphs, new
headline, boilerplate lines, word edits, straight quotes made typographic); about a third of
the originals use typographic quotes and apostrophes; 2% are written in Hindi, Arabic,
Russian or Chinese. The words are drawn from a fixed news vocabulary with Zipf-like
frequencies, so the text has the shape of English news, not its meaning. The same seed gives
the same bytes on every machine (Python's `random.Random` is stable across versions).
"""

import os
import random

COMMON = """the of to and a in that is for on said was with he it as at by from his be have has
are not this but had they were an which its their will been would who also more after over
one two three new we first last year years about up out there when than could into other
government minister officials people state police president country week told percent
million billion city court report security company market prices talks deal party election
vote leaders forces attack military economy bank shares growth health water power workers
union plan law rules spokesperson statement ministry agency news conference region border
capital national public local international foreign trade oil gas energy climate rain flood
storm fire road train flight airport hospital school university students children women men
family home village district province council members parliament opposition budget tax
rate inflation interest central board chief executive investors profit quarter sales
demand supply exports imports tariffs sanctions talks summit visit meeting agreement
ceasefire troops soldiers militants rockets embassy casualties injured killed dead arrested
charged judge trial prison sentence investigation evidence witnesses lawyers case appeal
ruling decision announced expected reported confirmed denied warned called urged added
according while during before since under between against without within across around
early late later today yesterday morning evening night monday tuesday wednesday thursday
friday saturday sunday january february march april may june july august september october
november december higher lower record strong weak major small large several many some most
all each every both any few less least best worst long short high low good bad big little
still only just even already again now then however because although if whether so such
very much well back down off way time day month part place group number system program
service level area team game season match win lost won cup league coach players fans
scientists study research data results space mission launch satellite rocket moon mars
technology digital online internet users phone app software artificial intelligence
chip maker plant factory production output jobs unemployment wages pension housing rent
""".split()

NAMES = """Baghdad Delhi Mumbai Karachi Lahore Dhaka Nairobi Lagos Cairo Beijing Shanghai Tokyo
Seoul Jakarta Manila Hanoi Bangkok Sydney London Paris Berlin Madrid Rome Warsaw Kyiv Moscow
Ankara Tehran Riyadh Dubai Doha Washington Ottawa Brasilia Lima Bogota Mexico Kenya Nigeria
Ghana Egypt India Pakistan Bangladesh China Japan Korea Indonesia Philippines Vietnam
Thailand Australia Britain France Germany Spain Italy Poland Ukraine Russia Turkey Iran Iraq
Syria Israel Gaza Qatar Canada Brazil Peru Colombia Chile Argentina Reuters Modi Biden
Sharif Erdogan Macron Scholz Meloni Zelenskiy Putin Xi Kishida Albanese Lula Ruto Tinubu
Sisi Netanyahu Raisi Sudani Hasina Widodo Marcos""".split()

AGENCIES = ["Reuters", "AFP", "AP", "PTI", "ANI", "IANS", "Xinhua", "Bernama"]
OUTLETS = ["Devdiscourse", "Gulfwire", "Daily Ledger", "Metro Herald", "Lakeside Courier", "Asia Digest",
           "Coastal Times", "Northern Star", "Capital Report", "Evening Post"]
BOILERPLATE = [
    "(This story has not been edited by {outlet} staff and is auto-generated from a syndicated feed.)",
    "Follow us on X and Telegram for the latest news from {outlet}.",
    "Also read: {title}",
    "Representative Image Image Credit: {agency}",
    "Copyright 2024 {outlet}. All rights reserved.",
    "Subscribe to the {outlet} newsletter for the day's top stories.",
]

HINDI = """सरकार मंत्री देश राज्य शहर लोगों ने कहा कि है था थे की के को में से पर और भी एक दो तीन
नई दिल्ली मुंबई बारिश बाढ़ चुनाव पुलिस अदालत फैसला बैठक प्रधानमंत्री मुख्यमंत्री अधिकारी
विभाग जानकारी बताया गया किया जाएगा रहा रही हुई साल महीने दिन आज कल गुरुवार शुक्रवार""".split()
ARABIC = """الحكومة الوزير البلاد المدينة الناس قال إن كان على في من إلى مع عن هذا هذه التي الذي
بغداد القاهرة الرياض دبي الأمطار الفيضانات الانتخابات الشرطة المحكمة القرار الاجتماع رئيس
الوزراء المسؤولين أعلن أكد وأضاف يوم الخميس الجمعة العام الشهر اليوم أمس""".split()
RUSSIAN = """правительство министр страна город люди сказал что это было были на в с по для и
также один два три новый Москва выборы полиция суд решение встреча президент премьер
чиновники заявил сообщил году месяце день сегодня вчера четверг пятница""".split()
CHINESE = list("政府部长国家城市人民表示这是在和的了有对与为从新中国北京上海会议经济发展合作"
               "市场价格增长公司银行投资建设项目技术科学研究卫星发射成功今年去年本月记者报道")


def _zipf_weights(count, exponent=0.9):
    return [1.0 / (rank + 1) ** exponent for rank in range(count)]


class _Writer:
    def __init__(self, rng):
        self.rng = rng
        self.words = COMMON
        self.cumulative = []
        total = 0.0
        for weight in _zipf_weights(len(COMMON)):
            total += weight
            self.cumulative.append(total)

    def word(self):
        rng = self.rng
        roll = rng.random()
        if roll < 0.08:
            return rng.choice(NAMES)
        if roll < 0.11:
            return str(rng.choice([rng.randint(2, 99), rng.randint(100, 9999), rng.randint(1990, 2024)]))
        return rng.choices(self.words, cum_weights=self.cumulative)[0]

    def sentence(self, typographic):
        rng = self.rng
        words = [self.word() for _ in range(rng.randint(10, 26))]
        words[0] = words[0][:1].upper() + words[0][1:]
        if rng.random() < 0.3:
            words.insert(rng.randint(3, len(words) - 2), rng.choice(NAMES) + ("’s" if typographic else "'s"))
        if rng.random() < 0.4:
            words[rng.randint(2, len(words) - 3)] += ","
        text = " ".join(words) + "."
        if rng.random() < 0.25:
            open_quote, close_quote = ("“", "”") if typographic else ('"', '"')
            text = f"{open_quote}{text}{close_quote} the {rng.choice(['spokesperson', 'minister', 'official'])} said."
        return text

    def paragraph(self, typographic):
        return " ".join(self.sentence(typographic) for _ in range(self.rng.randint(2, 4)))

    def headline(self):
        words = [self.word() for _ in range(self.rng.randint(6, 11))]
        return " ".join(words)[:1].upper() + " ".join(words)[1:]


def _foreign(rng, script):
    if script == "zh":
        def sentence():
            return "".join(rng.choice(CHINESE) for _ in range(rng.randint(18, 40))) + "。"
        paragraphs = ["".join(sentence() for _ in range(rng.randint(2, 4))) for _ in range(rng.randint(6, 9))]
        return "".join(rng.choice(CHINESE) for _ in range(12)), paragraphs
    words = {"hi": HINDI, "ar": ARABIC, "ru": RUSSIAN}[script]
    end = "।" if script == "hi" else "."

    def sentence():
        return " ".join(rng.choice(words) for _ in range(rng.randint(10, 22))) + end
    paragraphs = [" ".join(sentence() for _ in range(rng.randint(2, 3))) for _ in range(rng.randint(7, 10))]
    return " ".join(rng.choice(words) for _ in range(8)), paragraphs


def _original(rng, writer):
    typographic = rng.random() < 0.33
    agency = rng.choice(AGENCIES)
    paragraphs = [writer.paragraph(typographic) for _ in range(rng.randint(8, 12))]
    place = rng.choice(NAMES).upper()
    paragraphs[0] = f"{place}, Dec {rng.randint(1, 28)} ({agency}) - " + paragraphs[0]
    return {"title": writer.headline(), "paragraphs": paragraphs, "agency": agency}


def _republish(rng, writer, source, others):
    paragraphs = list(source["paragraphs"])
    title = source["title"]
    if rng.random() < 0.5:
        paragraphs = paragraphs[:max(3, len(paragraphs) - rng.randint(1, 3))]
    if rng.random() < 0.4:
        index = rng.randrange(len(paragraphs) - 1)
        paragraphs[index:index + 2] = [paragraphs[index] + " " + paragraphs[index + 1]]
    if rng.random() < 0.6:
        for _ in range(rng.randint(1, 4)):
            index = rng.randrange(len(paragraphs))
            words = paragraphs[index].split(" ")
            words[rng.randrange(1, len(words))] = writer.word()
            paragraphs[index] = " ".join(words)
    if rng.random() < 0.3:
        paragraphs = [p.replace("'s", "’s").replace(' "', " “").replace('" ', "” ") for p in paragraphs]
    if rng.random() < 0.5:
        title = writer.headline()
    outlet = rng.choice(OUTLETS)
    lines = []
    if rng.random() < 0.6:
        lines.append(f"{source['agency']} | Updated: {rng.randint(1, 28):02d}-12-2023 {rng.randint(10, 23)}:00 IST"
                     f" | Created: 08-12-2023 09:{rng.randint(10, 59)} IST")
    tail = [rng.choice(BOILERPLATE).format(outlet=outlet, agency=rng.choice(AGENCIES), title=rng.choice(others)["title"])
            for _ in range(rng.randint(0, 3))]
    return {"title": title, "paragraphs": paragraphs + tail, "agency": source["agency"], "metadata": lines}


def _text(article):
    blocks = [article["title"]] + article.get("metadata", []) + article["paragraphs"]
    return "\n\n".join(blocks) + "\n"


def generate(folder, seed=20231208, count=5000):
    """Writes the corpus into `folder` and returns a summary dict."""
    rng = random.Random(seed)
    writer = _Writer(rng)
    os.makedirs(os.path.join(folder, "articles"), exist_ok=True)
    originals, files, derived_pairs = [], [], []
    kinds = {"original": 0, "republication": 0, "non-latin": 0, "typographic": 0}
    total_bytes = 0
    for index in range(count):
        name = f"articles/{index:06d}.txt"
        roll = rng.random()
        if roll < 0.02:
            script = rng.choice(["hi", "ar", "ru", "zh"])
            title, paragraphs = _foreign(rng, script)
            article = {"title": title, "paragraphs": paragraphs}
            kinds["non-latin"] += 1
        elif roll < 0.35 and originals:
            source_index = rng.randrange(max(0, len(originals) - 200), len(originals))
            source_name, source = originals[source_index]
            article = _republish(rng, writer, source, [a for _, a in originals[-20:]])
            derived_pairs.append((source_name, name))
            kinds["republication"] += 1
        else:
            article = _original(rng, writer)
            originals.append((name, article))
            kinds["original"] += 1
        text = _text(article)
        if "’" in text or "“" in text:
            kinds["typographic"] += 1
        data = text.encode("utf-8")
        total_bytes += len(data)
        with open(os.path.join(folder, name), "wb") as handle:
            handle.write(data)
        files.append(name)
    with open(os.path.join(folder, "files.txt"), "w", encoding="utf-8") as handle:
        handle.write("\n".join(files) + "\n")
    pair_rng = random.Random(seed + 1)
    wanted = min(500, len(derived_pairs))
    pairs = [(a, b, "derived") for a, b in pair_rng.sample(derived_pairs, wanted)]
    while len(pairs) < 2 * wanted:
        a, b = pair_rng.sample(originals, 2)
        pairs.append((a[0], b[0], "unrelated"))
    with open(os.path.join(folder, "pairs.tsv"), "w", encoding="utf-8") as handle:
        handle.writelines(f"{a}\t{b}\t{label}\n" for a, b, label in pairs)
    return {"seed": seed, "articles": count, "bytes": total_bytes, "kinds": kinds, "pairs": len(pairs)}
