"""The dashboard window: quota cards and charts, tools, key, settings, log."""
