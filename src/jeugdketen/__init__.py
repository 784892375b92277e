"""jeugdketen: the Dutch youth-care chain between municipalities and care providers."""

__version__ = "0.1.0"
