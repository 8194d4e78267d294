from django.http import HttpRequest

#: Where "Quick exit" goes: a neutral page that looks ordinary in a browser history.
QUICK_EXIT_URL = "https://www.bbc.co.uk/weather"


def site(request: HttpRequest) -> dict[str, object]:
    return {"site_name": "Porchlight", "quick_exit_url": QUICK_EXIT_URL}


#: Which circle-nav link a page belongs to, by URL namespace (the rest: their own name).
NAV_BY_NAMESPACE = {"coach": "talk", "rehearse": "talk", "directory": "home"}
#: Pages of the circles app, by URL name; the others belong to the circle's home.
NAV_BY_CIRCLES_PAGE = {
    "members": "members",
    "invite": "members",
    "member.role": "members",
    "member.remove": "members",
    "invitation.revoke": "members",
    "leave": "members",
    "activity": "activity",
    "section": "section",
}


def circle_nav(request: HttpRequest) -> dict[str, object]:
    """``nav_active``: the circle-nav link of the page being shown (see circle_base.html)."""
    match = getattr(request, "resolver_match", None)
    if match is None or "circle_id" not in match.kwargs:
        return {}
    namespace = match.namespace
    if namespace == "circles":
        return {"nav_active": NAV_BY_CIRCLES_PAGE.get(match.url_name or "", "home")}
    return {"nav_active": NAV_BY_NAMESPACE.get(namespace, namespace)}
