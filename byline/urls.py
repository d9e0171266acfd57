from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("django.contrib.auth.urls")),
    path("", include("byline.platform.urls")),
    path("", include("byline.comments.urls")),
    path("", include("byline.posts.urls")),
]

handler404 = "byline.platform.views.not_found"
