"""What the admin reads from the address bar, bounded for every model admin (Django's and
third-party ones included), so hostile values get the admin's own answers, not a server error.

- Changelists go through one ChangeList that turns a date-hierarchy value outside the calendar
  into Django's "invalid lookup" answer (a redirect to ``?e=1``). Django already does so for a
  month or day that does not exist, but not for a year it cannot step past, nor for digits that
  overflow, nor for a filter's number too large for the database to take (SQLite cannot bind
  one past 64 bits). (A NUL character anywhere in the address never gets here:
  ``RejectNulMiddleware``.)
- ``?_to_field=`` naming no field (empty, say) finds no object instead of failing the lookup.
- Action forms act on the selected ids that could be ids: one that is not (or out of the
  column's range) is left out rather than reaching the query.
- Add forms take initial values from the query string; a related object's id that is not an id
  at all (or out of the column's range) is dropped instead of reaching the widget's query.
"""

from django.contrib import admin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import FieldDoesNotExist, ValidationError


class BoundedChangeList(ChangeList):
    def get_filters(self, request):
        if self.date_hierarchy:
            for part in ("year", "month", "day"):
                value = request.GET.get(f"{self.date_hierarchy}__{part}")
                if value is None:
                    continue
                # Year 1 and the last year are excluded: their neighbours (in UTC, or the
                # period after) fall outside the calendar.
                limit = {"year": 9998, "month": 12, "day": 31}[part]
                low = 2 if part == "year" else 1
                if not (value.isascii() and value.isdecimal() and low <= int(value) <= limit):
                    raise IncorrectLookupParameters(f"{part} out of range")
        try:
            return super().get_filters(request)
        except (ValueError, OverflowError) as error:
            raise IncorrectLookupParameters(error) from error

    def get_results(self, request):
        try:
            super().get_results(request)
        except OverflowError as error:  # a filter's number past what SQLite can bind
            raise IncorrectLookupParameters(error) from error


def bounded_changelist(self, request, **kwargs):
    return BoundedChangeList


def _is_value_of(field, value) -> bool:
    try:
        field.run_validators(field.to_python(value))
    except (ValidationError, ValueError, TypeError, OverflowError):
        return False
    return True


_response_action = admin.ModelAdmin.response_action


def response_action_on_ids(self, request, queryset):
    """Django's action handling, given only the selected values that could be primary keys."""
    selected = request.POST.getlist(ACTION_CHECKBOX_NAME)
    ids = [value for value in selected if _is_value_of(self.model._meta.pk, value)]
    if ids != selected:
        request.POST = request.POST.copy()
        request.POST.setlist(ACTION_CHECKBOX_NAME, ids)
    return _response_action(self, request, queryset)


_initial_data = admin.ModelAdmin.get_changeform_initial_data


def checked_initial_data(self, request):
    """The add form's initial values, less related ids that could not name a row."""
    initial = _initial_data(self, request)
    for name, value in list(initial.items()):
        try:
            field = self.model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if not field.is_relation or field.target_field is None:
            continue
        values = value if isinstance(value, list) else [value]
        if not all(_is_value_of(field.target_field, each) for each in values):
            del initial[name]
    return initial


_get_object = admin.ModelAdmin.get_object


def get_object_by_allowed_field(self, request, object_id, from_field=None):
    if from_field is not None and not self.to_field_allowed(request, from_field):
        return None
    return _get_object(self, request, object_id, from_field)


# Patched on purpose, for every admin (mypy refuses assigning to methods).
admin.ModelAdmin.get_changelist = bounded_changelist  # type: ignore[method-assign]
admin.ModelAdmin.get_changeform_initial_data = checked_initial_data  # type: ignore[method-assign]
admin.ModelAdmin.get_object = get_object_by_allowed_field  # type: ignore[method-assign]
# django-stubs 6 gives response_action Django 6's action_location parameter; 5.2 has none.
admin.ModelAdmin.response_action = response_action_on_ids  # type: ignore[method-assign, assignment]
