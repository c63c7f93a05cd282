"""What the dashboard told the user, heard the public way: every `Notify` message the App
posts, collected by `run_test(message_hook=...)`, never Textual's private notification list."""

from __future__ import annotations

from textual.message import Message
from textual.notifications import Notify


class Heard:
    """A message hook that keeps each notification's text, in order."""

    def __init__(self) -> None:
        self.messages: list[str] = []

    def __call__(self, message: Message) -> None:
        if isinstance(message, Notify):
            self.messages.append(str(message.notification.message))

    def any(self, text: str) -> bool:
        """Whether some notification so far contains `text`."""
        return any(text in m for m in self.messages)
