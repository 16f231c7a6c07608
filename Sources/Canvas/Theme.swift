import Foundation
import HBModel

/// A named style for every role, read from a theme file in `Themes/`.
public struct Theme: Sendable, Equatable {
    public let name: String
    public let styles: [StyleRole: ThemeStyle]

    public init(name: String, styles: [StyleRole: ThemeStyle]) {
        self.name = name
        self.styles = styles
    }

    public func style(_ role: StyleRole) -> ThemeStyle {
        styles[role] ?? ThemeStyle()
    }

    /// Attributes only, for `NO_COLOR`, monochrome terminals, and when no theme file can be read.
    public static let attributesOnly: Theme = {
        var styles: [StyleRole: ThemeStyle] = [:]
        for role in StyleRole.allCases { styles[role] = ThemeStyle() }
        for role: StyleRole in [.title, .header, .stateError, .logError, .dialogTitle, .footerKey] {
            styles[role]?.bold = true
        }
        for role: StyleRole in [.selection, .highlight] { styles[role]?.reverse = true }
        for role: StyleRole in [.dim, .stale, .border, .logDebug, .healthUnknown, .stateStopped] {
            styles[role]?.dim = true
        }
        styles[.stateRunning]?.bold = true
        styles[.healthUnresponsive]?.underline = true
        return Theme(name: "attributes-only", styles: styles)
    }()

    /// The same roles with every colour removed, attributes kept.
    public var withoutColors: Theme {
        Theme(
            name: name,
            styles: styles.mapValues {
                var style = $0
                style.foreground = .terminalDefault
                style.background = .terminalDefault
                return style
            })
    }
}

/// A theme file that cannot be used, with the line to fix.
public struct ThemeError: Error, Sendable, Equatable, CustomStringConvertible {
    public let file: String
    public let line: Int?
    public let message: String

    public init(file: String, line: Int?, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String {
        line.map { "\(file):\($0): \(message)" } ?? "\(file): \(message)"
    }
}

public enum ThemeParser {
    /// Reads `role: style` lines; `name:` is optional. Every role must be named once.
    public static func parse(_ text: String, file: String) throws(ThemeError) -> Theme {
        var name = (file as NSString).lastPathComponent.replacingOccurrences(of: ".yml", with: "").replacingOccurrences(
            of: ".yaml", with: "")
        var styles: [StyleRole: ThemeStyle] = [:]
        let entries: [SettingsFile.Entry]
        do {
            entries = try SettingsFile.parse(text)
        } catch {
            throw ThemeError(file: file, line: error.line, message: error.message)
        }
        for entry in entries {
            if entry.key == "name" {
                name = entry.value
                continue
            }
            guard let role = StyleRole(rawValue: entry.key) else {
                throw ThemeError(file: file, line: entry.line, message: "unknown role \"\(entry.key)\"")
            }
            guard !entry.value.isEmpty else {
                // `title: #ff8800` is a key with a comment to any YAML reader.
                throw ThemeError(
                    file: file, line: entry.line,
                    message:
                        "\(entry.key): no style (quote a colour like \"#ff8800\": in YAML a bare # starts a comment)")
            }
            do {
                styles[role] = try ThemeStyle(parsing: entry.value)
            } catch {
                throw ThemeError(file: file, line: entry.line, message: "\(entry.key): \(error.message)")
            }
        }
        let missing = StyleRole.allCases.filter { styles[$0] == nil }.map(\.rawValue)
        guard missing.isEmpty else {
            throw ThemeError(file: file, line: nil, message: "no style for \(missing.joined(separator: ", "))")
        }
        return Theme(name: name, styles: styles)
    }
}
