from importlib import import_module

from django.conf import settings
from django.db import migrations
from django.utils import timezone

DJANGOS_BACKEND = "django.contrib.auth.backends.ModelBackend"
ACCOUNT_BACKEND = "articles.authentication.AccountBackend"
BACKEND_SESSION_KEY = "_auth_user_backend"


def name_the_account_backend(apps, schema_editor):
    """A signed-in session names the backend that signed it in, and Django signs it out if that
    backend is no longer configured: sessions signed in through Django's ModelBackend, which
    AccountBackend replaces, name AccountBackend from now on, so no reader is signed out."""
    engine = import_module(settings.SESSION_ENGINE)
    Session = apps.get_model("sessions", "Session")
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        store = engine.SessionStore(session.session_key)
        data = store.decode(session.session_data)
        if data.get(BACKEND_SESSION_KEY) != DJANGOS_BACKEND:
            continue
        data[BACKEND_SESSION_KEY] = ACCOUNT_BACKEND
        Session.objects.filter(pk=session.pk).update(session_data=store.encode(data))
        if cache_key := getattr(store, "cache_key", None):  # its copy in the cache, if any
            store._cache.delete(cache_key)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0016_cold_listing_indexes"),
        ("sessions", "0001_initial"),
    ]

    operations = [migrations.RunPython(name_the_account_backend, migrations.RunPython.noop)]
