"""Demo discussion: the threads written in ``content``, plus reports, a pending comment and an
auto-hidden one for the moderators' queues. Loading twice duplicates nothing."""

from datetime import timedelta

from django.utils import timezone

from articles.demo import content
from articles.models import Article, Comment, CommentStatus, HoldReason
from articles.services.moderation import report_submit

# Readers who give the moderators something to do (created like the other demo readers).
DEMO_TROUBLEMAKERS = ["quick_cash_99", "angry_ed", "new_reader"]

# (index among live articles, author, text, status, [(reporter, reason, details), ...])
MODERATION_CASES = [
    (
        0,
        "quick_cash_99",
        "Earn €500 a day from home!!! No experience needed, see www.example.com/cash now.",
        CommentStatus.VISIBLE,
        [("moira_k", "spam", "Advert"), ("sunita_r", "spam", "")],
    ),
    (
        1,
        "angry_ed",
        "Anyone who believes these figures is a moron. Typical of this rag and its idiot readers.",
        CommentStatus.VISIBLE,
        [
            ("declan88", "abuse", "Insults other readers"),
            ("hugh_o", "abuse", ""),
            ("tomasz_w", "hate", "Not hate exactly but nasty"),
        ],
    ),
    (
        3,
        "angry_ed",
        "The buses are being brought back so the government can track where everyone goes.",
        CommentStatus.VISIBLE,
        [("sunita_r", "misinformation", "A conspiracy theory with no source")],
    ),
    (
        2,
        "angry_ed",
        "Off topic, but does anyone know when the bins are collected on Harbour Road?",
        CommentStatus.VISIBLE,
        [("reader", "off_topic", "")],
    ),
    (
        0,
        "new_reader",
        "First time commenting. The old quarter flooded again last winter; glad to see action.",
        CommentStatus.PENDING,
        [],
    ),
]


def comment_get_or_create(*, article, author, text, parent=None, status, created_at) -> Comment:
    created_at = min(created_at, timezone.now() - timedelta(minutes=1))  # never in the future
    comment, _ = Comment.objects.get_or_create(
        article=article,
        author=author,
        parent=parent,
        text=text,
        defaults={
            "status": status,
            "created_at": created_at,
            "held_for": HoldReason.FIRST_COMMENTS if status == CommentStatus.PENDING else "",
        },
    )
    return comment


def load_comments(users: dict) -> int:
    """Load the demo threads and moderation cases; returns the number of comments."""
    commentable = []
    for data in content.ARTICLES:
        article = Article.objects.filter(slug=data["slug"]).first()
        if article is None or article.published_at is None:
            continue
        commentable.append(article)
        when = article.published_at + timedelta(minutes=20)
        for number, thread in enumerate(data.get("comments", [])):
            top = comment_get_or_create(
                article=article,
                author=users[thread["reader"]],
                text=thread["text"],
                status=CommentStatus.VISIBLE,
                created_at=when + timedelta(minutes=15 * number),
            )
            for reply_number, reply in enumerate(thread.get("replies", [])):
                comment_get_or_create(
                    article=article,
                    author=users[reply["reader"]],
                    parent=top,
                    text=reply["text"],
                    status=CommentStatus.VISIBLE,
                    created_at=top.created_at + timedelta(minutes=5 * (reply_number + 1)),
                )

    live = [article for article in commentable if article.is_live] or commentable
    for index, author, text, status, reports in MODERATION_CASES:
        article = live[index % len(live)]
        assert article.published_at is not None  # only dated stories are commentable
        comment = comment_get_or_create(
            article=article,
            author=users[author],
            text=text,
            status=status,
            created_at=article.published_at + timedelta(minutes=90),
        )
        for reporter, reason, details in reports:
            report_submit(
                comment=comment,
                reporter=users[reporter],
                reporter_key=f"user:{users[reporter].pk}",
                reason=reason,
                details=details,
            )
    return Comment.objects.count()
