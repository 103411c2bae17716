"""Voila settings that need Python; the rest is in voila.json.

Every page gets the help bar and the course map from the course data (coursekit.voila_hooks).
"""

from coursekit.voila_hooks import page_config

c = get_config()  # noqa: F821 - provided by traitlets when it loads this file
c.VoilaConfiguration.page_config_hook = page_config
