from django.contrib import admin

from .models import EmailChoices, Follow, Like, Notification, PostView


@admin.register(Like)
class LikeAdmin(admin.ModelAdmin):
    list_display = ("user", "post", "comment", "created_at")
    raw_id_fields = ("user", "post", "comment")


@admin.register(Follow)
class FollowAdmin(admin.ModelAdmin):
    list_display = ("user", "blog", "created_at")
    raw_id_fields = ("user", "blog")


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("recipient", "kind", "actor", "blog", "created_at", "read_at", "emailed_at")
    list_filter = ("kind",)
    raw_id_fields = ("recipient", "actor", "blog", "post", "comment", "like", "follow")


@admin.register(EmailChoices)
class EmailChoicesAdmin(admin.ModelAdmin):
    list_display = ("user", "reply", "like", "follow")
    raw_id_fields = ("user",)


@admin.register(PostView)
class PostViewAdmin(admin.ModelAdmin):
    list_display = ("post", "day", "referrer", "views")
    raw_id_fields = ("post",)
