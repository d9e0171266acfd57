from django.contrib import admin

from byline.porting.models import ImportJob, Origin


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    list_display = ["__str__", "status", "done", "total", "created_at", "finished_at"]
    list_filter = ["status"]
    raw_id_fields = ["blog", "started_by"]


@admin.register(Origin)
class OriginAdmin(admin.ModelAdmin):
    list_display = ["kind", "key", "object_id", "old_path", "source", "blog"]
    list_filter = ["kind"]
    search_fields = ["key", "old_path", "guid"]
    raw_id_fields = ["blog"]
