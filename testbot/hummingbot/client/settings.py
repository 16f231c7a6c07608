"""The paths of the real client's `hummingbot.client.settings` that the test image needs."""
from pathlib import Path

CONF_DIR_PATH = Path("/home/hummingbot/conf")
