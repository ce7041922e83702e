"""The documents a declaration produces: the privacy notice (Arts 13 and 14) in French and English."""
