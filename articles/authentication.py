"""Signing in: Django's ModelBackend, with a signed-in session's account looked up by SQL
compiled once per process, since every signed-in request pays for that lookup."""

import functools

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db import router

from articles.models.compiled import CompiledLookup, instance_from_row


@functools.cache
def account_fields() -> tuple[str, ...]:
    """Every column of the account, in the model's order (read once: asked on every request)."""
    return tuple(field.attname for field in get_user_model()._meta.concrete_fields)


def account_queryset(pk: int):
    return get_user_model()._default_manager.filter(pk=pk).values_list(*account_fields())[:1]


ACCOUNT = CompiledLookup(account_queryset, arity=1)


class AccountBackend(ModelBackend):
    """Passwords, permissions and inactive accounts as ModelBackend has them."""

    def get_user(self, user_id):
        model = get_user_model()
        using = router.db_for_read(model)
        row = ACCOUNT.row(user_id, using=using)
        if row is None:
            return None
        user = instance_from_row(model, account_fields(), row, using=using)
        return user if self.user_can_authenticate(user) else None
