"""Lookups made on every signed-in request, with their SQL built once per process."""

import datetime
from collections.abc import Callable
from contextlib import contextmanager
from enum import Enum

from django.db import connections
from django.db.models import Model, QuerySet
from django.utils import timezone


class CompiledLookup:
    """A one-row queryset whose SQL is built and compiled once per process and database, then
    run with new values.

    Building and compiling even a lookup by primary key costs Django several times what running
    it does (about 0.4 ms against 0.1), and the signed-in reader's account and the personal
    endpoint's story are looked up on every request. ``build`` gets one integer stand-in per
    value and returns a ``values_list`` queryset; ``moments`` says how many of its parameters are
    the moment of the query (what ``live()`` compares with), put in afresh each time. If the
    stand-ins do not come out once each in the compiled parameters, or the moments cannot be
    found among them (SQLite gets datetimes as text), the queryset is built and run each time.
    """

    def __init__(self, build: Callable[..., QuerySet], *, arity: int, moments: int = 0):
        self.build = build
        self.moments = moments
        self.stand_ins = tuple(-710_001 - position for position in range(arity))
        self._compiled: dict[str, tuple[str, tuple, dict] | None] = {}

    def row(self, *values: int, using: str) -> tuple | None:
        if using not in self._compiled:
            self._compiled[using] = self._compile(using)
        compiled = self._compiled[using]
        if compiled is None:
            return next(iter(self.build(*values).using(using)), None)
        sql, params, converters = compiled
        connection = connections[using]
        with server_bound_cursor(connection) as cursor:
            cursor.execute(sql, self._bind(params, values))
            row = cursor.fetchone()
        if row is None or not converters:
            return row
        # What the ORM does to each value on its way from the database (SQLite's datetimes
        # and booleans, for one).
        converted = list(row)
        for position, (functions, expression) in converters.items():
            for function in functions:
                converted[position] = function(converted[position], expression, connection)
        return tuple(converted)

    def _compile(self, using: str) -> tuple[str, tuple, dict] | None:
        compiler = self.build(*self.stand_ins).using(using).query.get_compiler(using)
        sql, params = compiler.as_sql()
        if any(list(params).count(stand_in) != 1 for stand_in in self.stand_ins):
            return None
        if sum(isinstance(param, datetime.datetime) for param in params) != self.moments:
            return None
        converters = compiler.get_converters([column for column, _, _ in compiler.select])
        # Choices as the plain values they stand for: the driver adapts those faster.
        params = tuple(param.value if isinstance(param, Enum) else param for param in params)
        return sql, params, converters

    def _bind(self, params: tuple, values: tuple[int, ...]) -> list:
        now = timezone.now()
        by_stand_in = dict(zip(self.stand_ins, values, strict=True))

        def bound(param):
            if isinstance(param, datetime.datetime):
                return now
            if type(param) is int:  # a stand-in (not a bool, nor a driver's own integer type)
                return by_stand_in.get(param, param)
            return param

        return [bound(param) for param in params]


@contextmanager
def server_bound_cursor(connection):
    """A cursor whose values the database server binds, on PostgreSQL (elsewhere the usual
    cursor), wrapped as Django wraps its own so that its queries are logged and counted alike.
    A query it runs ``DATABASE_PREPARE_THRESHOLD`` times on a connection is prepared: planned
    once, then sent as a name and its values. (Django binds values in the client by default,
    which psycopg cannot prepare.)"""
    if connection.vendor != "postgresql":
        with connection.cursor() as cursor:
            yield cursor
        return
    from django.db.backends.postgresql.base import ServerBindingCursor

    connection.close_if_health_check_failed()  # as connection.cursor() does
    connection.ensure_connection()
    with connection._prepare_cursor(ServerBindingCursor(connection.connection)) as cursor:
        yield cursor


def instance_from_row(model: type[Model], names: tuple[str, ...], row: tuple, *, using: str):
    """A model instance from a row of ``values_list(*names)``, as the ORM would build it."""
    found = dict(zip(names, row, strict=False))
    ordered = [f.attname for f in model._meta.concrete_fields if f.attname in found]
    return model.from_db(using, ordered, [found[name] for name in ordered])
