"""The addresses in Byline's emails, under a platform word no blog can take."""

from django.urls import path

from byline.subscriptions import views

app_name = "subscriptions"

urlpatterns = [
    path("notifications/confirm/<str:token>/", views.confirm, name="confirm"),
    path("notifications/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
