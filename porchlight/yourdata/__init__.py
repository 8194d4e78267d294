"""Export, import and account deletion: they read every feature, so they stand on the top floor."""
