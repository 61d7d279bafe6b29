"""Reference exchange rates for comparing prices written in different currencies.

Search filters and sorts prices in one currency (USD) so that a buyer's "under $20" finds a
product priced in yuan. These are reference rates for that comparison only; pages always show
the price in the currency the factory quoted. CLDR has currency names and formats but no rates,
so the table is ours; operators can replace it with ``REFERENCE_RATES_USD`` in configuration.
"""

from __future__ import annotations

from typing import Mapping

#: US dollars per unit of each currency (2026 averages, rounded).
REFERENCE_RATES_USD: Mapping[str, float] = {
    "USD": 1.0, "CNY": 0.139, "EUR": 1.08, "GBP": 1.27, "JPY": 0.0066, "KRW": 0.00073,
    "HKD": 0.128, "RUB": 0.011, "AED": 0.272, "SAR": 0.267, "VND": 0.000039, "THB": 0.028,
    "SGD": 0.74, "MYR": 0.21, "AUD": 0.66, "CAD": 0.73,
}


def to_usd(amount: float | None, currency: str | None, rates: Mapping[str, float] = REFERENCE_RATES_USD) -> float | None:
    """``amount`` in USD, or None when the amount or a rate for the currency is missing."""
    if amount is None or currency is None or currency not in rates:
        return None
    return round(amount * rates[currency], 4)
