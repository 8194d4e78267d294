from django.http import HttpRequest

#: Where "Quick exit" goes: a neutral page that looks ordinary in a browser history.
QUICK_EXIT_URL = "https://www.bbc.co.uk/weather"


def site(request: HttpRequest) -> dict[str, object]:
    return {"site_name": "Porchlight", "quick_exit_url": QUICK_EXIT_URL}
