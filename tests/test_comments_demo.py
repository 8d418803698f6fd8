import pytest
from django.core.management import call_command

from articles.models import Comment, CommentStatus, ModerationAction, Report, User

pytestmark = pytest.mark.django_db


def test_demo_loads_threads_reports_and_queues_once(settings, capsys):
    settings.DEBUG = True
    call_command("load_demo")
    counts = (Comment.objects.count(), Report.objects.count(), ModerationAction.objects.count())

    replies = Comment.objects.exclude(parent=None)
    assert replies.values("article").distinct().count() >= 3
    assert Report.objects.values("reason").distinct().count() >= 4
    assert Comment.objects.filter(status=CommentStatus.PENDING).exists()
    assert Comment.objects.filter(
        status=CommentStatus.HIDDEN, auto_hidden_at__isnull=False
    ).exists()
    assert User.objects.get(username="moderator").has_perm("articles.moderate_comment")

    call_command("load_demo", "--force")
    again = (Comment.objects.count(), Report.objects.count(), ModerationAction.objects.count())
    assert again == counts
