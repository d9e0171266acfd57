from django.contrib import admin

from byline.media.models import MediaItem


@admin.register(MediaItem)
class MediaItemAdmin(admin.ModelAdmin):
    list_display = ["title", "blog", "mime_type", "uploaded_by", "uploaded_at"]
    list_filter = ["blog", "mime_type"]
    search_fields = ["title", "original_url", "alt_text"]
    raw_id_fields = ["post", "uploaded_by"]
