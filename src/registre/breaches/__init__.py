"""Personal-data breaches: the register, the 72-hour clock, the triage and the notifications."""
