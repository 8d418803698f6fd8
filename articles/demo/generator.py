"""A large synthetic archive for benchmarks: realistic lengths, bulk inserts, reproducible.

The words come from the demo stories, drawn with their own frequencies, so the text has the
shape of English news copy (common words common, names rare) and searches behave as they
would on a real archive.
"""

import random
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta
from itertools import accumulate

from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify

from articles.demo import content
from articles.demo.newsroom import draw_picture
from articles.models import (
    Article,
    ArticleStatus,
    Author,
    Comment,
    CommentStatus,
    Image,
    Section,
    Tag,
    User,
)
from articles.search import refresh_search_vectors

YEARS = 20
HERO_IMAGES = 12
GENERATED_AUTHORS = 60
GENERATED_TAGS = 150
MOTIFS = ("waves", "skyline", "bars", "circles", "grid", "mountains", "stripes")


@dataclass
class GenerationReport:
    articles: int = 0
    comments: int = 0
    timings: dict[str, float] = field(default_factory=dict)


def story_words(article: dict) -> Counter[str]:
    texts = [article["headline"], article["standfirst"]]
    for kind, value in article["body"]:
        if kind == "ul":
            texts.extend(value)
        elif kind != "figure":
            texts.append(value)
    words: Counter[str] = Counter()
    for text in texts:
        words.update(re.findall(r"[A-Za-z][A-Za-z'-]*", text))
    return words


def demo_vocabulary() -> tuple[list[str], list[int]]:
    """Every word of the demo stories with its count, for weighted drawing."""
    words = sum((story_words(article) for article in content.ARTICLES), Counter())
    vocabulary = sorted(words)
    return vocabulary, [words[word] for word in vocabulary]


class Vocabulary:
    """Words with cumulative weights, for fast weighted drawing."""

    def __init__(self, words: Counter[str]):
        self.words = sorted(words)
        self.cumulative = list(accumulate(words[word] for word in self.words))


SYLLABLES = [
    "bal",
    "kil",
    "dun",
    "ard",
    "mor",
    "ven",
    "ros",
    "tra",
    "lin",
    "cor",
    "bre",
    "mal",
    "fen",
    "gar",
    "hol",
    "kes",
    "lor",
    "nav",
    "pel",
    "quin",
    "sar",
    "tal",
    "vor",
    "wen",
    "yar",
    "zel",
    "ash",
    "bel",
    "cam",
    "dor",
    "el",
    "fal",
    "gil",
    "han",
    "ith",
    "jor",
    "kal",
    "lum",
    "mab",
    "nor",
]


class TextMaker:
    """News-like text: each story follows one of many running stories (topics).

    A topic has its own names (people, places, firms: invented words), everyday words and a
    share of one demo story's subject words; sentences mostly come from it, some from all the
    demo stories. So names are found in a few dozen stories, subject words in a few per cent,
    and only everyday words everywhere, as in a real archive.
    """

    TOPIC_SHARE = 0.85
    TOPICS = 2000
    NAMES_PER_TOPIC = 6
    EVERYDAY_WORDS = 150
    SUBJECT_SHARE = 0.3

    def __init__(self, rng: random.Random):
        self.rng = rng
        stories = [story_words(article) for article in content.ARTICLES]
        everything = sum(stories, Counter())
        self.everything = Vocabulary(everything)
        everyday = dict(everything.most_common(self.EVERYDAY_WORDS))
        self.topics = []
        for _ in range(self.TOPICS):
            # A topic speaks everyday words plus a share of one demo story's subject words.
            story = rng.choice(stories)
            subject = rng.sample(sorted(story), max(1, int(len(story) * self.SUBJECT_SHARE)))
            words = Counter(everyday) + Counter({word: story[word] for word in subject})
            names = [self.name() for _ in range(self.NAMES_PER_TOPIC)]
            self.topics.append((Vocabulary(words), names))
        self.base, self.names = self.topics[0]

    def name(self) -> str:
        return "".join(self.rng.choices(SYLLABLES, k=self.rng.randint(2, 3))).capitalize()

    def choose_topic(self) -> None:
        self.base, self.names = self.rng.choice(self.topics)

    def sentence(self, low: int, high: int) -> str:
        source = self.base if self.rng.random() < self.TOPIC_SHARE else self.everything
        words = self.rng.choices(
            source.words, cum_weights=source.cumulative, k=self.rng.randint(low, high)
        )
        words.insert(self.rng.randrange(len(words)), self.rng.choice(self.names))
        text = " ".join(words)
        return text[:1].upper() + text[1:] + "."

    def paragraph(self) -> str:
        return " ".join(self.sentence(8, 24) for _ in range(self.rng.randint(2, 5)))

    def headline(self) -> str:
        return self.sentence(6, 13).rstrip(".")

    def body(self) -> str:
        # 6-18 paragraphs of 2-5 sentences: roughly 300 to 1,500 words, like news copy.
        return "".join(f"<p>{self.paragraph()}</p>" for _ in range(self.rng.randint(6, 18)))


def ensure_taxonomy(rng: random.Random):
    sections = list(Section.objects.all())
    if not sections:
        sections = [Section.objects.create(**data) for data in content.SECTIONS]
    for index in range(GENERATED_AUTHORS - Author.objects.count()):
        first = rng.choice(["Aoife", "Ciaran", "Maeve", "Tomas", "Grainne", "Eoin", "Nuala"])
        last = rng.choice(["Byrne", "Walsh", "Ryan", "Nolan", "Keane", "Duffy", "Quinn"])
        Author.objects.create(name=f"{first} {last}", slug=f"generated-author-{index}")
    for index in range(GENERATED_TAGS - Tag.objects.count()):
        Tag.objects.create(name=f"Topic {index}", slug=f"generated-topic-{index}")
    return sections, list(Author.objects.all()), list(Tag.objects.all())


def ensure_images(rng: random.Random) -> list[Image]:
    """A small shared set of hero pictures: generated stories reuse them."""
    images = list(Image.objects.filter(credit="Generated archive").order_by("pk")[:HERO_IMAGES])
    for index in range(len(images), HERO_IMAGES):
        palette = tuple(tuple(rng.randint(0, 255) for _ in range(3)) for _ in range(2))
        image = Image(
            alt_text=f"An abstract illustration, number {index + 1}",
            caption="An illustration for the generated archive",
            credit="Generated archive",
        )
        picture = draw_picture(
            palette, MOTIFS[index % len(MOTIFS)], seed=f"generated-{index}", size=(960, 600)
        )
        image.file.save(f"generated-{index}.jpg", ContentFile(picture), save=False)
        image.full_clean()
        image.save()
        images.append(image)
    return images


def ensure_commenters(count: int = 40) -> list[User]:
    """Reader accounts for generated comments (no password: nobody signs in as them)."""
    readers = []
    for number in range(count):
        reader, created = User.objects.get_or_create(
            username=f"generated-reader-{number}", defaults={"display_name": f"Reader {number}"}
        )
        if created:
            reader.set_unusable_password()
            reader.save(update_fields=["password"])
        readers.append(reader)
    return readers


def generated_comments(created, *, per_article, commenters, text, rng) -> int:
    """Half of ``per_article`` as threads, the rest as replies to them; two bulk inserts."""
    threads_each = (per_article + 1) // 2
    threads = Comment.objects.bulk_create(
        Comment(
            article_id=article.pk,
            author=rng.choice(commenters),
            text=text.sentence(8, 45),
            status=CommentStatus.VISIBLE,
            created_at=article.published_at + timedelta(minutes=rng.randint(1, 6000)),
        )
        for article in created
        for _ in range(threads_each)
    )
    by_article: dict[int, list[Comment]] = {}
    for thread in threads:
        by_article.setdefault(thread.article_id, []).append(thread)
    replies = Comment.objects.bulk_create(
        Comment(
            article_id=article_id,
            author=rng.choice(commenters),
            parent=(parent := rng.choice(parents)),
            text=text.sentence(6, 30),
            status=CommentStatus.VISIBLE,
            created_at=parent.created_at + timedelta(minutes=rng.randint(1, 600)),
        )
        for article_id, parents in by_article.items()
        for _ in range(per_article - threads_each)
    )
    return len(threads) + len(replies)


def generate_archive(
    *,
    articles: int,
    seed: int = 1,
    batch_size: int = 2000,
    comments_per_article: int = 0,
    log=print,
):
    """Insert ``articles`` published stories spread over twenty years, with their links and
    ``comments_per_article`` reader comments each."""
    report = GenerationReport()
    rng = random.Random(seed)
    text = TextMaker(rng)
    started = time.perf_counter()
    with transaction.atomic():
        # Its own generator: whether these exist already must not change the stories' text.
        setup_rng = random.Random(f"setup-{seed}")
        sections, authors, tags = ensure_taxonomy(setup_rng)
        images = ensure_images(setup_rng)
        commenters = ensure_commenters() if comments_per_article else []
        now = timezone.now()
        span = int(timedelta(days=365 * YEARS).total_seconds())
        first_id = None
        for offset in range(0, articles, batch_size):
            batch = []
            for number in range(offset, min(offset + batch_size, articles)):
                text.choose_topic()
                headline = text.headline()
                published_at = now - timedelta(seconds=rng.randint(3600, span))
                batch.append(
                    Article(
                        headline=headline,
                        slug=f"{slugify(headline)[:80].strip('-')}-{seed}-{number}",
                        standfirst=text.sentence(18, 40),
                        body=text.body(),
                        hero_image=rng.choice(images),
                        section=rng.choice(sections),
                        status=(
                            ArticleStatus.ARCHIVED
                            if rng.random() < 0.03
                            else ArticleStatus.PUBLISHED
                        ),
                        published_at=published_at,
                        publication_date=timezone.localdate(published_at),
                        created_at=published_at,
                        updated_at=published_at,
                    )
                )
            created = Article.objects.bulk_create(batch)
            first_id = first_id or created[0].pk
            AuthorLink = Article.authors.through
            TagLink = Article.tags.through
            AuthorLink.objects.bulk_create(
                AuthorLink(article_id=article.pk, author_id=author.pk)
                for article in created
                for author in rng.sample(authors, rng.choice((1, 1, 1, 2)))
            )
            TagLink.objects.bulk_create(
                TagLink(article_id=article.pk, tag_id=tag.pk)
                for article in created
                for tag in rng.sample(tags, rng.randint(0, 4))
            )
            report.articles += len(created)
            if comments_per_article:
                report.comments += generated_comments(
                    created,
                    per_article=comments_per_article,
                    commenters=commenters,
                    text=text,
                    rng=rng,
                )
            log(f"  {report.articles} articles inserted")
        report.timings["insert"] = time.perf_counter() - started
        vector_started = time.perf_counter()
        if first_id is not None:
            refresh_search_vectors(Article.objects.filter(pk__gte=first_id))
        report.timings["search vectors"] = time.perf_counter() - vector_started
    if connection.vendor == "postgresql":
        # Fresh statistics, so that the planner uses the indexes; outside a transaction VACUUM
        # also fills the visibility map, so that counts can be index-only scans.
        command = "ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)"
        with connection.cursor() as cursor:
            for model in (Article, Article.authors.through, Article.tags.through, Comment):
                cursor.execute(f"{command} {model._meta.db_table}")
    report.timings["total"] = time.perf_counter() - started
    return report
