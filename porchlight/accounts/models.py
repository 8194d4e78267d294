from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone


def normalize_address(email: str) -> str:
    """The one form an e-mail address is stored and looked up in: trimmed, lower case.

    Mail providers treat addresses case-insensitively in practice, and people type
    capitals (or a phone capitalises the first letter) without meaning anything.
    """
    return email.strip().lower()


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def get_by_natural_key(self, username: str | None) -> User:
        # Log-in looks the address up as it is stored: "Ana@Example.com" finds ana@example.com.
        return self.get(email=normalize_address(username or ""))

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=normalize_address(email), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A supporter, professional or family member: someone who signs in."""

    email = models.EmailField("e-mail address", unique=True)
    display_name = models.CharField(
        "your name",
        max_length=60,
        help_text="How others in your circles will see you. A first name is enough.",
    )
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False)
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["display_name"]

    def __str__(self) -> str:
        return self.display_name or self.email

    def get_full_name(self) -> str:
        return self.display_name

    def get_short_name(self) -> str:
        return self.display_name


class PendingSignUp(models.Model):
    """A sign-up waiting for its e-mail link to be opened.

    The account is created only then, so the sign-up page answers the same way
    whether or not the address already has an account (the owner of an existing
    one is told by e-mail instead). Only a digest of the link's token is stored.
    The password is kept hashed and asked again on the link's page, so a
    stranger's sign-up with your address cannot become your account.
    """

    email = models.EmailField()
    display_name = models.CharField(max_length=60)
    password = models.CharField(max_length=128)
    next_url = models.CharField(max_length=500, blank=True)
    token_digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"Pending sign-up, expires {self.expires_at:%Y-%m-%d %H:%M}"
