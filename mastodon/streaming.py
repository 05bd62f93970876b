"""Stream listeners: turning server-sent events into method calls (manual section 3.10)."""


class StreamListener:
    """Base class of stream listeners."""


class CallbackStreamListener(StreamListener):
    """A listener that calls the handlers it is given."""
