"""Mounted at /dashboard/<blog>/ by byline/urls.py, before the dashboard's own addresses."""

from django.urls import path

from byline.social.views import dashboard

app_name = "dashboard_social"

urlpatterns = [
    path("stats/", dashboard.blog_stats, name="stats"),
    path("followers/", dashboard.followers, name="followers"),
]
