from allauth.account import views as allauth_views
from django.contrib import admin
from django.urls import include, path

from byline.platform.uploads import serve_upload

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("byline.accounts.urls")),  # before allauth's: its /accounts/profile/ is ours
    path("accounts/", include("allauth.urls")),
    # The names Django's auth URLs had, kept for templates that still say {% url 'login' %}.
    path("accounts/login/", allauth_views.login, name="login"),
    path("accounts/logout/", allauth_views.logout, name="logout"),
    path("dashboard/<slug:blog>/comments/", include("byline.comments.dashboard_urls")),
    path("dashboard/<slug:blog>/import/", include("byline.porting.urls")),
    path("dashboard/<slug:blog>/", include("byline.social.dashboard_urls")),  # stats, followers
    path("dashboard/", include("byline.dashboard.urls")),
    path("media/<path:path>", serve_upload, name="media"),  # uploaded images (issue #6)
    path("", include("byline.platform.urls")),
    path("", include("byline.comments.urls")),
    path("", include("byline.pagecache.urls")),
    path("", include("byline.subscriptions.urls")),
    path("", include("byline.social.urls")),  # /read/ and /notifications/
    path("", include("byline.posts.urls")),
]

handler404 = "byline.platform.views.not_found"
