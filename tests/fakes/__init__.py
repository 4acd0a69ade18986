"""Local fake servers (127.0.0.1, port 0) speaking real wire formats for the real SDKs."""
