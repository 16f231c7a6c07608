import Foundation
import HBModel

/// Every file hbdeck writes in the bots folder (uploads, edits, rollbacks) kept as versions in a git
/// repository of hbdeck's own, `.hbdeck/versions.git`, with the bots folder as its work tree: only the files
/// hbdeck saved are tracked; nothing else in the folder is touched. Needs `git` on the PATH.
public struct VersionStore: Sendable {
    public let folder: BotsFolder

    public init(folder: BotsFolder) {
        self.folder = folder
    }

    /// One saved content of a file.
    public struct Version: Sendable, Equatable {
        /// The commit's short id, which `content`, `diff` and `rollback` take.
        public let id: String
        public let time: Date
        public let author: String
        public let size: Int
        public let message: String
    }

    var gitDirectory: URL { folder.state.appendingPathComponent("versions.git", isDirectory: true) }

    /// The operator's name for versions: the one who ran sudo, else the user.
    public static var author: String {
        let environment = ProcessInfo.processInfo.environment
        return environment["SUDO_USER"] ?? environment["USER"] ?? "hbdeck"
    }

    /// The most hbdeck reads of one file of the bots folder: configs and strategies are text an operator reads.
    public static let maxFileBytes = 16 << 20

    /// Why a save was not made: the file changed since the content the change was made from was read.
    public struct StaleRead: Error, CustomStringConvertible {
        public let path: String
        public var description: String {
            "\(path) changed since it was read (another hbdeck or the bot wrote it): nothing saved, read it again"
        }
    }

    /// The file's bytes as they are now, read with no link followed and no FIFO waited on; nil when there is
    /// no such file.
    public func read(_ path: String) throws -> Data? {
        _ = try resolve(path)
        switch BotFile.data(path, beneath: folder.root.path, maxBytes: Self.maxFileBytes) {
        case .success(let data): return data
        case .failure(.missing): return nil
        case .failure(let problem): throw DeployProblem(.folder, "\(path): \(problem)")
        }
    }

    /// The file as UTF-8 text, read as ``read(_:)`` reads it; nil when there is no such file or it is not text.
    public func readText(_ path: String) throws -> String? {
        try read(path).flatMap { String(data: $0, encoding: .utf8) }
    }

    /// Writes `data` to `path` (relative to the bots folder) atomically and keeps it as a version; the file's
    /// content before, if it was never kept, is kept first, so a rollback can always restore it. With
    /// `expecting`, the file must still hold those bytes (nil: must not exist), else ``StaleRead`` is thrown.
    public func save(
        _ data: Data, to path: String, message: String, author: String = VersionStore.author, expecting: Data?? = .none
    ) throws {
        try update(path, message: message, author: author) { current in
            if case .some(let expected) = expecting, current != expected { throw StaleRead(path: path) }
            return data
        }
    }

    /// Reads `path`, makes its new content with `change` and saves it, all under the store's lock, so that
    /// changes to one file by several hbdeck processes at once each land on the one before. `change` gets
    /// nil for a file that does not exist; returning the same bytes saves nothing.
    public func update(
        _ path: String, message: String, author: String = VersionStore.author, _ change: (Data?) throws -> Data
    ) throws {
        _ = try resolve(path)
        try locked {
            let current = try read(path)
            let data = try change(current)
            guard data != current else { return }
            try saveLocked(data, to: path, existed: current != nil, message: message, author: author)
        }
    }

    /// Keeps the file as it is now as a version (nothing when it did not change): for a change someone else
    /// made, such as the client's own `hbot config`.
    public func keep(_ path: String, message: String, author: String = VersionStore.author) throws {
        _ = try resolve(path)
        try locked {
            guard try read(path) != nil else { return }
            try record(path, message: message, author: author)
        }
    }

    /// Holds the store's lock (in `.hbdeck`, which only root may write) while `work` runs.
    private func locked(_ work: () throws -> Void) throws {
        try FileManager.default.createDirectory(
            at: folder.state, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        try StoreLock(folder.state.appendingPathComponent("versions.lock")).holding(work)
    }

    private func saveLocked(_ data: Data, to path: String, existed: Bool, message: String, author: String) throws {
        // Holding the lock, no other hbdeck is in git: an index.lock left is from one that was killed.
        try? FileManager.default.removeItem(at: gitDirectory.appendingPathComponent("index.lock"))
        // So is a temporary file of this one's that a killed save left beside it.
        BotFileWrite.removeLeftovers(of: path, beneath: folder.root.path)
        if existed, try versions(of: path).isEmpty {
            try record(path, message: "as found before hbdeck changed it", author: author)
        }
        do {
            try BotFileWrite.write(data, to: path, beneath: folder.root.path)
        } catch {
            throw DeployProblem(.folder, error.description)
        }
        try record(path, message: message, author: author)
    }

    /// The versions of `path`, newest first.
    public func versions(of path: String) throws -> [Version] {
        _ = try resolve(path)
        guard FileManager.default.fileExists(atPath: gitDirectory.path) else { return [] }
        let log = try git(["log", "--format=%h%x09%at%x09%an%x09%s", "--", path])
        guard log.status == 0 else { return [] }  // an empty repository has no log
        return try log.output.split(separator: "\n").map { line in
            let fields = line.split(separator: "\t", maxSplits: 3, omittingEmptySubsequences: false).map(String.init)
            let size = try git(["cat-file", "-s", "\(fields[0]):\(path)"])
            return Version(
                id: fields[0], time: Date(timeIntervalSince1970: Double(fields[1]) ?? 0), author: fields[2],
                size: Int(size.output.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0,
                message: fields.count > 3 ? fields[3] : "")
        }
    }

    /// The bytes of `path` as saved in `version`.
    public func content(of path: String, at version: String) throws -> Data {
        _ = try resolve(path)
        let shown = try git(["cat-file", "blob", "\(try checked(version)):\(path)"])
        guard shown.status == 0 else { throw DeployProblem(.folder, "no version \(version) of \(path)") }
        return shown.data
    }

    /// A unified diff of `path` between two versions, or between a version and the file as it is now.
    public func diff(_ path: String, from a: String, to b: String?) throws -> String {
        _ = try resolve(path)
        let result = try git(
            ["diff", "--no-color", try checked(a)] + (try b.map { [try checked($0)] } ?? []) + ["--", path])
        guard result.status == 0 else { throw DeployProblem(.folder, "cannot compare: \(firstLine(result.errors))") }
        return result.output
    }

    /// Puts `path` back as it was in `version`, itself kept as a new version.
    public func rollback(_ path: String, to version: String, author: String = VersionStore.author) throws {
        let data = try content(of: path, at: version)
        try save(data, to: path, message: "rolled back to \(version)", author: author)
    }

    /// Keeps the file's current content as a version (nothing when it did not change).
    func record(_ path: String, message: String, author: String) throws {
        try ensureRepository()
        let added = try git(["add", "--force", "--", path])
        guard added.status == 0 else {
            throw DeployProblem(.folder, "cannot keep a version of \(path): \(firstLine(added.errors))")
        }
        let staged = try git(["diff", "--cached", "--quiet", "--", path])
        guard staged.status != 0 else { return }
        let committed = try git(
            [
                "-c", "user.name=\(author)", "-c", "user.email=\(author)@hbdeck", "commit", "--quiet", "--no-verify",
                "-m", message, "--", path,
            ])
        guard committed.status == 0 else {
            throw DeployProblem(.folder, "cannot keep a version of \(path): \(firstLine(committed.errors))")
        }
    }

    private func ensureRepository() throws {
        guard !FileManager.default.fileExists(atPath: gitDirectory.appendingPathComponent("HEAD").path) else { return }
        try FileManager.default.createDirectory(at: folder.state, withIntermediateDirectories: true)
        let made = try ToolRun.run("git", ["init", "--quiet", "--bare", gitDirectory.path])
        guard made.status == 0 else {
            throw DeployProblem(.folder, "cannot make the version store: \(firstLine(made.errors))")
        }
    }

    private func git(_ arguments: [String]) throws -> ToolRun {
        // From the bots folder itself: git reads paths relative to where it runs, and an operator may well
        // start hbdeck from a folder inside the bots folder.
        try ToolRun.run(
            "git", ["--git-dir=\(gitDirectory.path)", "--work-tree=\(folder.root.path)"] + arguments, in: folder.root)
    }

    /// The file a path relative to the bots folder names; one that leaves the folder is refused.
    public func resolve(_ path: String) throws(DeployProblem) -> URL {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard !path.isEmpty, !path.hasPrefix("/"), !parts.contains(where: { $0.isEmpty || $0 == ".." || $0 == "." }),
            !path.hasPrefix(".hbdeck"), !path.contains("\0")
        else {
            throw DeployProblem(
                .folder, "\(path) is not a file of the bots folder (a path inside it, such as conf/scripts/pmm.yml)")
        }
        return folder.root.appendingPathComponent(path)
    }

    private func checked(_ version: String) throws(DeployProblem) -> String {
        guard !version.isEmpty, version.count <= 40, version.allSatisfy({ $0.isHexDigit }) else {
            throw DeployProblem(.folder, "\(version) is not a version id (see hbdeck versions)")
        }
        return version
    }

    private func firstLine(_ text: String) -> String {
        String(text.split(separator: "\n").first ?? "")
    }
}
