"""The course site in Voila: the hooks ``voila.py`` hands to Voila (``hooks``) and the page
template (``voila_template/coursekit``, installed where Voila looks for templates)."""
