"""Demo newsroom: sections, bylines, pictures drawn with Pillow, and stories of our own writing."""

import io
import math
import random
import secrets
from dataclasses import dataclass, field
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.flatpages.models import FlatPage
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from PIL import Image as PILImage
from PIL import ImageDraw

from articles.demo import content
from articles.demo.comments import DEMO_TROUBLEMAKERS, load_comments
from articles.models import AppealBanner, Article, ArticleStatus, Author, Image, Section, Tag
from articles.roles import EDITORS, MODERATORS, WRITERS, roles_sync
from articles.search import refresh_search_vectors
from articles.services.images import image_create_renditions
from articles.services.workflow import article_save_revision

DEMO_IMAGE_SIZE = (1600, 1000)
STAFF_USERS = ("editor", "writer", "moderator")
STAFF_GROUPS = {"editor": EDITORS, "writer": WRITERS, "moderator": MODERATORS}
WRITER_BYLINE = "aoife-brennan"
COMMENTS_POLICY_URL = "/community/comments-policy/"


@dataclass
class DemoReport:
    created_users: dict[str, str] = field(default_factory=dict)  # username -> password
    counts: dict[str, int] = field(default_factory=dict)


def draw_picture(palette, motif: str, *, seed: str, size=DEMO_IMAGE_SIZE) -> bytes:
    """An abstract illustration: a two-colour gradient with a motif, as JPEG bytes."""
    width, height = size
    start, end = palette
    picture = PILImage.new("RGB", size)
    draw = ImageDraw.Draw(picture)
    for y in range(height):
        mix = y / (height - 1)
        colour = tuple(round(a + (b - a) * mix) for a, b in zip(start, end, strict=True))
        draw.line([(0, y), (width, y)], fill=colour)
    rng = random.Random(seed)
    light = tuple(min(255, c + 70) for c in end)
    dark = tuple(max(0, c - 60) for c in start)
    if motif == "waves":
        for band in range(6):
            base = height * (0.45 + band * 0.09)
            points = [
                (x, base + 28 * math.sin(x / (90 + band * 15) + band))
                for x in range(0, width + 20, 20)
            ]
            draw.line(points, fill=light, width=6)
    elif motif == "skyline":
        x = 0
        while x < width:
            w, h = rng.randint(60, 180), rng.randint(150, 650)
            draw.rectangle([x, height - h, x + w, height], fill=dark)
            x += w + rng.randint(4, 20)
    elif motif == "bars":
        for i in range(12):
            h = rng.randint(120, 760)
            draw.rectangle([100 + i * 120, height - h, 180 + i * 120, height - 60], fill=light)
    elif motif == "circles":
        for _ in range(14):
            cx, cy, r = rng.randint(0, width), rng.randint(0, height), rng.randint(40, 260)
            draw.ellipse([cx - r, cy - r, cx + r, cy + r], outline=light, width=8)
    elif motif == "grid":
        for x in range(0, width, 100):
            draw.line([(x, 0), (x, height)], fill=light, width=2)
        for y in range(0, height, 100):
            draw.line([(0, y), (width, y)], fill=light, width=2)
    elif motif == "mountains":
        for layer in range(3):
            peaks = [(0, height)]
            for x in range(0, width + 200, 200):
                peaks.append(
                    (x, rng.randint(int(height * (0.3 + layer * 0.15)), int(height * 0.8)))
                )
            peaks.append((width, height))
            draw.polygon(peaks, fill=tuple(max(0, c - 25 * layer) for c in dark))
    else:  # stripes
        for i in range(-height, width, 90):
            draw.line([(i, height), (i + height, 0)], fill=light, width=24)
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=82, optimize=True, progressive=True)
    return buffer.getvalue()


def body_html(blocks, images: dict[str, Image]) -> str:
    parts = []
    for kind, value in blocks:
        if kind == "figure":
            parts.append(f'<figure data-image-id="{images[value].pk}"></figure>')
        elif kind == "ul":
            items = "".join(f"<li>{escape(item)}</li>" for item in value)
            parts.append(f"<ul>{items}</ul>")
        elif kind == "blockquote":
            parts.append(f"<blockquote><p>{escape(value)}</p></blockquote>")
        else:
            parts.append(f"<{kind}>{escape(value)}</{kind}>")
    return "".join(parts)


def demo_usernames() -> list[str]:
    """Every account the demo creates: the newsroom staff, then the readers."""
    return [*STAFF_USERS, *content.READERS, *DEMO_TROUBLEMAKERS]


def new_password(user) -> str:
    password = secrets.token_urlsafe(9)
    user.set_password(password)
    user.save()
    return password


def ensure_user(username: str, report: DemoReport, *, is_staff: bool = False):
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=username, defaults={"email": f"{username}@example.com", "is_staff": is_staff}
    )
    if created:
        report.created_users[username] = new_password(user)
    return user


@transaction.atomic
def demo_passwords_reset() -> dict[str, str]:
    """Give each demo account that exists a new random password; return them by username."""
    names = demo_usernames()
    users = get_user_model().objects.filter(username__in=names)
    return {
        user.username: new_password(user)
        for user in sorted(users, key=lambda user: names.index(user.username))
    }


@transaction.atomic
def load_demo() -> DemoReport:
    """Create (or bring up to date) the demo newsroom. Running it again duplicates nothing."""
    report = DemoReport()
    users = {name: ensure_user(name, report, is_staff=True) for name in STAFF_USERS}
    for name in content.READERS:
        users[name] = ensure_user(name, report)
    roles_sync()
    for name, group in STAFF_GROUPS.items():
        users[name].groups.add(Group.objects.get(name=group))

    sections = {}
    for data in content.SECTIONS:
        sections[data["slug"]], _ = Section.objects.update_or_create(
            slug=data["slug"], defaults={k: v for k, v in data.items() if k != "slug"}
        )
    authors = {}
    for data in content.AUTHORS:
        authors[data["slug"]], _ = Author.objects.update_or_create(
            slug=data["slug"], defaults={"name": data["name"], "bio": data["bio"]}
        )
    if not Author.objects.filter(user=users["writer"]).exists():
        Author.objects.filter(slug=WRITER_BYLINE, user=None).update(user=users["writer"])
    tags = {}
    for name in content.TAGS:
        tags[name], _ = Tag.objects.get_or_create(
            name=name, defaults={"slug": name.lower().replace(" ", "-")}
        )
    images = {data["key"]: demo_image(data) for data in content.IMAGES}

    FlatPage.objects.filter(url=COMMENTS_POLICY_URL).update(content=content.COMMENTS_POLICY_HTML)
    banner = AppealBanner.objects.filter(button_label=content.APPEAL["button_label"]).first()
    if banner is None:
        AppealBanner.objects.filter(is_active=True).update(is_active=False)
        AppealBanner.objects.create(**content.APPEAL, is_active=True)

    now = timezone.now()
    for data in content.ARTICLES:
        status = data["status"]
        published_at = None
        if status in (ArticleStatus.PUBLISHED, ArticleStatus.ARCHIVED):
            published_at = (now - timedelta(hours=data["hours_ago"])).replace(
                second=0, microsecond=0
            )
        article = Article.objects.filter(slug=data["slug"]).first() or Article(slug=data["slug"])
        article.headline = data["headline"]
        article.standfirst = data["standfirst"]
        article.section = sections[data["section"]]
        article.hero_image = images[data["hero"]]
        article.body = body_html(data["body"], images)
        article.status = status
        article.comments_enabled = article.section.comments_enabled_by_default
        if article.pk is None or article.published_at is None:
            article.published_at = published_at
            article.updated_at = published_at or now
        article.created_by = users["writer"]
        article.save()
        article.authors.set([authors[slug] for slug in data["authors"]])
        article.tags.set([tags[name] for name in data["tags"]])
        article.sync_inline_images()
        if not article.revisions.exists():
            article_save_revision(article=article, by=users["writer"], note="Demo content")

    for name in DEMO_TROUBLEMAKERS:
        users[name] = ensure_user(name, report)
    comment_count = load_comments(users)
    refresh_search_vectors(Article.objects.filter(slug__in=[a["slug"] for a in content.ARTICLES]))

    report.counts = {
        "sections": Section.objects.count(),
        "authors": Author.objects.count(),
        "images": Image.objects.count(),
        "articles": Article.objects.count(),
        "comments": comment_count,
    }
    return report


def demo_image(data) -> Image:
    image = Image.objects.filter(alt_text=data["alt_text"], credit=data["credit"]).first()
    if image is None:
        image = Image(alt_text=data["alt_text"], credit=data["credit"], caption=data["caption"])
        picture = draw_picture(data["palette"], data["motif"], seed=data["key"])
        image.file.save(f"{data['key']}.jpg", ContentFile(picture), save=False)
        image.full_clean()
        image.save()
        image_create_renditions(image=image)
    return image
