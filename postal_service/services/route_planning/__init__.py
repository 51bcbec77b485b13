"""Route planning: the only caller of ``routing``. DB rows in, a stored plan out.

``service`` holds the use cases (request, run, cancel, publish), ``problem`` builds the
planner's problem from what is due, ``runner`` runs a solve outside the web request.
"""
