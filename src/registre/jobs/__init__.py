"""Work done outside a request: the outbox, long rights, retention runs and periodic jobs, through Procrastinate."""
