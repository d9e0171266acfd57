from django.urls import path

from byline.comments import views

app_name = "comments"

urlpatterns = [
    path("avatar/<str:key>.svg", views.avatar, name="avatar"),
]
