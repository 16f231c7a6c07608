import Canvas
import Foundation

/// Finds and reads a theme: a path, or a name looked up in the Themes folders.
enum ThemeLoader {
    /// Where named themes are looked for, in order.
    static var folders: [String] {
        var folders: [String] = []
        if let custom = ProcessInfo.processInfo.environment["HBDECK_THEMES"] { folders.append(custom) }
        folders.append(ConsoleSettings.defaultPath.replacingOccurrences(of: "config.yml", with: "themes"))
        // Installed: PREFIX/bin/hbdeck → PREFIX/share/hbdeck/Themes. A build in the repository:
        // .build/<config>/hbdeck → the repository's Themes/.
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var folder = executable.deletingLastPathComponent()
        folders.append(folder.deletingLastPathComponent().appendingPathComponent("share/hbdeck/Themes").path)
        for _ in 0..<4 {
            folders.append(folder.appendingPathComponent("Themes").path)
            folder = folder.deletingLastPathComponent()
        }
        folders += ["/usr/local/share/hbdeck/Themes", "/usr/share/hbdeck/Themes"]
        return folders
    }

    /// The theme, or the attributes-only fallback with a warning saying why.
    static func load(_ nameOrPath: String, noColor: Bool) -> (Theme, warning: String?) {
        let path: String?
        if nameOrPath.contains("/") {
            path = nameOrPath
        } else {
            path = folders.map { "\($0)/\(nameOrPath).yml" }.first { FileManager.default.fileExists(atPath: $0) }
        }
        guard let path, let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            return (
                Theme.attributesOnly,
                "theme \"\(nameOrPath)\" not found (looked in Themes/ folders); using plain attributes"
            )
        }
        do {
            let theme = try ThemeParser.parse(text, file: path)
            return (noColor ? theme.withoutColors : theme, nil)
        } catch {
            if nameOrPath != "dark" {
                let (fallback, _) = load("dark", noColor: noColor)
                return (fallback, "theme error: \(error); using the default theme")
            }
            return (Theme.attributesOnly, "theme error: \(error); using plain attributes")
        }
    }
}
