"""The finance section of the portfolio board report (section 2, Økonomi)."""
