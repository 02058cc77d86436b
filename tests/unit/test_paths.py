"""On Linux the app's folders are found without platformdirs (``usage --line`` runs at every
prompt); they must be the very folders platformdirs names, whatever the environment says."""

import sys

import platformdirs
import pytest

from codingplan import APP_ID, paths

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the XDG rule")

KINDS = {
    paths.config_dir: ("user_config_dir", "XDG_CONFIG_HOME"),
    paths.data_dir: ("user_data_dir", "XDG_DATA_HOME"),
    paths.log_dir: ("user_log_dir", "XDG_STATE_HOME"),
}
HOMES = ["/home/ana", "/home/ana/", "/", "relative/home", "", None]
XDG = ["/srv/xdg", "/srv/xdg/", "relative/xdg", "", "~/xdg", None]


@pytest.mark.parametrize("home", HOMES)
@pytest.mark.parametrize("xdg", XDG)
def test_each_folder_is_the_one_platformdirs_names(monkeypatch, home, xdg):
    for function, (kind, variable) in KINDS.items():
        for name, value in (("HOME", home), (variable, xdg)):
            if value is None:
                monkeypatch.delenv(name, raising=False)
            else:
                monkeypatch.setenv(name, value)
        expected = getattr(platformdirs, kind)(APP_ID, appauthor=False)
        assert function() == paths.Path(expected), (kind, home, xdg)


def test_platformdirs_is_not_loaded_for_an_ordinary_home(monkeypatch, tmp_path):
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delitem(sys.modules, "platformdirs")
    assert paths.data_dir() == tmp_path / ".local" / "share" / APP_ID
    assert "platformdirs" not in sys.modules
