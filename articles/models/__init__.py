from .articles import LIVE_STATUSES, Article, ArticleQuerySet, ArticleStatus
from .images import Image
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
    "ArticleRevision",
    "ArticleStatus",
    "ArticleTransition",
    "Author",
    "CorrectionKind",
    "Image",
    "Section",
    "Tag",
    "User",
]
