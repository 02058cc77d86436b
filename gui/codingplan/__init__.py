"""Coding Plan Configurator: the plan's key in the OS keyring, safe tool setup, local quota."""

__version__ = "0.1.0"
APP_NAME = "Coding Plan Configurator"
APP_ID = "codingplan"
