"""The second factor: time-based one-time passwords (RFC 6238), enrolled by QR code."""

import time

import pyotp
import segno

from palermo.accounts.models import User

ISSUER = "Palermo"


def ensure_secret(user: User) -> str:
    if not user.totp_secret:
        user.totp_secret = pyotp.random_base32()
        user.save(update_fields=["totp_secret"])
    return user.totp_secret


def provisioning_qr_svg(user: User) -> str:
    """An SVG data URI of the otpauth:// link, for authenticator apps to scan."""
    uri = pyotp.TOTP(ensure_secret(user)).provisioning_uri(name=user.username, issuer_name=ISSUER)
    return str(segno.make(uri, error="m").svg_data_uri(scale=5, border=2))


def accept_code(user: User, code: str) -> bool:
    """True once per valid code: a used (or older) code is refused, so it cannot be replayed.

    The "last used step" moves forward in one conditional UPDATE, so of several requests sending
    the same code at the same moment exactly one wins, on every database."""
    totp = pyotp.TOTP(user.totp_secret)
    now = time.time()
    for drift in (0, -1, 1):
        step = totp.timecode(now) + drift
        if totp.generate_otp(step) == code.strip():
            claimed = User.objects.filter(pk=user.pk, totp_last_step__lt=step).update(
                totp_last_step=step
            )
            if claimed:
                user.totp_last_step = step
                return True
    return False
