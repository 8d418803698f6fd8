from .articles import ArticleDetailView, AuthorView, HomeView, SectionView, TagView

__all__ = ["ArticleDetailView", "AuthorView", "HomeView", "SectionView", "TagView"]
