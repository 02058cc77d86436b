"""Widgets the wizard and the dashboard share."""
