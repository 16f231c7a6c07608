/// How hbdeck starts a program of a bot image, in a helper container or with `docker exec`: with the
/// image's own environment (its `ENV` PATH, `WORKDIR` and `ENTRYPOINT` stay as they are) and never through
/// a login shell, whose `/etc/profile` sets PATH anew and loses a venv the image put on it. Only where the
/// image has conda (the official image, whose `conda` a login shell finds through `/etc/profile.d`) is
/// its `hummingbot` environment activated first. The program is exec'd, so it keeps the process id it
/// would have had (PID 1 for a bot started this way, which then stops gracefully on SIGTERM).
public enum ImageCommand {
    static let activation = #"""
        if ! command -v conda >/dev/null 2>&1; then
          for f in /etc/profile.d/conda.sh /opt/conda/etc/profile.d/conda.sh; do
            if [ -r "$f" ]; then . "$f"; break; fi
          done
        fi
        if command -v conda >/dev/null 2>&1; then conda activate hummingbot >/dev/null 2>&1 || true; fi
        exec "$@"
        """#

    /// `argv` run as described above.
    public static func wrapping(_ argv: [String]) -> [String] {
        ["/bin/sh", "-c", activation, "hbdeck"] + argv
    }
}
