"""registre: make an organisation's privacy policy true, and keep the proof."""

from registre.errors import RegistreError

__version__ = "0.1.0"
__all__ = ["RegistreError", "__version__"]
