"""Password hashes, opaque tokens, and protection of citizens' ID numbers."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from cryptography.fernet import Fernet, InvalidToken

_hasher = PasswordHasher()


def hash_password(password: str) -> str:
    """Return an Argon2id hash of ``password``."""
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """True when ``password`` matches; never raises on a bad or missing hash."""
    if not password_hash:
        return False
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def new_token() -> str:
    """A fresh random bearer token (URL-safe, 256 bits)."""
    return secrets.token_urlsafe(32)


def token_digest(token: str) -> str:
    """SHA-256 of a token: what the database stores and looks up."""
    return hashlib.sha256(token.encode()).hexdigest()


class IdNumberVault:
    """Encrypts ID numbers and computes the keyed hash used to compare them."""

    def __init__(self, encryption_key: str, hash_key: str) -> None:
        digest = hashlib.sha256(("enc:" + encryption_key).encode()).digest()
        self._fernet = Fernet(base64.urlsafe_b64encode(digest))
        self._hash_key = hashlib.sha256(("mac:" + hash_key).encode()).digest()

    @staticmethod
    def normalise(number: str) -> str:
        """Canonical form of an ID number: no spaces, upper case."""
        return "".join(number.split()).upper()

    def encrypt(self, number: str) -> str:
        """Ciphertext of the normalised number."""
        return self._fernet.encrypt(self.normalise(number).encode()).decode()

    def decrypt(self, cipher: str) -> str | None:
        """Plain number, or None if the key does not match (rotated key, tampered row)."""
        try:
            return self._fernet.decrypt(cipher.encode()).decode()
        except InvalidToken:
            return None

    def keyed_hash(self, number: str) -> str:
        """HMAC-SHA256 of the normalised number: equal numbers give equal hashes."""
        msg = self.normalise(number).encode()
        return hmac.new(self._hash_key, msg, hashlib.sha256).hexdigest()

    def matches(self, stored_hash: str | None, number: str) -> bool:
        """Constant-time check of a number shown at the door against the stored hash."""
        if not stored_hash:
            return False
        return hmac.compare_digest(stored_hash, self.keyed_hash(number))
