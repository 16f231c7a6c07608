import ArgumentParser
import Deploy
import Foundation

struct UploadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "upload", abstract: "Add a script, controller or config file to the bots folder.",
        discussion: """
            .py files go to scripts/ (or controllers/TYPE/ with --controller TYPE) and must compile; .yml files \
            go to conf/scripts/ (or conf/controllers/ with --controller-config) and must parse. Replacing a file \
            asks first on a terminal (else needs --replace) and keeps the old content as a version.
            """)
    @OptionGroup(title: FleetOptions.title) var fleet: FleetOptions
    var location: BotsFolderOptions { fleet.location }
    @Argument(help: "The file to upload.") var path: String
    @Option(name: .customLong("as"), help: "Its name in the bots folder (default: its own).") var name: String?
    @Option(help: "A controller of this type (controllers/TYPE/).") var controller: String?
    @Flag(help: "A controller config (conf/controllers/).") var controllerConfig = false
    @Flag(help: "Replace an existing file without asking.") var replace = false

    func run() async throws {
        try await audited("upload", [path] + (name.map { ["as", $0] } ?? []), fleet: fleet) {
            try await reportingFailures {
                let (folder, _) = try location.resolve()
                let fileName = name ?? URL(fileURLWithPath: path).lastPathComponent
                let type = controller ?? (controllerConfig ? "" : nil)
                guard let kind = Uploader.Kind.infer(fileName: fileName, controllerType: type) else {
                    throw CommandFailure("\(fileName): only .py and .yml files are uploaded")
                }
                let uploader = Uploader(folder: folder)
                var replacing = replace
                if !replacing,
                    let relative = try uploader.replaces(URL(fileURLWithPath: path), as: fileName, kind: kind),
                    isatty(STDIN_FILENO) != 0
                {
                    replacing =
                        try PasswordInput.line(
                            prompt: "\(relative) exists. Replace it (its content is kept as a version)? [y/N] "
                        ).lowercased() == "y"
                    if !replacing { throw CommandFailure("\(relative) kept as it was") }
                }
                let outcome = try uploader.upload(
                    URL(fileURLWithPath: path), as: fileName, kind: kind, replacing: replacing)
                StandardOutput.line(outcome.said)
            }
        }
    }
}

struct VersionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "versions", abstract: "The saved versions of a file of the bots folder, newest first.")
    @OptionGroup(title: FleetOptions.title) var fleet: FleetOptions
    var location: BotsFolderOptions { fleet.location }
    @Argument(help: "A path inside the bots folder, such as conf/scripts/pmm.yml.") var path: String

    func run() async throws {
        try await reportingFailures {
            let (folder, _) = try location.resolve()
            let versions = try VersionStore(folder: folder).versions(of: path)
            guard !versions.isEmpty else { throw CommandFailure("\(path) has no versions: hbdeck never saved it") }
            var table = TextTable("VERSION", "TIME", "AUTHOR", "SIZE", "WHAT", rightAligned: [3])
            let format = ISO8601DateFormatter()
            for version in versions {
                table.add([
                    version.id, format.string(from: version.time), version.author, "\(version.size) B", version.message,
                ])
            }
            StandardOutput.line(table.render(), sanitized: true)
        }
    }
}

struct DiffCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff", abstract: "What changed in a file between two versions, or since one.")
    @OptionGroup(title: FleetOptions.title) var fleet: FleetOptions
    var location: BotsFolderOptions { fleet.location }
    @Argument(help: "A path inside the bots folder.") var path: String
    @Argument(help: "The older version.") var from: String
    @Argument(help: "The newer version (default: the file as it is now).") var to: String?

    func run() async throws {
        try await reportingFailures {
            let (folder, _) = try location.resolve()
            StandardOutput.line(try VersionStore(folder: folder).diff(path, from: from, to: to), sanitized: true)
        }
    }
}

struct RollbackCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rollback", abstract: "Put a file back as it was in a version (kept as a new version).")
    @OptionGroup(title: FleetOptions.title) var fleet: FleetOptions
    var location: BotsFolderOptions { fleet.location }
    @Argument(help: "A path inside the bots folder.") var path: String
    @Argument(help: "The version to go back to.") var version: String

    func run() async throws {
        try await audited("rollback", [path, version], fleet: fleet) {
            try await reportingFailures {
                let (folder, _) = try location.resolve()
                try VersionStore(folder: folder).rollback(path, to: version)
                StandardOutput.line("\(path) is as it was in \(version)")
            }
        }
    }
}
