"""Small pieces every domain shares."""
