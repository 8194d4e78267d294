"""Links that carry a secret (invitations, sign-up links) store only its digest."""

from __future__ import annotations

import hashlib


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
