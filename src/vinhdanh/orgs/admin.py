"""Roles held in units, for administrators (every change lands in the audit log)."""

from django.contrib import admin

from vinhdanh.orgs.models import RoleAssignment


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = [
        "user",
        "unit",
        "include_subunits",
        "is_clerk",
        "is_emulation_office",
        "is_council_member",
        "is_decider",
        "is_admin",
    ]
    list_filter = ["is_clerk", "is_emulation_office", "is_council_member", "is_decider"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "unit__name"]
    autocomplete_fields = ["user"]
    raw_id_fields = ["unit"]  # ~800 units: a select would be unusable


# Second factors are set up by their holder and reset on the lock-outs page, both audited;
# django-otp's admin page would change them (and show their keys) without a trace.
def _hide_totp_admin() -> None:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    if admin.site.is_registered(TOTPDevice):
        admin.site.unregister(TOTPDevice)


_hide_totp_admin()
