from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "porchlight.directory"
    label = "directory"
    verbose_name = "Where to get help"

    def ready(self) -> None:
        from porchlight.content import registry  # noqa: PLC0415  registering needs the apps loaded
        from porchlight.directory import catalogue  # noqa: PLC0415  registering needs the apps loaded

        registry.register(
            "where-to-get-help directory",
            files=("directory/*.yaml",),
            load=lambda root: catalogue.load_directory(root / "directory"),
        )
        registry.register(
            "legal-options pages",
            files=("legal/*.yaml",),
            load=lambda root: catalogue.load_legal(root / "legal"),
        )
