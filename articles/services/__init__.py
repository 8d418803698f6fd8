"""Every state change, one module per concern (HackSoft's services).

Functions are named ``<entity>_<verb>``, keyword-only, typed and atomic, and are called alike
by the admin, the views and the management commands.
"""
