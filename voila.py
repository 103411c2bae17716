"""Voila settings that need Python; the rest is in voila.json.

Every page gets the help bar and the course map from the course data (coursekit.site.hooks),
and the kernel websocket sends every message at once (coursekit.site.hooks.send_without_delay).
"""

from coursekit.site.hooks import page_config, send_without_delay

c = get_config()  # noqa: F821 - provided by traitlets when it loads this file
c.VoilaConfiguration.page_config_hook = page_config
send_without_delay()
