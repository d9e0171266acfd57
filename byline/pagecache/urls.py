from django.urls import path

from byline.pagecache import views

app_name = "pagecache"

urlpatterns = [
    path("fragments/reader/", views.reader, name="reader"),
]
