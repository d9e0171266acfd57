"""The dashboard's import pages, mounted at /dashboard/<blog>/import/ by byline/urls.py."""

from django.urls import path

from byline.porting import views

app_name = "porting"

urlpatterns = [
    path("", views.import_page, name="import"),
    path("<int:pk>/", views.progress, name="progress"),
    path("<int:pk>/resume/", views.resume, name="resume"),
]
