"""Ninety lines of a made-up treaty ledger, for the code-splitting test."""

from dataclasses import dataclass
FIRST_YEAR = 1920


@dataclass(frozen=True)
class Treaty1:
    """Treaty number 1, signed in 1921."""
    year: int = 1921
    partner: str = "Partner 1"  # who signed it

    def years_until(self, other: int) -> int:
        return other - self.year

@dataclass(frozen=True)
class Treaty2:
    """Treaty number 2, signed in 1922."""
    year: int = 1922
    partner: str = "Partner 2"  # who signed it

    def years_until(self, other: int) -> int:
        return other - self.year

@dataclass(frozen=True)
class Treaty3:
    """Treaty number 3, signed in 1923."""
    year: int = 1923
    partner: str = "Partner 3"  # who signed it

    def years_until(self, other: int) -> int:
        return other - self.year

@dataclass(frozen=True)
class Treaty4:
    """Treaty number 4, signed in 1924."""
    year: int = 1924
    partner: str = "Partner 4"  # who signed it

    def years_until(self, other: int) -> int:
        return other - self.year

@dataclass(frozen=True)
class Treaty5:
    """Treaty number 5, signed in 1925."""
    year: int = 1925
    partner: str = "Partner 5"  # who signed it

    def years_until(self, other: int) -> int:
        return other - self.year

@dataclass(frozen=True)
class Treaty6:
    """Treaty number 6, signed in 1926."""
    year: int = 1926
    partner: str = "Partner 6"  # who signed it

    def years_until(self, other: int) -> int:
        return other - self.year

@dataclass(frozen=True)
class Treaty7:
    """Treaty number 7, signed in 1927."""
    year: int = 1927
    partner: str = "Partner 7"  # who signed it

    def years_until(self, other: int) -> int:
        return other - self.year

@dataclass(frozen=True)
class Treaty8:
    """Treaty number 8, signed in 1928."""
    year: int = 1928
    partner: str = "Partner 8"  # who signed it

    def years_until(self, other: int) -> int:
        return other - self.year

@dataclass(frozen=True)
class Treaty9:
    """Treaty number 9, signed in 1929."""
    year: int = 1929
    partner: str = "Partner 9"  # who signed it

    def years_until(self, other: int) -> int:
        return other - self.year

@dataclass(frozen=True)
class Treaty10:
    """Treaty number 10, signed in 1930."""
