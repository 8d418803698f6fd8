"""The kept connection's health check (newsarchive/postgresql): a quiet idle connection is
kept without a round trip; one the server has ended is noticed and replaced."""

import os
import resource
import time

import pytest
from django.db import connection

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL (set DATABASE_URL)"
    ),
    pytest.mark.django_db(transaction=True),  # an idle connection, outside a test transaction
]


@pytest.fixture
def observer():
    """A second connection to the same server, to watch and end the site's own."""
    other = connection.get_new_connection(connection.get_connection_params())
    other.autocommit = True
    yield other
    other.close()


def backend_pid() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def last_query(observer, pid: int) -> str:
    found = observer.execute("SELECT query FROM pg_stat_activity WHERE pid = %s", [pid])
    return found.fetchone()[0]


def test_a_quiet_idle_connection_is_kept_without_asking_the_server(observer):
    pid = backend_pid()
    connection.health_check_done = False  # as at the start of every request
    connection.close_if_health_check_failed()
    assert connection.connection is not None
    assert backend_pid() == pid  # the same connection, kept
    assert last_query(observer, pid) == "SELECT pg_backend_pid()"  # no SELECT 1 in between


def test_a_connection_numbered_past_1023_is_checked_without_a_round_trip_too(observer):
    """A busy worker can hold more than 1,024 open files, where select() refuses to look."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if min(hard, 4096) < 1200:
        pytest.skip("the process may not open enough files")
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, min(hard, 4096)), hard))
    fillers = [os.open(os.devnull, os.O_RDONLY) for _ in range(1100)]
    try:
        connection.close()
        pid = backend_pid()  # a new connection, numbered past the fillers
        assert connection.connection.fileno() > 1023
        connection.health_check_done = False
        connection.close_if_health_check_failed()
        assert backend_pid() == pid
        assert last_query(observer, pid) == "SELECT pg_backend_pid()"
    finally:
        connection.close()
        for descriptor in fillers:
            os.close(descriptor)
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))


def test_a_connection_the_server_ended_is_replaced_before_the_next_query(observer):
    pid = backend_pid()
    observer.execute("SELECT pg_terminate_backend(%s)", [pid])
    deadline = time.monotonic() + 5
    while observer.execute("SELECT 1 FROM pg_stat_activity WHERE pid = %s", [pid]).fetchone():
        assert time.monotonic() < deadline, "the backend did not end"
        time.sleep(0.01)

    assert not connection.is_usable()
    connection.health_check_done = False
    with connection.cursor() as cursor:  # checks, closes the dead one, connects again
        cursor.execute("SELECT 1")
    assert backend_pid() != pid


def test_a_connection_inside_a_transaction_is_checked_by_asking_the_server(observer):
    pid = backend_pid()
    with connection.cursor() as cursor:
        cursor.execute("BEGIN")
    try:
        assert connection.is_usable()
        assert last_query(observer, pid) == "SELECT 1"
    finally:
        with connection.cursor() as cursor:
            cursor.execute("ROLLBACK")
