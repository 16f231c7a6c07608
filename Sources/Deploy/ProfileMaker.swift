import Docker
import Foundation
import HBModel

/// Makes credentials profiles and stores exchange API keys in them, encrypted by the bot image's own code
/// with the profile's password. Keys reach the image through a private folder in memory (`/dev/shm`),
/// removed at once; they are never on a command line, in an environment or in hbdeck's output.
public struct ProfileMaker: Sendable {
    public let client: DockerClient
    public let folder: BotsFolder
    public let image: String

    public init(client: DockerClient, folder: BotsFolder, image: String) {
        self.client = client
        self.folder = folder
        self.image = image
    }

    /// The files a new profile copies from an existing one, as Hummingbot's tooling does.
    static let copied = ["conf_client.yml", "conf_fee_overrides.yml", "hummingbot_logs.yml"]

    /// Creates `credentials/<name>` from `template` (its settings files, no keys) with `.password_verification`
    /// for `password`. Both there or nothing.
    public func create(_ name: String, from template: String?, password: Secret) async throws {
        guard folder.exists else { throw DeployProblem(.folder, "no bots folder at \(folder.root.path)") }
        do { _ = try InstanceName(validating: name) } catch let problem {
            throw DeployProblem(.profile, problem.description)
        }
        let final = folder.profile(name)
        guard !FileManager.default.fileExists(atPath: final.path) else {
            throw DeployProblem(.profile, "credentials/\(name) already exists")
        }
        let source = template.map(folder.profile)
        if let template, !folder.profiles().contains(template) {
            throw DeployProblem(.profile, "no profile \(template) to copy the settings of")
        }
        let staged = folder.credentials.appendingPathComponent(
            ".\(name).hbdeck-new-\(UInt32.random(in: 0...UInt32.max))")
        do {
            try FileManager.default.createDirectory(
                at: staged.appendingPathComponent("connectors"), withIntermediateDirectories: true)
            if let source {
                for file in Self.copied
                where FileManager.default.fileExists(atPath: source.appendingPathComponent(file).path) {
                    try FileManager.default.copyItem(
                        at: source.appendingPathComponent(file), to: staged.appendingPathComponent(file))
                }
            } else {
                // The client fills in every setting it does not find; the bridge is what hbdeck needs.
                let minimal =
                    "instance_id: profile\nmqtt_bridge:\n  mqtt_host: localhost\n  mqtt_port: 1883\n  mqtt_namespace: hbot\n  mqtt_autostart: true\n"
                try AtomicFile.write(Data(minimal.utf8), to: staged.appendingPathComponent("conf_client.yml"))
            }
        } catch {
            try? FileManager.default.removeItem(at: staged)
            throw DeployProblem(.folder, "cannot prepare the profile: \(InstanceFolderBuilder.reason(error))")
        }
        let program =
            ImageProgram.importCrypt
            + "\nstore_password_verification(ETHKeyFileSecretManger(os.environ.pop(\"CONFIG_PASSWORD\")))\n"
        do {
            let code = try await ImageProgram(image: image, program: program).run(
                binds: ["\(staged.path):\(BotContainerSpec.home)/conf"], password: password, client: client)
            guard code == 0,
                FileManager.default.fileExists(atPath: staged.appendingPathComponent(".password_verification").path)
            else {
                throw DeployProblem(.image, "cannot write the password check: \(ImageProgram.describe(exitCode: code))")
            }
            guard rename(staged.path, final.path) == 0 else {
                throw DeployProblem(.folder, "cannot rename the profile folder: \(String(cString: strerror(errno)))")
            }
        } catch {
            try? FileManager.default.removeItem(at: staged)
            throw error
        }
    }

    /// Writes `connectors/<connector>.yml` in `profile` with each key encrypted by the image's own code, after
    /// the password is checked against the profile. An existing file is replaced only when `replacing`.
    public func storeKeys(
        _ keys: [(field: String, value: Secret)], connector: String, profile: String, password: Secret, replacing: Bool
    ) async throws {
        guard folder.profiles().contains(profile) else { throw DeployProblem(.profile, "no profile \(profile)") }
        guard InstanceFolderBuilder.isPlainFileName(connector),
            connector.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" })
        else {
            throw DeployProblem(.profile, "\(connector) is not a connector name (such as binance or kucoin_perpetual)")
        }
        for key in keys
        where !key.field.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) || key.field.isEmpty {
            throw DeployProblem(
                .profile, "\(InstanceName.shown(key.field)) is not a setting name (such as \(connector)_api_key)")
        }
        guard !keys.isEmpty else { throw DeployProblem(.profile, "no keys given") }
        let target = folder.profile(profile).appendingPathComponent("connectors/\(connector).yml")
        if FileManager.default.fileExists(atPath: target.path), !replacing {
            throw DeployProblem(
                .profile, "credentials/\(profile)/connectors/\(connector).yml exists; replace it explicitly")
        }
        let exchange = try PrivateFolder()
        defer { exchange.remove() }
        let plain = Dictionary(keys.map { ($0.field, $0.value.value) }, uniquingKeysWith: { $1 })
        try exchange.write("plain.json", try JSONSerialization.data(withJSONObject: plain))
        let program =
            ImageProgram.importCrypt + """

                import json
                manager = ETHKeyFileSecretManger(os.environ.pop("CONFIG_PASSWORD"))
                if not PASSWORD_VERIFICATION_PATH.exists():
                    sys.exit(4)
                if not validate_password(manager):
                    sys.exit(3)
                with open("/run/hbdeck/plain.json") as f:
                    plain = json.load(f)
                os.remove("/run/hbdeck/plain.json")
                with open("/run/hbdeck/encrypted.json", "w") as f:
                    json.dump({k: manager.encrypt_secret_value(k, v) for k, v in plain.items()}, f)
                """
        let code = try await ImageProgram(image: image, program: program).run(
            binds: [
                "\(folder.profile(profile).path):\(BotContainerSpec.home)/conf:ro", "\(exchange.url.path):/run/hbdeck",
            ],
            password: password, client: client)
        switch code {
        case 0: break
        case 3:
            throw DeployProblem(.password, "Invalid password. (the bot's own check refused it for profile \(profile))")
        case 4: throw DeployProblem(.profile, "credentials/\(profile) has no .password_verification")
        default: throw DeployProblem(.image, "cannot encrypt the keys: \(ImageProgram.describe(exitCode: code))")
        }
        guard let data = exchange.read("encrypted.json"),
            let encrypted = try? JSONSerialization.jsonObject(with: data) as? [String: String],
            Set(encrypted.keys) == Set(plain.keys)
        else { throw DeployProblem(.image, "the image did not return the encrypted keys") }
        var text = "connector: \(connector)\n"
        for field in encrypted.keys.sorted() { text += "\(field): \(encrypted[field]!)\n" }
        try FileManager.default.createDirectory(
            at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try AtomicFile.write(Data(text.utf8), to: target, permissions: 0o600)
    }
}
