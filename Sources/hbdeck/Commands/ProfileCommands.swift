import ArgumentParser
import Deploy
import Foundation

struct ProfileCommandGroup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "profile", abstract: "Credentials profiles in the bots folder.",
        subcommands: [ProfileList.self, ProfileCreate.self, ProfileKeys.self])
}

struct ProfileList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ls", abstract: "List profiles and the connectors each has keys for.")
    @OptionGroup(title: FleetOptions.title) var fleet: FleetOptions
    var location: BotsFolderOptions { fleet.location }

    func run() async throws {
        try await reportingFailures {
            let (folder, _) = try location.resolve()
            var table = TextTable("PROFILE", "PASSWORD CHECK", "CONNECTORS")
            for profile in folder.profiles() {
                let base = folder.profile(profile)
                let verified = FileManager.default.fileExists(
                    atPath: base.appendingPathComponent(".password_verification").path)
                let connectors =
                    ((try? FileManager.default.contentsOfDirectory(
                        atPath: base.appendingPathComponent("connectors").path)) ?? [])
                    .filter { $0.hasSuffix(".yml") }.map { String($0.dropLast(4)) }.sorted()
                table.add([
                    profile, verified ? "yes" : "missing",
                    connectors.isEmpty ? "—" : connectors.joined(separator: ", "),
                ])
            }
            StandardOutput.line(table.render(), sanitized: true)
        }
    }
}

struct ProfileCreate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create", abstract: "Create a profile with a password (asked twice, or one line on stdin).",
        discussion:
            "Its settings are copied from --from (no keys); the password check is written by the image's own code.")
    @OptionGroup(title: FleetOptions.title) var fleet: FleetOptions
    var engine: EngineOptions { fleet.engine }
    var location: BotsFolderOptions { fleet.location }
    @Argument(help: "Profile name.") var name: String
    @Option(help: "Profile whose settings files are copied.") var from: String?
    @Option(help: "Bot image whose code writes the password check.") var image = "hummingbot/hummingbot:latest"

    func run() async throws {
        try await audited("profile create", [name], fleet: fleet) {
            try await reportingFailures {
                let (folder, _) = try location.resolve()
                // Refused before a password is typed for nothing.
                if FileManager.default.fileExists(atPath: folder.profile(name).path) {
                    throw CommandFailure("profile: credentials/\(name) already exists")
                }
                let password = try PasswordInput.read(prompt: "New password for profile \(name): ")
                if isatty(STDIN_FILENO) != 0, try PasswordInput.read(prompt: "The same again: ") != password {
                    throw CommandFailure("the two passwords differ; nothing was created")
                }
                try await engine.withEngine { client in
                    try await ProfileMaker(client: client, folder: folder, image: image).create(
                        name, from: from, password: Secret(password))
                }
                StandardOutput.line("created profile \(name) in \(folder.profile(name).path)")
            }
        }
    }
}

struct ProfileKeys: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys", abstract: "Store a connector's API keys in a profile, encrypted with its password.",
        discussion: """
            On a terminal, the profile's password and each --field are asked for, unseen. Otherwise stdin gives \
            the password on its first line, then one FIELD=VALUE line per key. Keys are never taken from flags.
            """)
    @OptionGroup(title: FleetOptions.title) var fleet: FleetOptions
    var engine: EngineOptions { fleet.engine }
    var location: BotsFolderOptions { fleet.location }
    @Argument(help: "Profile name.") var profile: String
    @Argument(help: "Connector, such as binance.") var connector: String
    @Option(
        name: .customLong("field"), help: "A setting to ask for on the terminal, such as binance_api_key (repeatable).")
    var fields: [String] = []
    @Option(help: "Bot image whose code encrypts the keys.") var image = "hummingbot/hummingbot:latest"
    @Flag(help: "Replace the connector's existing keys.") var replace = false

    func run() async throws {
        try await audited("profile keys", [profile, connector], fleet: fleet) {
            try await reportingFailures {
                let (folder, _) = try location.resolve()
                let password = Secret(try PasswordInput.read(prompt: "Password of profile \(profile): "))
                var keys: [(field: String, value: Secret)] = []
                if isatty(STDIN_FILENO) != 0 {
                    for field in fields { keys.append((field, Secret(try PasswordInput.read(prompt: "\(field): ")))) }
                } else {
                    while let line = readLine(strippingNewline: true) {
                        guard !line.isEmpty else { continue }
                        guard let equals = line.firstIndex(of: "=") else {
                            throw CommandFailure("a key line must be FIELD=VALUE; nothing was stored")
                        }
                        keys.append((String(line[..<equals]), Secret(String(line[line.index(after: equals)...]))))
                    }
                }
                try await engine.withEngine { client in
                    try await ProfileMaker(client: client, folder: folder, image: image)
                        .storeKeys(keys, connector: connector, profile: profile, password: password, replacing: replace)
                }
                StandardOutput.line(
                    "stored \(keys.count) key\(keys.count == 1 ? "" : "s") for \(connector) in profile \(profile), encrypted"
                )
            }
        }
    }
}
