"""Voila settings that need Python; the rest is in voila.json.

Every page gets the help bar and the course map from the course data (coursekit.site.hooks),
and the kernel websocket sends every message at once (coursekit.site.hooks.send_without_delay).
A module page also learns its id, the next module and whether it reports progress to Mijn
cursus: only as the hub's service (JUPYTERHUB_SERVICE_PREFIX set), and only when opened from
there (coursekit.site.module_pages; its settings are the ModulePages class). The reports are
same-origin fetches, which connect-src 'self' below allows.

The site is visited by people who may be watched: every response tells the browser to send
no address to other sites, to load nothing from another host and to keep no course page on
disk (the headers below, an option of Voila's tornado application); cookies last only the
browser session (here and in voila.json); coursekit.site.hooks.serve_privately does what has
no option (no server version, Dutch error pages, the handler behind "Snel weg").

A module page owns its kernel (a session cookie binds them); a kernel whose page never
connects is shut down after a grace period, and kernels are capped in total and per client,
with the Dutch "het is nu druk" page when full (coursekit.site.page_kernels.guard_kernels;
its settings are the PageKernels class, in voila.json or on the command line).

Every kernel runs coursekit.site.kernel (voila.json's kernel_spec_manager_class): it opens no
TCP port, and a failing widget shows the page one Dutch sentence while the traceback goes
to the server's log.
"""

from coursekit.site.hooks import (
    CourseIdentityProvider,
    page_config,
    send_without_delay,
    serve_privately,
)
from coursekit.site.page_kernels import guard_kernels

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        # 'unsafe-inline': Voila's page starts itself with inline scripts (its helper
        # functions, `voila_finish`, the labextension loader) and Voila 0.5 has no nonce
        # option; the template's quick exit and link handling are inline too.
        # blob: the answer controls (coursekit/practice/controls.py) are anywidget widgets,
        # whose JavaScript (a package file, sent in the widget's state) anywidget imports
        # from a blob: URL it makes on the page. Only script already running on the page can
        # make a blob: URL, so this lets in nothing from elsewhere.
        "script-src 'self' 'unsafe-inline' blob:",
        # 'unsafe-inline': the templates' <style> blocks, and the style attributes that
        # Voila's template and JupyterLab's widgets write into the page.
        "style-src 'self' 'unsafe-inline'",
        # data: the empty favicon (`data:;base64,=`) and JupyterLab's icons, which its CSS
        # holds as data: SVG images.
        "img-src 'self' data:",
        # 'self' also allows the kernel's websocket on this host (CSP level 3).
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)

c = get_config()  # noqa: F821 - provided by traitlets when it loads this file
c.VoilaConfiguration.page_config_hook = page_config
# No cookie that remembers an anonymous visitor (see the class).
c.Voila.identity_provider_class = CourseIdentityProvider
c.Voila.tornado_settings = {
    # jupyter_server's handlers send these on every response (serve_privately copies them
    # onto Voila's static files and tornado's own pages).
    "headers": {
        "Content-Security-Policy": CONTENT_SECURITY_POLICY,
        "Referrer-Policy": "no-referrer",
        "X-Content-Type-Options": "nosniff",
    },
    # The _xsrf cookie: for the browser session only, not tornado's 30 days. Not HttpOnly:
    # JupyterLab's code on the page reads it to send X-XSRFToken with its requests.
    "xsrf_cookie_kwargs": {"expires_days": None},
    # permessage-deflate on the kernel websocket: the widget state is up to 484 KiB a page.
    # Static files are compressed by coursekit.site.transfer (see serve_privately).
    "websocket_compression_options": {},
}
send_without_delay()
serve_privately()
guard_kernels()
