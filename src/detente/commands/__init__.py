"""Command groups registered by detente.cli (each module lists COMMANDS)."""
