from django.contrib import admin

from .models import Comment, DiscussionSettings


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ("author_name", "post", "status", "created_at")
    list_filter = ("status", "kind")
    search_fields = ("author_name", "author_email", "content")
    raw_id_fields = ("post", "parent", "thread", "user")


admin.site.register(DiscussionSettings)
