from .articles import LIVE_STATUSES, Article, ArticleQuerySet, ArticleStatus
from .images import Image
from .imports import ArticleRedirect, ArticleSource
from .site import AppealBanner
from .taxonomy import Author, Section, Tag
from .users import User
from .workflow import ArticleCorrection, ArticleRevision, ArticleTransition, CorrectionKind

__all__ = [
    "LIVE_STATUSES",
    "AppealBanner",
    "Article",
    "ArticleCorrection",
    "ArticleQuerySet",
    "ArticleRedirect",
    "ArticleRevision",
    "ArticleSource",
    "ArticleStatus",
    "ArticleTransition",
    "Author",
    "CorrectionKind",
    "Image",
    "Section",
    "Tag",
    "User",
]

from .comments import (
    ActionKind,
    Comment,
    CommentStatus,
    HoldReason,
    ModerationAction,
    PendingComment,
    ReaderSanction,
    Report,
    ReportedComment,
    ReportReason,
    ReportStatus,
    SanctionKind,
    WatchedWord,
)

__all__ += [
    "ActionKind",
    "Comment",
    "CommentStatus",
    "HoldReason",
    "ModerationAction",
    "PendingComment",
    "ReaderSanction",
    "Report",
    "ReportReason",
    "ReportStatus",
    "ReportedComment",
    "SanctionKind",
    "WatchedWord",
]
