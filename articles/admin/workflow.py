"""Workflow pieces of the article admin: forms, filters and the views behind its buttons."""

import difflib
import html
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.admin.widgets import AdminSplitDateTime
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, JsonResponse, QueryDict
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, strip_tags
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles.admin.editor import BodyEditorWidget
from articles.models import (
    Article,
    ArticleCorrection,
    ArticleRevision,
    Author,
    Image,
    Tag,
)
from articles.services.workflow import (
    TRANSITION_SERVICES,
    TRANSITIONS,
    available_transitions,
    can_edit_article,
    correction_add,
    image_problems,
    publishing_problems,
    revision_restore,
    transition_permitted,
)
from articles.views.preview import preview_url

PICKER_LIMIT = 20


class ArticleAdminForm(forms.ModelForm):
    """The article form, with an optimistic lock: the revision the editor started from."""

    base_revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Article
        fields = [
            "headline",
            "slug",
            "standfirst",
            "body",
            "hero_image",
            "hero_caption",
            "section",
            "authors",
            "tags",
            "published_at",
            "comments_enabled",
        ]
        # A search result shows about 60 characters of a headline and 160 of a description.
        widgets = {
            "body": BodyEditorWidget,
            "headline": forms.TextInput(attrs={"data-length-hint": "60", "spellcheck": "true"}),
            "standfirst": forms.Textarea(
                attrs={"rows": 3, "data-length-hint": "160", "spellcheck": "true"}
            ),
        }

    class Media:
        js = [
            "articles/admin/length-hints.js",
            "articles/admin/unsaved-changes.js",
            "articles/admin/autosave.js",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            latest = self.instance.revisions.only("pk").first()
            self.fields["base_revision"].initial = latest.pk if latest else 0

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            # Hold the row until the admin's transaction ends, so two saves cannot interleave.
            list(Article.objects.select_for_update().filter(pk=self.instance.pk).values("pk"))
            latest = self.instance.revisions.select_related("created_by").first()
            base = cleaned.get("base_revision") or 0
            if latest is not None and latest.pk != base:
                self._refuse_conflict(latest, base)
        return cleaned

    def _refuse_conflict(self, latest: ArticleRevision, base: int) -> None:
        compare = reverse(
            "admin:articles_article_revision", args=[self.instance.pk, base or latest.pk]
        )
        author = latest.created_by
        who = (author.get_full_name() or author.username) if author else _("Someone")
        # A second save, having seen this, deliberately replaces their version.
        data = cast(QueryDict, self.data).copy()
        data[self.add_prefix("base_revision")] = str(latest.pk)
        self.data = data
        raise ValidationError(
            format_html(
                _(
                    "{who} saved this article at {time} while you were editing it. Your changes "
                    'are not saved yet: <a href="{compare}">compare with their version</a>, '
                    "then save again to replace it with yours."
                ),
                who=who,
                time=date_format(timezone.localtime(latest.created_at), "H:i:s"),
                compare=compare,
            ),
            code="edit_conflict",
        )


class StateFilter(admin.SimpleListFilter):
    title = gettext_lazy("state")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [
            ("draft", _("Draft")),
            ("in_review", _("In review")),
            ("scheduled", _("Scheduled")),
            ("published", _("Published (live)")),
            ("archived", _("Archived")),
        ]

    def queryset(self, request, queryset):
        match self.value():
            case "scheduled":
                return queryset.scheduled()
            case "published":
                return queryset.on_fronts()
            case "draft" | "in_review" | "archived":
                return queryset.filter(status=self.value())
        return queryset


class MineFilter(admin.SimpleListFilter):
    title = gettext_lazy("whose")
    parameter_name = "mine"

    def lookups(self, request, model_admin):
        return [("1", _("Mine"))]

    def queryset(self, request, queryset):
        if self.value() != "1":
            return queryset
        bylined = Article.authors.through.objects.filter(author__user=request.user)
        return queryset.filter(Q(created_by=request.user) | Q(pk__in=bylined.values("article_id")))


class TransitionForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("Note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text=gettext_lazy("Kept in the article's history."),
    )
    publish_at = forms.SplitDateTimeField(
        label=gettext_lazy("Publish at"), required=False, widget=AdminSplitDateTime
    )

    def __init__(self, *args, transition, **kwargs):
        super().__init__(*args, **kwargs)
        if transition.name == "request_changes":
            self.fields["note"].required = True
            self.fields["note"].help_text = _("Tell the writer what to change.")
        if transition.name == "schedule":
            self.fields["publish_at"].required = True
        else:
            del self.fields["publish_at"]


class CorrectionForm(forms.ModelForm):
    class Meta:
        model = ArticleCorrection
        fields = ["kind", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 4, "cols": 60})}


@dataclass
class FieldChange:
    label: str
    lines: list[tuple[str, str]]  # ("same" | "del" | "ins", text)


BLOCK_END = re.compile(r"</(p|h[2-4]|li|blockquote|figure)>|<br\s*/?>", re.IGNORECASE)
FIGURE = re.compile(r'<figure data-image-id="(\d+)"[^>]*>')


def text_lines(body_html: str) -> list[str]:
    """The body as readable lines: one per paragraph, heading or list item."""
    marked = FIGURE.sub(lambda match: f"[image #{match.group(1)}]", body_html)
    text = html.unescape(strip_tags(BLOCK_END.sub("\n", marked)))
    return [line.strip() for line in text.splitlines() if line.strip()]


def line_diff(old: list[str], new: list[str]) -> list[tuple[str, str]]:
    lines = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            lines += [("same", line) for line in old[i1:i2]]
            continue
        lines += [("del", line) for line in old[i1:i2]]
        lines += [("ins", line) for line in new[j1:j2]]
    return lines


def field_label(name: str) -> str:
    return str(getattr(Article._meta.get_field(name), "verbose_name", name))


def revision_changes(revision: ArticleRevision, article: Article) -> list[FieldChange]:
    """What differs between a revision (old) and the article as it is now (new)."""
    changes = []
    for field in ("headline", "slug", "standfirst", "hero_caption"):
        old, new = getattr(revision, field), getattr(article, field)
        if old != new:
            changes.append(
                FieldChange(field_label(field), line_diff(old.splitlines(), new.splitlines()))
            )
    old_body, new_body = text_lines(revision.body), text_lines(article.body)
    if old_body != new_body:
        changes.append(FieldChange(_("body"), line_diff(old_body, new_body)))
    related = [
        ("section", revision.section, article.section),
        ("hero_image", revision.hero_image, article.hero_image),
        (
            "authors",
            ", ".join(map(str, Author.objects.filter(pk__in=revision.author_ids))),
            ", ".join(map(str, article.authors.all())),
        ),
        (
            "tags",
            ", ".join(map(str, Tag.objects.filter(pk__in=revision.tag_ids))),
            ", ".join(map(str, article.tags.all())),
        ),
    ]
    for field, old, new in related:
        if old != new:
            changes.append(
                FieldChange(
                    field_label(field), [("del", str(old or "-")), ("ins", str(new or "-"))]
                )
            )
    return changes


if TYPE_CHECKING:
    WorkflowMixinBase = admin.ModelAdmin[Article]  # what the mixin is mixed into
else:
    WorkflowMixinBase = object


class ArticleWorkflowMixin(WorkflowMixinBase):
    """Transition, revision, correction and image-picker views for the article admin."""

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("images/", view(self.images_view), name="articles_article_images"),
            path(
                "<path:object_id>/transition/<str:name>/",
                view(self.transition_view),
                name="articles_article_transition",
            ),
            path(
                "<path:object_id>/revisions/<int:revision_id>/",
                view(self.revision_view),
                name="articles_article_revision",
            ),
            path(
                "<path:object_id>/corrections/add/",
                view(self.correction_view),
                name="articles_article_correction",
            ),
            *super().get_urls(),
        ]

    def _article_or_404(self, request, object_id) -> Article:
        article = self.get_object(request, unquote(object_id))
        if article is None:
            raise Http404(_("No such article."))
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        return article

    def _render(self, request, template, article, **context):
        return TemplateResponse(
            request,
            template,
            {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "article": article,
                "change_url": reverse("admin:articles_article_change", args=[article.pk]),
                **context,
            },
        )

    def transition_view(self, request, object_id, name):
        article = self._article_or_404(request, object_id)
        transition = TRANSITIONS.get(name)
        if transition is None:
            raise Http404(_("No such workflow step."))
        if not transition_permitted(request.user, article, name):
            raise PermissionDenied
        planned = article.published_at if article.published_at and not article.is_live else None
        form = TransitionForm(
            request.POST if request.method == "POST" else None,
            transition=transition,
            initial={"publish_at": planned and timezone.localtime(planned)},
        )
        problems = []
        if request.method == "POST" and form.is_valid():
            try:
                TRANSITION_SERVICES[name](article=article, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                problems = error.messages
            else:
                self.log_change(request, article, str(transition.label))
                self.message_user(
                    request,
                    _("“%(headline)s”: %(action)s done. It is now %(status)s.")
                    % {
                        "headline": article.headline,
                        "action": transition.label,
                        "status": self.state_label(article),
                    },
                    messages.SUCCESS,
                )
                return redirect("admin:articles_article_change", article.pk)
        elif request.method != "POST" and name in ("publish", "schedule"):
            problems = publishing_problems(article)
        return self._render(
            request,
            "admin/articles/article/transition.html",
            article,
            title=_("%(action)s: %(headline)s")
            % {"action": transition.label, "headline": article.headline},
            transition=transition,
            form=form,
            media=self.media + form.media,
            problems=problems,
        )

    def revision_view(self, request, object_id, revision_id):
        article = self._article_or_404(request, object_id)
        revision = article.revisions.select_related("created_by").filter(pk=revision_id).first()
        if revision is None:
            raise Http404(_("No such revision."))
        may_restore = can_edit_article(request.user, article)
        if request.method == "POST":
            if not may_restore:
                raise PermissionDenied
            revision_restore(revision=revision, by=request.user)
            self.log_change(request, article, f"Restored revision {revision.number}")
            self.message_user(
                request,
                _("Revision %(id)s restored; it is saved as a new revision.")
                % {"id": revision.number},
                messages.SUCCESS,
            )
            return redirect("admin:articles_article_change", article.pk)
        return self._render(
            request,
            "admin/articles/article/revision.html",
            article,
            title=_("Revision %(id)s compared with the current version") % {"id": revision.number},
            revision=revision,
            changes=revision_changes(revision, article),
            may_restore=may_restore,
        )

    def correction_view(self, request, object_id):
        article = self._article_or_404(request, object_id)
        if not request.user.has_perm("articles.add_articlecorrection"):
            raise PermissionDenied
        form = CorrectionForm(request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            try:
                correction_add(article=article, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                self.log_change(request, article, "Added a correction")
                self.message_user(request, _("The note is now on the story."), messages.SUCCESS)
                return redirect("admin:articles_article_change", article.pk)
        return self._render(
            request,
            "admin/articles/article/correction.html",
            article,
            title=_("Add a correction or update: %(headline)s") % {"headline": article.headline},
            form=form,
        )

    def images_view(self, request):
        """Library pictures for the editor's picker, as JSON (search caption, credit, alt)."""
        if not request.user.has_perm("articles.view_image"):
            raise PermissionDenied
        images = Image.objects.all()
        if image_id := request.GET.get("id", "").strip():
            images = images.filter(pk=int(image_id)) if image_id.isdigit() else images.none()
        elif query := request.GET.get("q", "").strip():
            images = images.filter(
                Q(caption__icontains=query)
                | Q(credit__icontains=query)
                | Q(alt_text__icontains=query)
            )
        return JsonResponse(
            {
                "images": [
                    {
                        "id": image.pk,
                        "caption": image.caption,
                        "credit": image.credit,
                        "alt": image.alt_text,
                        "thumbnail": image.file.url if image.file else "",
                        "markup": f'<figure data-image-id="{image.pk}"></figure>',
                        "problems": [str(problem.label) for problem in image_problems(image)],
                    }
                    for image in images[:PICKER_LIMIT]
                ]
            }
        )

    def workflow_context(self, request, article: Article) -> dict:
        """What the change page shows under the form: actions, history, revisions, notes."""
        return {
            "transitions": available_transitions(request.user, article),
            "history": article.transitions.select_related("created_by"),
            "revisions": article.revisions.select_related("created_by")[:50],
            "corrections": article.corrections.select_related("created_by"),
            "may_correct": article.is_live
            and request.user.has_perm("articles.add_articlecorrection"),
            "preview_url": preview_url(article),
            "state_label": self.state_label(article),
        }

    @staticmethod
    def state_label(article: Article) -> str:
        if article.is_scheduled:
            when = date_format(timezone.localtime(article.published_at), "j M Y, H:i")
            return _("scheduled for %(when)s") % {"when": when}
        return article.get_status_display().lower()
