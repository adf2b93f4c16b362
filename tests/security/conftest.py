import pytest
from argon2.profiles import CHEAPEST

from herald.security import passwords


@pytest.fixture(autouse=True, scope="session")
def cheap_password_hashing() -> None:
    """Argon2's cheapest profile: the tests check behaviour, not hashing cost."""
    passwords.use_parameters(CHEAPEST)
