"""Console platform: printing alerts and answering typed commands."""
from bot.platforms.console.adapter import ConsoleAdapter

__all__ = ["ConsoleAdapter"]
