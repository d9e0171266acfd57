from django.contrib import admin

from .models import Announcement, CommentNotice, OptOut, Subscription


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin):
    list_display = ("email", "kind", "blog", "post", "confirmed_at", "created_at")
    list_filter = ("kind", ("confirmed_at", admin.EmptyFieldListFilter))
    search_fields = ("email",)
    raw_id_fields = ("blog", "post", "user")


@admin.register(OptOut)
class OptOutAdmin(admin.ModelAdmin):
    list_display = ("user", "blog", "kind", "created_at")
    raw_id_fields = ("user", "blog")


@admin.register(Announcement)
class AnnouncementAdmin(admin.ModelAdmin):
    list_display = ("post", "due_at", "sent_at", "recipients")
    raw_id_fields = ("post",)


@admin.register(CommentNotice)
class CommentNoticeAdmin(admin.ModelAdmin):
    list_display = ("comment", "sent_at", "recipients")
    raw_id_fields = ("comment",)
