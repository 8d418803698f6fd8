"""Search (``/search/?q=``): the form, the ranked page of results and their snippets."""

from django.http import Http404
from django.views.generic import ListView

from articles.forms.search import SearchForm
from articles.models import Article, Section
from articles.search import CappedPaginator, get_backend, planned_with_index, search_articles


class SearchView(ListView):
    """``/search/?q=``: live stories best first, with section and date filters and snippets."""

    template_name = "articles/search.html"
    context_object_name = "articles"
    paginate_by = 20
    paginator_class = CappedPaginator

    def get(self, request, *args, **kwargs):
        self.sections = list(Section.objects.all())
        self.form = SearchForm(request.GET or None, sections=self.sections)
        return super().get(request, *args, **kwargs)

    @property
    def query(self) -> str:
        return self.form.cleaned_data["q"] if self.form.is_valid() else ""

    def get_queryset(self):
        if not self.query:
            return Article.objects.none()
        data = self.form.cleaned_data
        return search_articles(
            query=self.query,
            section=data["section"],
            published_from=data["published_from"],
            published_to=data["published_to"],
        )

    def get_context_data(self, **kwargs):
        not_found = None
        with planned_with_index():
            try:
                context = super().get_context_data(**kwargs)
            except Http404 as error:
                # Leave the hint's transaction normally: a 404 raised through it would leave
                # an enclosing transaction unusable for drawing the 404 page.
                not_found = error
            else:
                backend = get_backend()
                for article in context["articles"]:
                    article.snippet = backend.snippet(article, self.query)
        if not_found is not None:
            raise not_found
        params = self.request.GET.copy()
        params.pop("page", None)
        return {
            **context,
            "form": self.form,
            "query": self.query,
            "query_string": params.urlencode(),
            "nav_sections": self.sections,  # the header's navigation, without a second query
        }
