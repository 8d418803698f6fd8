"""Every admin changelist, Django's and third-party ones included, through one ChangeList that
turns a date-hierarchy value outside the calendar into Django's own "invalid lookup" answer
(a redirect to ``?e=1``) rather than a server error. Django already does so for a month or day
that does not exist, but not for a year it cannot step past, nor for digits that overflow."""

from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ChangeList


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


def bounded_changelist(self, request, **kwargs):
    return BoundedChangeList


admin.ModelAdmin.get_changelist = bounded_changelist
