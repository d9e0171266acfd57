from django.contrib import admin

from .models import Blog, Membership


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Blog)
class BlogAdmin(admin.ModelAdmin):
    list_display = ("title", "slug", "owner", "language", "time_zone")
    search_fields = ("title", "slug")
    inlines = [MembershipInline]
    autocomplete_fields = ["owner"]
    raw_id_fields = ["icon"]  # a select of every image of the platform would be too long
