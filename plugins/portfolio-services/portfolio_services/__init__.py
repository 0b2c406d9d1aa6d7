"""portfolio-services: section 3 of the board report, "Tjenester/produksjon".

The support desk's monthly figures, the orders of New services (Felles innboks) with the hours
spent on them, and the month's incidents, readiness events and changes.
"""

PLUGIN_NAME = "services"
