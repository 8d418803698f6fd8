"""Every admin URL and every state-changing URL, as each role: allowed or refused exactly as
the roles say (``articles.roles``), and a refused request changes nothing in the database.

The expected results are written out below, one row per URL: a change of permissions shows
up as a failing row. Columns: anonymous, reader, writer, moderator, editor.
"""

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import reverse

from articles.models import (
    Article,
    ArticleCorrection,
    ArticleStatus,
    Comment,
    CommentStatus,
    Image,
    Report,
    ReportStatus,
    Tag,
    User,
    WatchedWord,
)
from tests.factories import CommentFactory, jpeg_bytes
from tests.permissions import (
    ROLES,
    World,
    admin_change_data,
    admin_url,
    admin_url_names,
    build_world,
    database_state,
    state_changes,
)

pytestmark = pytest.mark.django_db

# GET outcomes: "login" (sent to sign in), "200" (the page, to act on), "view" (a change form
# shown read-only), "403", "404", "405", "redirect" (elsewhere, not the sign-in page).
ADMIN_PAGES = {
    "index": "login login 200 200 200",
    "login": "200 200 redirect redirect redirect",
    "logout": "redirect redirect 405 405 405",  # sign-out is a POST (see the public rows)
    "password_change": "login login 200 200 200",
    "password_change_done": "login login 200 200 200",
    "autocomplete": "login login 200 403 200",  # the article form's section picker
    "jsi18n": "login login 200 200 200",
    "view_on_site": "login login redirect redirect redirect",
    "app_list:articles": "login login 200 200 200",
    "app_list:auth": "login login 404 404 404",
    "app_list:sites": "login login 404 404 404",
    "app_list:flatpages": "login login 404 404 200",  # editors edit site pages (Support us)
    "app_list:axes": "login login 404 404 404",
    # Articles: writers add and edit their own drafts; editors everything; moderators read.
    "articles_article_changelist": "login login 200 200 200",
    "articles_article_add": "login login 200 403 200",
    "articles_article_change:draft": "login login 200 view 200",
    "articles_article_change:live": "login login view view 200",
    "articles_article_history:draft": "login login 200 200 200",
    "articles_article_history:live": "login login 200 200 200",
    "articles_article_delete": "login login 403 403 403",  # never deleted: archived
    "articles_article_images": "login login 200 403 200",
    "articles_article_revision": "login login 200 200 200",
    "articles_article_correction:draft": "login login 403 403 200",
    "articles_article_correction:live": "login login 403 403 200",
    "articles_article_transition:submit": "login login 200 403 200",
    "articles_article_transition:publish": "login login 403 403 200",
    "articles_article_transition:schedule": "login login 403 403 200",
    "articles_article_transition:request_changes": "login login 403 403 200",
    "articles_article_transition:unpublish": "login login 403 403 200",
    "articles_article_transition:archive": "login login 403 403 200",
    "articles_article_transition:restore": "login login 403 403 200",
    # Import records: editors read an imported story's provenance; nobody edits it.
    "articles_articlesource_changelist": "login login 403 403 200",
    "articles_articlesource_add": "login login 403 403 403",
    "articles_articlesource_change": "login login 403 403 view",
    "articles_articlesource_delete": "login login 403 403 403",
    "articles_articlesource_history": "login login 403 403 200",
    # Old addresses of imported stories: editors keep them.
    "articles_articleredirect_changelist": "login login 403 403 200",
    "articles_articleredirect_add": "login login 403 403 200",
    "articles_articleredirect_change": "login login 403 403 200",
    "articles_articleredirect_delete": "login login 403 403 200",
    "articles_articleredirect_history": "login login 403 403 200",
    # Pictures: writers upload, editors also correct; nobody deletes.
    "articles_image_changelist": "login login 200 403 200",
    "articles_image_add": "login login 200 403 200",
    "articles_image_change": "login login view 403 200",
    "articles_image_delete": "login login 403 403 403",
    "articles_image_history": "login login 200 403 200",
    # Taxonomy: editors keep authors and tags; sections are set up by an administrator.
    "articles_author_changelist": "login login 200 403 200",
    "articles_author_add": "login login 403 403 200",
    "articles_author_change": "login login view 403 200",
    "articles_author_delete": "login login 403 403 403",
    "articles_author_history": "login login 200 403 200",
    "articles_tag_changelist": "login login 200 403 200",
    "articles_tag_add": "login login 403 403 200",
    "articles_tag_change": "login login view 403 200",
    "articles_tag_delete": "login login 403 403 403",
    "articles_tag_history": "login login 200 403 200",
    "articles_section_changelist": "login login 200 403 200",
    "articles_section_add": "login login 403 403 403",
    "articles_section_change": "login login view 403 view",
    "articles_section_delete": "login login 403 403 403",
    "articles_section_history": "login login 200 403 200",
    # The moderators' desk: moderators only, and nothing is edited or deleted there.
    "articles_comment_changelist": "login login 403 200 403",
    "articles_comment_add": "login login 403 403 403",
    "articles_comment_change": "login login 403 view 403",
    "articles_comment_delete": "login login 403 403 403",
    "articles_comment_history": "login login 403 200 403",
    "articles_comment_dashboard": "login login 403 200 403",
    "articles_comment_review": "login login 403 200 403",
    "articles_reportedcomment_changelist": "login login 403 200 403",
    "articles_reportedcomment_add": "login login 403 403 403",
    "articles_reportedcomment_change": "login login 403 view 403",
    "articles_reportedcomment_delete": "login login 403 403 403",
    "articles_reportedcomment_history": "login login 403 200 403",
    "articles_pendingcomment_changelist": "login login 403 200 403",
    "articles_pendingcomment_add": "login login 403 403 403",
    "articles_pendingcomment_change": "login login 403 view 403",
    "articles_pendingcomment_delete": "login login 403 403 403",
    "articles_pendingcomment_history": "login login 403 200 403",
    "articles_report_changelist": "login login 403 200 403",
    "articles_report_add": "login login 403 403 403",
    "articles_report_change": "login login 403 view 403",
    "articles_report_delete": "login login 403 403 403",
    "articles_report_history": "login login 403 200 403",
    "articles_moderationaction_changelist": "login login 403 200 403",
    "articles_moderationaction_add": "login login 403 403 403",
    "articles_moderationaction_change": "login login 403 view 403",
    "articles_moderationaction_delete": "login login 403 403 403",
    "articles_moderationaction_history": "login login 403 200 403",
    "articles_readersanction_changelist": "login login 403 200 403",
    "articles_readersanction_add": "login login 403 403 403",
    "articles_readersanction_change": "login login 403 view 403",
    "articles_readersanction_delete": "login login 403 403 403",
    "articles_readersanction_history": "login login 403 200 403",
    "articles_watchedword_changelist": "login login 403 200 403",
    "articles_watchedword_add": "login login 403 200 403",
    "articles_watchedword_change": "login login 403 200 403",
    "articles_watchedword_delete": "login login 403 200 403",
    "articles_watchedword_history": "login login 403 200 403",
    # Administrators only (superusers): accounts, groups, the site, banners, lockouts.
    "articles_user_changelist": "login login 403 403 403",
    "articles_user_add": "login login 403 403 403",
    "articles_user_change": "login login 403 403 403",
    "articles_user_delete": "login login 403 403 403",
    "articles_user_history": "login login 403 403 403",
    "auth_user_password_change": "login login 403 403 403",
    "auth_group_changelist": "login login 403 403 403",
    "auth_group_add": "login login 403 403 403",
    "auth_group_change": "login login 403 403 403",
    "auth_group_delete": "login login 403 403 403",
    "auth_group_history": "login login 403 403 403",
    "articles_appealbanner_changelist": "login login 403 403 403",
    "articles_appealbanner_add": "login login 403 403 403",
    "articles_appealbanner_change": "login login 403 403 403",
    "articles_appealbanner_delete": "login login 403 403 403",
    "articles_appealbanner_history": "login login 403 403 403",
    "sites_site_changelist": "login login 403 403 403",
    "sites_site_add": "login login 403 403 403",
    "sites_site_change": "login login 403 403 403",
    "sites_site_delete": "login login 403 403 403",
    "sites_site_history": "login login 403 403 403",
    "flatpages_flatpage_changelist": "login login 403 403 200",
    "flatpages_flatpage_add": "login login 403 403 403",
    "flatpages_flatpage_change": "login login 403 403 200",
    "flatpages_flatpage_delete": "login login 403 403 403",
    "flatpages_flatpage_history": "login login 403 403 200",
    "axes_accessattempt_changelist": "login login 403 403 403",
    "axes_accessattempt_add": "login login 403 403 403",
    "axes_accessattempt_change": "login login 403 403 403",
    "axes_accessattempt_delete": "login login 403 403 403",
    "axes_accessattempt_history": "login login 403 403 403",
    "axes_accesslog_changelist": "login login 403 403 403",
    "axes_accesslog_add": "login login 403 403 403",
    "axes_accesslog_change": "login login 403 403 403",
    "axes_accesslog_delete": "login login 403 403 403",
    "axes_accesslog_history": "login login 403 403 403",
    "axes_accessfailurelog_changelist": "login login 403 403 403",
    "axes_accessfailurelog_add": "login login 403 403 403",
    "axes_accessfailurelog_change": "login login 403 403 403",
    "axes_accessfailurelog_delete": "login login 403 403 403",
    "axes_accessfailurelog_history": "login login 403 403 403",
}


def client_as(world: World, role: str) -> Client:
    client = Client()
    if world.users[role] is not None:
        client.force_login(world.users[role])
    return client


def get_outcome(response) -> str:
    if response.status_code == 302:
        return "login" if "/login/" in response["Location"] else "redirect"
    name = response.resolver_match.url_name
    is_change_form = name.endswith("_change") and name != "password_change"
    if response.status_code == 200 and is_change_form and b'name="_save"' not in response.content:
        return "view"
    return str(response.status_code)


def test_the_matrix_names_every_admin_url():
    written = {key.partition(":")[0] for key in ADMIN_PAGES}
    assert written == set(admin_url_names())


def test_every_admin_page_is_allowed_or_refused_as_the_roles_say():
    world = build_world()
    mismatches = []
    for key, expected in ADMIN_PAGES.items():
        name, _, variant = key.partition(":")
        url = admin_url(world, name, variant)
        if name == "autocomplete":
            url += "?app_label=articles&model_name=article&field_name=section"
        for role, want in zip(ROLES, expected.split(), strict=True):
            got = get_outcome(client_as(world, role).get(url))
            if got != want:
                mismatches.append(f"{key} as {role}: expected {want}, got {got}")
    assert not mismatches, "\n".join(mismatches)


# State-changing requests: "ok" (done) or "no" (refused, the database unchanged).
def upload():
    return SimpleUploadedFile("new.jpg", jpeg_bytes(), content_type="image/jpeg")


def action(name: str, *objects) -> dict:
    return {"action": name, "_selected_action": [obj.pk for obj in objects], "index": "0"}


def post_rows(world: World):
    """(label, expected, method, url, data, done) for every state-changing request."""
    draft, live, comment = world.draft, world.live, world.comment
    reader = world.users["reader"]
    own = CommentFactory(article=live, author=reader, text="The reader's own comment.")
    changed_headline = lambda article: Article.objects.get(pk=article.pk).headline == "Changed"  # noqa: E731
    status_of = lambda article: Article.objects.get(pk=article.pk).status  # noqa: E731
    new_article = {
        "headline": "A new story",
        "slug": "a-new-story",
        "standfirst": "New.",
        "body": "<p>New.</p>",
        "section": live.section_id,
        "comments_enabled": "on",
        "base_revision": "",
    }
    admin = "admin:"
    return [
        # --- the newsroom admin ---
        ("article add", "no no ok no ok", "post", reverse(f"{admin}articles_article_add"),
         new_article, lambda: Article.objects.filter(slug="a-new-story").exists()),
        ("article change (writer's draft)", "no no ok no ok", "post",
         reverse(f"{admin}articles_article_change", args=[draft.pk]),
         admin_change_data(draft, headline="Changed"), lambda: changed_headline(draft)),
        ("article change (live story)", "no no no no ok", "post",
         reverse(f"{admin}articles_article_change", args=[live.pk]),
         admin_change_data(live, headline="Changed"), lambda: changed_headline(live)),
        ("article delete", "no no no no no", "post",
         reverse(f"{admin}articles_article_delete", args=[live.pk]), {"post": "yes"},
         lambda: not Article.objects.filter(pk=live.pk).exists()),
        ("transition: submit the draft", "no no ok no ok", "post",
         admin_url(world, "articles_article_transition", "submit"), {"note": ""},
         lambda: status_of(draft) == ArticleStatus.IN_REVIEW),
        ("transition: archive the live story", "no no no no ok", "post",
         reverse(f"{admin}articles_article_transition", args=[live.pk, "archive"]), {},
         lambda: status_of(live) == ArticleStatus.ARCHIVED),
        ("transition: unpublish the live story", "no no no no ok", "post",
         reverse(f"{admin}articles_article_transition", args=[live.pk, "unpublish"]), {},
         lambda: status_of(live) == ArticleStatus.DRAFT),
        ("revision restore", "no no ok no ok", "post",
         admin_url(world, "articles_article_revision"), {},
         lambda: draft.revisions.count() > 1),
        ("correction", "no no no no ok", "post",
         reverse(f"{admin}articles_article_correction", args=[live.pk]),
         {"kind": "correction", "text": "We misspelt a name."},
         lambda: ArticleCorrection.objects.filter(text="We misspelt a name.").exists()),
        ("action: submit selected", "no no ok no ok", "post",
         reverse(f"{admin}articles_article_changelist"), action("submit_selected", draft),
         lambda: status_of(draft) == ArticleStatus.IN_REVIEW),
        ("action: archive selected", "no no no no ok", "post",
         reverse(f"{admin}articles_article_changelist"), action("archive_selected", live),
         lambda: status_of(live) == ArticleStatus.ARCHIVED),
        ("image upload", "no no ok no ok", "post", reverse(f"{admin}articles_image_add"),
         {"file": upload(), "alt_text": "A quay", "caption": "New picture", "credit": "PA"},
         lambda: Image.objects.filter(caption="New picture").exists()),
        ("image change", "no no no no ok", "post",
         reverse(f"{admin}articles_image_change", args=[live.hero_image_id]),
         {"alt_text": "A quay", "caption": "Recaptioned", "credit": "PA"},
         lambda: Image.objects.filter(caption="Recaptioned").exists()),
        ("image delete", "no no no no no", "post",
         reverse(f"{admin}articles_image_delete", args=[live.hero_image_id]), {"post": "yes"},
         lambda: not Image.objects.filter(pk=live.hero_image_id).exists()),
        ("tag add", "no no no no ok", "post", reverse(f"{admin}articles_tag_add"),
         {"name": "Harbours", "slug": "harbours"},
         lambda: Tag.objects.filter(slug="harbours").exists()),
        ("author add", "no no no no ok", "post", reverse(f"{admin}articles_author_add"),
         {"name": "Jane Roe", "slug": "jane-roe"},
         lambda: world.objects["articles_author"].__class__.objects.filter(
             slug="jane-roe").exists()),
        ("section add", "no no no no no", "post", reverse(f"{admin}articles_section_add"),
         {"name": "Farming", "slug": "farming", "position": "1"},
         lambda: live.section.__class__.objects.filter(slug="farming").exists()),
        ("user change (make staff)", "no no no no no", "post",
         reverse(f"{admin}articles_user_change", args=[reader.pk]),
         {"username": reader.username, "is_staff": "on", "date_joined_0": "2024-01-01",
          "date_joined_1": "00:00:00"},
         lambda: User.objects.get(pk=reader.pk).is_staff),
        ("group change", "no no no no no", "post",
         reverse(f"{admin}auth_group_change", args=[world.objects["auth_group"].pk]),
         {"name": "Editors", "permissions": []},
         lambda: not world.objects["auth_group"].permissions.exists()),
        ("appeal banner add", "no no no no no", "post",
         reverse(f"{admin}articles_appealbanner_add"),
         {"text": "Give", "button_label": "Give", "link": "https://example.com/"},
         lambda: world.objects["articles_appealbanner"].__class__.objects.count() > 1),
        ("review: remove the comment", "no no no ok no", "post",
         reverse(f"{admin}articles_comment_review", args=[comment.pk]),
         {"action": "remove", "note": "abuse"},
         lambda: Comment.objects.get(pk=comment.pk).status == CommentStatus.REMOVED),
        ("action: dismiss reports", "no no no ok no", "post",
         reverse(f"{admin}articles_reportedcomment_changelist"),
         action("dismiss_reports", comment),
         lambda: not Report.objects.filter(status=ReportStatus.OPEN).exists()),
        ("action: approve pending", "no no no ok no", "post",
         reverse(f"{admin}articles_pendingcomment_changelist"),
         action("approve", world.pending),
         lambda: Comment.objects.get(pk=world.pending.pk).status == CommentStatus.VISIBLE),
        ("action: lift a suspension", "no no no ok no", "post",
         reverse(f"{admin}articles_readersanction_changelist"), action("lift", world.sanction),
         lambda: world.sanction.__class__.objects.get(pk=world.sanction.pk).lifted_at),
        ("comment delete (admin)", "no no no no no", "post",
         reverse(f"{admin}articles_comment_delete", args=[comment.pk]), {"post": "yes"},
         lambda: not Comment.objects.filter(pk=comment.pk).exists()),
        ("watched word add", "no no no ok no", "post",
         reverse(f"{admin}articles_watchedword_add"), {"word": "swindle", "note": ""},
         lambda: WatchedWord.objects.filter(word="swindle").exists()),
        ("watched word delete", "no no no ok no", "post",
         reverse(f"{admin}articles_watchedword_delete",
                 args=[world.objects["articles_watchedword"].pk]), {"post": "yes"},
         lambda: not WatchedWord.objects.filter(word="scam").exists()),
        ("lockout delete", "no no no no no", "post",
         reverse(f"{admin}axes_accessattempt_delete",
                 args=[world.objects["axes_accessattempt"].pk]), {"post": "yes"},
         lambda: not world.objects["axes_accessattempt"].__class__.objects.exists()),
        ("own admin password", "no no ok ok ok", "post", reverse(f"{admin}password_change"),
         {"old_password": "correct horse battery staple",
          "new_password1": "a new long passphrase 42", "new_password2": "a new long passphrase 42"},
         lambda: any(u.check_password("a new long passphrase 42") for u in User.objects.all())),
        # --- the public site ---
        ("comment post", "no ok ok ok ok", "post", reverse("comments:post", args=[live.pk]),
         {"text": "Posting in the matrix."},
         lambda: Comment.objects.filter(text="Posting in the matrix.").exists()),
        ("comment edit (the reader's own)", "no ok no no no", "post",
         reverse("comments:edit", args=[own.pk]), {"text": "Edited text."},
         lambda: Comment.objects.get(pk=own.pk).text == "Edited text."),
        ("comment delete (the reader's own)", "no ok no no no", "post",
         reverse("comments:delete", args=[own.pk]), {},
         lambda: Comment.objects.get(pk=own.pk).status == CommentStatus.DELETED),
        # Anyone may report, anonymous readers too; nobody reports their own comment.
        ("report a comment", "ok no ok ok ok", "post", reverse("comments:report", args=[own.pk]),
         {"reason": "spam", "details": "matrix"},
         lambda: Report.objects.filter(details="matrix").exists()),
        ("account: display name", "no ok ok ok ok", "post", reverse("accounts:account"),
         {"display_name": "Renamed"},
         lambda: User.objects.filter(display_name="Renamed").exists()),
        ("account: delete", "no ok no no no", "post", reverse("accounts:delete"),
         {"confirm": "yes"},
         lambda: not User.objects.get(pk=reader.pk).is_active),
        ("sign up", "ok no no no no", "post", reverse("accounts:signup"),
         {"display_name": "Newcomer", "email": "new@example.com",
          "password1": "a long new passphrase", "password2": "a long new passphrase"},
         lambda: User.objects.filter(email="new@example.com").exists()),
    ]  # fmt: skip


def test_every_state_changing_request_is_allowed_or_refused_as_the_roles_say():
    world = build_world()
    mismatches = []
    for label, expected, method, url, data, done in post_rows(world):
        for role, want in zip(ROLES, expected.split(), strict=True):
            cache.clear()
            client = client_as(world, role)
            with transaction.atomic():
                before = database_state()
                if hasattr(data.get("file"), "seek"):
                    data["file"].seek(0)
                response = getattr(client, method)(url, data)
                after = database_state()
                got = "ok" if done() else "no"
                changes = state_changes(before, after)
                transaction.set_rollback(True)
            if got != want:
                mismatches.append(
                    f"{label} as {role}: expected {want}, got {got} "
                    f"({response.status_code}, changed {changes})"
                )
            elif got == "no" and changes:
                mismatches.append(f"{label} as {role}: refused but changed {changes}")
            elif response.status_code >= 500:
                mismatches.append(f"{label} as {role}: status {response.status_code}")
    assert not mismatches, "\n".join(mismatches)


def test_signing_out_ends_the_session_for_every_role():
    world = build_world()
    for role in ROLES:
        client = client_as(world, role)
        response = client.post(reverse("accounts:logout"))
        assert response.status_code == 302, role
        assert "_auth_user_id" not in client.session, role


def test_the_data_export_is_for_signed_in_readers_only():
    world = build_world()
    for role in ROLES:
        response = client_as(world, role).get(reverse("accounts:export"))
        if role == "anonymous":
            assert response.status_code == 302 and "/login/" in response["Location"]
        else:
            assert response.status_code == 200, role
            assert response["Content-Disposition"].startswith("attachment"), role
