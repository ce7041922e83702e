"""The public privacy center: the notice, rights requests, their status and answers, and preferences."""
