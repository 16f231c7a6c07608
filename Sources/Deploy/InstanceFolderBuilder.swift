import Foundation
import HBModel

/// Prepares `instances/<name>` the way Hummingbot's API does: the credentials profile copied into `conf/`,
/// the script config and every controller config it lists copied in, `instance_id` and the broker written
/// into `conf_client.yml`. The folder is made under a hidden name first and only given its own when the
/// container exists: a failure part-way leaves no half-made instance.
public struct InstanceFolderBuilder: Sendable {
    public let folder: BotsFolder

    public init(folder: BotsFolder) {
        self.folder = folder
    }

    /// The files the strategy needs, read and checked before anything is written: the config itself and
    /// each controller config it lists, with the folder each goes to inside the instance's `conf/`.
    public func strategyFiles(_ strategy: DeployRequest.Strategy) throws(DeployProblem) -> [(source: URL, into: String)]
    {
        let name = strategy.fileName
        guard Self.isPlainFileName(name), name.hasSuffix(".yml") || name.hasSuffix(".yaml") else {
            throw DeployProblem(.strategy, "\(name) is not the name of a .yml file in the bots folder")
        }
        switch strategy {
        case .strategyConfig:
            let source = folder.strategyConfigs.appendingPathComponent(name)
            _ = try Self.mapping(at: source, shownAs: "conf/strategies/\(name)")
            return [(source, "strategies")]
        case .controllerConfig:
            let source = folder.controllerConfigs.appendingPathComponent(name)
            _ = try Self.mapping(at: source, shownAs: "conf/controllers/\(name)")
            return [(source, "controllers")]
        case .scriptConfig:
            let source = folder.scriptConfigs.appendingPathComponent(name)
            let config = try Self.mapping(at: source, shownAs: "conf/scripts/\(name)")
            var files = [(source: source, into: "scripts")]
            let listed = config["controllers_config"] ?? nil
            guard listed == nil || listed is [Any] else {
                throw DeployProblem(.strategy, "conf/scripts/\(name): controllers_config must be a list of file names")
            }
            for entry in (listed as? [Any]) ?? [] {
                guard let controller = entry as? String, Self.isPlainFileName(controller) else {
                    throw DeployProblem(
                        .strategy, "conf/scripts/\(name): \(entry) in controllers_config is not a file name")
                }
                let controllerSource = folder.controllerConfigs.appendingPathComponent(controller)
                _ = try Self.mapping(at: controllerSource, shownAs: "conf/controllers/\(controller)")
                files.append((controllerSource, "controllers"))
            }
            return files
        }
    }

    /// Makes the instance's folder under a hidden name in `instances/` and returns it. Nothing else is touched.
    public func stage(_ request: DeployRequest) throws(DeployProblem) -> URL {
        let files = try strategyFiles(request.strategy)
        let profile = folder.profile(request.profile)
        let staged = folder.instances.appendingPathComponent(
            ".\(request.name.value).hbdeck-new-\(UInt32.random(in: 0...UInt32.max))")
        do {
            try FileManager.default.createDirectory(at: folder.instances, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(at: staged, withIntermediateDirectories: false)
            try FileManager.default.copyItem(at: profile, to: staged.appendingPathComponent("conf"))
            for sub in ["conf/connectors", "conf/scripts", "conf/controllers", "data", "logs"] {
                try FileManager.default.createDirectory(
                    at: staged.appendingPathComponent(sub), withIntermediateDirectories: true)
            }
            for file in files {
                let into = staged.appendingPathComponent("conf/\(file.into)", isDirectory: true)
                try FileManager.default.createDirectory(at: into, withIntermediateDirectories: true)
                try FileManager.default.copyItem(
                    at: file.source, to: into.appendingPathComponent(file.source.lastPathComponent))
            }
            let confClient = staged.appendingPathComponent("conf/conf_client.yml")
            var text = try String(contentsOf: confClient, encoding: .utf8)
            text = try YAMLValueEditor.setting(request.name.value, at: ["instance_id"], in: text)
            text = try YAMLValueEditor.setting(request.broker.host, at: ["mqtt_bridge", "mqtt_host"], in: text)
            text = try YAMLValueEditor.setting(
                String(request.broker.port), at: ["mqtt_bridge", "mqtt_port"], in: text, asString: false)
            text = try YAMLValueEditor.setting(
                request.broker.namespace, at: ["mqtt_bridge", "mqtt_namespace"], in: text)
            if let username = request.broker.username, let password = request.broker.password {
                text = try YAMLValueEditor.setting(username, at: ["mqtt_bridge", "mqtt_username"], in: text)
                text = try YAMLValueEditor.setting(password.value, at: ["mqtt_bridge", "mqtt_password"], in: text)
            }
            // Headless bots refuse to start without it.
            text = try YAMLValueEditor.setting(
                "true", at: ["mqtt_bridge", "mqtt_autostart"], in: text, asString: false)
            try AtomicFile.write(Data(text.utf8), to: confClient)
        } catch let failure as YAMLValueEditor.Failure {
            try? FileManager.default.removeItem(at: staged)
            throw DeployProblem(.profile, "credentials/\(request.profile)/conf_client.yml: \(failure.description)")
        } catch {
            try? FileManager.default.removeItem(at: staged)
            throw DeployProblem(.folder, "cannot prepare the instance folder: \(Self.reason(error))")
        }
        return staged
    }

    /// Gives a staged folder the instance's own name; fails when that name was taken meanwhile.
    public func commit(_ staged: URL, as name: String) throws(DeployProblem) {
        let final = folder.instance(name)
        // rename(2) would silently replace an empty folder of that name.
        guard !FileManager.default.fileExists(atPath: final.path) else {
            throw DeployProblem(.name, "instances/\(name) appeared meanwhile; nothing was deployed")
        }
        guard rename(staged.path, final.path) == 0 else {
            throw DeployProblem(.folder, "cannot rename the instance folder: \(String(cString: strerror(errno)))")
        }
    }

    /// The YAML mapping in a file of the bots folder, or the reason it cannot be used.
    static func mapping(at url: URL, shownAs shown: String) throws(DeployProblem) -> [String: Any?] {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw DeployProblem(.strategy, "\(shown) does not exist or cannot be read")
        }
        let loaded: Any?
        do {
            loaded = try BoundedYAML.load(text)
        } catch let refusal as BoundedYAML.Refusal {
            throw DeployProblem(.strategy, "\(shown): \(refusal)")
        } catch {
            throw DeployProblem(.strategy, "\(shown) is not valid YAML: \(firstLine(of: error))")
        }
        guard let mapping = loaded as? [String: Any] else {
            throw DeployProblem(.strategy, "\(shown) is not a YAML mapping of settings")
        }
        return mapping
    }

    public static func isPlainFileName(_ name: String) -> Bool {
        !name.isEmpty && !name.hasPrefix(".") && !name.contains("/") && name.count <= 255
            && name.unicodeScalars.allSatisfy {
                $0.properties.generalCategory != .control && $0 != "\u{2028}" && $0 != "\u{2029}"
            }
    }

    static func firstLine(of error: any Error) -> String {
        String(String(describing: error).split(separator: "\n").first ?? "")
    }

    static func reason(_ error: any Error) -> String {
        (error as NSError).localizedDescription
    }
}
