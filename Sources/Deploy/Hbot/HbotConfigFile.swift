import Foundation

/// Where the config a bot run by `hbot` uses lives in the bots folder, so that a change the client makes
/// to it is kept as a version like any other save.
public struct HbotConfigFile: Sendable {
    public let folder: BotsFolder
    /// The path in the bots folder.
    public let path: String

    /// nil when the type is not one of the client's or the file is not a plain name.
    public init?(folder: BotsFolder, instance: String, file: String, type: String) {
        let sub = ["controller": "controllers", "v2-script": "scripts", "v1-strategy": "strategies"][type]
        guard let sub, InstanceFolderBuilder.isPlainFileName(file) else { return nil }
        self.folder = folder
        path = "instances/\(instance)/conf/\(sub)/\(file)"
    }

    public func read() -> Data? {
        try? VersionStore(folder: folder).read(path)
    }

    /// Keeps the file's content from before a change (when it has no version yet) and as it is now.
    public func keepVersions(before: Data?, message: String) throws {
        let store = VersionStore(folder: folder)
        guard let now = read(), now != before else { return }
        if let before, try store.versions(of: path).isEmpty {
            try store.save(before, to: path, message: "as found before hbdeck changed it")
            try store.save(now, to: path, message: message)
        } else {
            try store.keep(path, message: message)
        }
    }
}
