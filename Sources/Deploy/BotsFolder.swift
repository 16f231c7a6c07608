import Foundation

/// Hummingbot's bots folder, laid out as its own deploy tooling lays it out (shared by hbdeck and that tooling):
/// `credentials/<profile>/`, `conf/scripts`, `conf/controllers`, `scripts`, `controllers`,
/// `instances/<name>/{conf,data,logs}`, `archived/`. hbdeck's own state lives in `.hbdeck/` inside it.
public struct BotsFolder: Sendable, Equatable {
    public let root: URL

    public init(_ path: String) {
        root = URL(fileURLWithPath: path, isDirectory: true).standardizedFileURL
    }

    public var credentials: URL { root.appendingPathComponent("credentials", isDirectory: true) }
    public var scriptConfigs: URL { root.appendingPathComponent("conf/scripts", isDirectory: true) }
    public var controllerConfigs: URL { root.appendingPathComponent("conf/controllers", isDirectory: true) }
    public var strategyConfigs: URL { root.appendingPathComponent("conf/strategies", isDirectory: true) }
    public var scripts: URL { root.appendingPathComponent("scripts", isDirectory: true) }
    public var controllers: URL { root.appendingPathComponent("controllers", isDirectory: true) }
    public var instances: URL { root.appendingPathComponent("instances", isDirectory: true) }
    public var archived: URL { root.appendingPathComponent("archived", isDirectory: true) }
    /// hbdeck's own state: templates, versions, the audit log.
    public var state: URL { root.appendingPathComponent(".hbdeck", isDirectory: true) }

    public func profile(_ name: String) -> URL { credentials.appendingPathComponent(name, isDirectory: true) }
    public func instance(_ name: String) -> URL { instances.appendingPathComponent(name, isDirectory: true) }

    /// Whether the folder exists at all.
    public var exists: Bool { Self.isDirectory(root) }

    /// The credentials profiles, sorted: folders of `credentials/` that hold a `conf_client.yml`.
    public func profiles() -> [String] {
        Self.entries(of: credentials).filter {
            FileManager.default.fileExists(atPath: profile($0).appendingPathComponent("conf_client.yml").path)
        }
    }

    /// The script configs (`conf/scripts/*.yml`), sorted.
    public func scriptConfigNames() -> [String] {
        Self.entries(of: scriptConfigs).filter { $0.hasSuffix(".yml") || $0.hasSuffix(".yaml") }
    }

    /// The instance folders, sorted (hidden ones, hbdeck's work in progress, left out).
    public func instanceNames() -> [String] {
        Self.entries(of: instances).filter { Self.isDirectory(instance($0)) }
    }

    static func entries(of folder: URL) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted()
    }

    static func isDirectory(_ url: URL) -> Bool {
        var directory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &directory) && directory.boolValue
    }
}
