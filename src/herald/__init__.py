"""Herald: social media policy as code."""

from herald.policy.errors import PolicyError, Problem
from herald.policy.loader import load_policy, validate_policy
from herald.policy.model import Policy
from herald.scan.errors import InputError
from herald.scan.scanner import Scanner
from herald.types import (
    AccountType,
    Category,
    Finding,
    ScanContext,
    ScanResult,
    Severity,
    Verdict,
)

__all__ = [
    "AccountType",
    "Category",
    "Finding",
    "InputError",
    "Policy",
    "PolicyError",
    "Problem",
    "ScanContext",
    "ScanResult",
    "Scanner",
    "Severity",
    "Verdict",
    "load_policy",
    "validate_policy",
]
