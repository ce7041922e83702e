"""Direct marketing: who may be contacted on each channel, the Bloctel list, unsubscribe links."""
