"""Forms, one module per concern: image uploads, search, comments and reader accounts."""
