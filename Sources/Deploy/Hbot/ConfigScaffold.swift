import Docker
import Foundation
import HBModel

/// A new strategy config made by the client itself: `hbot create STRATEGY --with-defaults` in a throwaway
/// container of a bot image, on the bots folder's shared `conf/{controllers,scripts,strategies}`, so the
/// fields, their defaults and the required ones come from the client's own config classes (hbdeck keeps no
/// copy of Hummingbot's schema). The file is then kept as a version.
public struct ConfigScaffold: Sendable {
    public let client: DockerClient
    public let folder: BotsFolder

    public init(client: DockerClient, folder: BotsFolder) {
        self.client = client
        self.folder = folder
    }

    /// What `hbot create` answered: the file (a path in the bots folder), its type, and what is still needed.
    public struct Created: Sendable, Equatable {
        public let path: String
        public let type: String
        public let requiredRemaining: [String]
        /// The client's own record, as it printed it.
        public let said: String
    }

    public func create(_ strategy: String, image: String, name: String? = nil, values: [String] = []) async throws
        -> Created
    {
        guard !strategy.isEmpty,
            strategy.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == "." })
        else {
            throw DeployProblem(.strategy, "\(strategy) is not a strategy name (such as pmm_simple)")
        }
        if let name, !InstanceFolderBuilder.isPlainFileName(name) {
            throw DeployProblem(.strategy, "\(name) is not a plain file name")
        }
        let home = BotContainerSpec.home
        // The client keeps its loaded-config pointer in data/ and may write settings into conf/: both in a
        // scratch folder, only the config folders are the bots folder's own.
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
            "hbdeck-scaffold-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        var binds = ["\(scratch.path)/conf:\(home)/conf", "\(scratch.path)/data:\(home)/data"]
        for sub in ["controllers", "scripts", "strategies"] {
            let shared = folder.root.appendingPathComponent("conf/\(sub)")
            try FileManager.default.createDirectory(at: shared, withIntermediateDirectories: true)
            binds.append("\(shared.path):\(home)/conf/\(sub)")
        }
        for sub in ["conf", "data"] {
            try FileManager.default.createDirectory(
                at: scratch.appendingPathComponent(sub), withIntermediateDirectories: true)
        }
        binds += ["\(folder.scripts.path):\(home)/scripts", "\(folder.controllers.path):\(home)/controllers"]
        let before = Set(listing())
        var command = ["hbot", "create", strategy, "--with-defaults"]
        if let name { command += ["--name", name] }
        for value in values { command += ["--set", value] }
        let spec = ContainerSpec(
            image: image, cmd: ImageCommand.wrapping(command), labels: [HBLabels.role: HBLabels.helperRole],
            hostConfig: .init(binds: binds, networkMode: "none"))
        let result = try await ImageProgram.runCapturing(spec, client: client, timeout: 120)
        guard result.exitCode == 0 else { throw HbotFailure(stderr: result.stderr, exitCode: result.exitCode) }
        let record = Self.record(result.stdout)
        guard let file = record["file"], let type = record["type"],
            let path = listing().first(where: { !before.contains($0) && $0.hasSuffix("/\(file)") })
        else {
            throw HbotFailure(message: "hbot create said it made a file hbdeck cannot find: \(result.stdout)", code: 1)
        }
        if let data = FileManager.default.contents(atPath: folder.root.appendingPathComponent(path).path) {
            try VersionStore(folder: folder).save(
                data, to: path, message: "created by hbot create \(strategy) --with-defaults")
        }
        let remaining =
            record["required_remaining"].map {
                $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            } ?? []
        return Created(
            path: path, type: type, requiredRemaining: remaining,
            said: result.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// The config files of the shared config folders, as paths in the bots folder.
    func listing() -> [String] {
        ["conf/controllers", "conf/scripts", "conf/strategies"].flatMap { sub in
            ((try? FileManager.default.contentsOfDirectory(atPath: folder.root.appendingPathComponent(sub).path)) ?? [])
                .map { "\(sub)/\($0)" }
        }
    }

    /// The `- key: value` lines of the client's Markdown record.
    static func record(_ text: String) -> [String: String] {
        var record: [String: String] = [:]
        for line in text.split(separator: "\n") where line.hasPrefix("- ") {
            guard let colon = line.range(of: ": ") else { continue }
            record[String(line[line.index(line.startIndex, offsetBy: 2)..<colon.lowerBound])] = String(
                line[colon.upperBound...])
        }
        return record
    }
}
