from django.urls import path

from articles.views import comments

app_name = "comments"

urlpatterns = [
    path("on/<int:article_pk>/", comments.post, name="post"),
    path("<int:pk>/", comments.permalink, name="permalink"),
    path("<int:pk>/posted/", comments.posted, name="posted"),
    path("<int:pk>/edit/", comments.edit, name="edit"),
    path("<int:pk>/delete/", comments.delete, name="delete"),
    path("<int:pk>/report/", comments.report, name="report"),
    path("<int:pk>/report/thanks/", comments.report_thanks, name="report-thanks"),
]
