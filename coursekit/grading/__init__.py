"""nbgrader plug-ins: the preprocessors and hooks that ``nbgrader_config.py`` names."""
