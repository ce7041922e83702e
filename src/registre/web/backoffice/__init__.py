"""The back office: the pages staff use, each showing only what their role may see."""
