import ArgumentParser
import Deploy
import Foundation

struct SetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set", abstract: "Change values in a YAML config of the bots folder; every other byte stays.",
        discussion:
            "Keys are `key` or `block.key`. The result must parse; it is saved as a new version (hbdeck versions FILE)."
    )
    @OptionGroup(title: FleetOptions.title) var fleet: FleetOptions
    var location: BotsFolderOptions { fleet.location }
    @Argument(help: "A config inside the bots folder, such as instances/bot_1/conf/controllers/grid_1.yml.") var path:
        String
    @Argument(help: "KEY=VALUE pairs.") var assignments: [String]

    func run() async throws {
        try await audited(
            "set", [path] + assignments.map { $0.split(separator: "=", maxSplits: 1).first.map(String.init) ?? $0 },
            fleet: fleet
        ) {
            try await reportingFailures {
                let (folder, _) = try location.resolve()
                let pairs = try assignments.map { text -> (key: String, value: String) in
                    guard let equals = text.firstIndex(of: "=") else {
                        throw CommandFailure("\(text) is not KEY=VALUE")
                    }
                    return (String(text[..<equals]), String(text[text.index(after: equals)...]))
                }
                let changed = try ConfigForm(folder: folder).set(pairs, in: path)
                StandardOutput.line(
                    changed.isEmpty ? "\(path): nothing changed" : "\(path): set \(changed.joined(separator: ", "))",
                    sanitized: true)
            }
        }
    }
}

struct EditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edit", abstract: "Edit a file of the bots folder in $VISUAL or $EDITOR (vi).",
        discussion: """
            The editor works on a copy. A YAML config must still parse and a Python file compile, or nothing is \
            saved (the copy is kept and its path printed); otherwise the file is replaced atomically and the \
            change kept as a version.
            """)
    @OptionGroup(title: FleetOptions.title) var fleet: FleetOptions
    var location: BotsFolderOptions { fleet.location }
    @Argument(help: "A path inside the bots folder.") var path: String

    func run() async throws {
        try await audited("edit", [path], fleet: fleet) {
            try await reportingFailures {
                let (folder, _) = try location.resolve()
                StandardOutput.line(try await FileEditor(folder: folder).edit(path), sanitized: true)
            }
        }
    }
}
