"""The sample circles (porchlight demo)."""
