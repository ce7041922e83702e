"""Retention: when data expire under the declaration's rules, and the sweeps that delete, anonymise or archive them."""
