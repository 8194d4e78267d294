"""The lobby: the signed-in home page, a circle's home page and its section pages."""
