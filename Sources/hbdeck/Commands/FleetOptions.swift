import ArgumentParser
import BackendAPI
import Foundation

/// Where hbdeck works: its config file, the engines, the broker, the bots folder, and whether it may change
/// anything. Every command takes these, with the same names, in this order, under one heading; a flag not
/// given takes the config file's setting, and that its default.
struct FleetOptions: ParsableArguments {
    static let title = "Where hbdeck works"

    @Option(help: "hbdeck's config file (default: ~/.config/hbdeck/config.yml).") var config: String?
    @Option(
        name: .customLong("config-file"), help: ArgumentHelp("The former spelling of --config.", visibility: .hidden))
    var configFile: String?
    @Option(
        name: [.customShort("H"), .long],
        help:
            "Docker engine: unix:///path, tcp://HOST:PORT or ssh://USER@HOST (default: engine in the config, else $DOCKER_HOST, else the current Docker context)."
    )
    var host: String?
    @Option(
        help: "Docker contexts, comma-separated, as docker context ls names them (default: contexts in the config).")
    var context: String?
    @Option(
        help:
            "hummingbot-api servers, comma-separated: URLs (http://HOST:8000) or names from apis: in the config; the password from HBDECK_API_PASSWORD, apis/<name>.password beside the config, or a prompt, never a flag. Without --host or --context, no Docker engine is used."
    )
    var api: String?
    @Option(help: "MQTT broker host (default: mqtt_host in the config, else 127.0.0.1).") var mqttHost: String?
    @Option(help: "MQTT broker port (default: mqtt_port in the config, else 1883).") var mqttPort: Int?
    @Option(
        help:
            "MQTT user name (default: mqtt_username in the config); the password is read from HBDECK_MQTT_PASSWORD, never from a flag."
    )
    var mqttUser: String?
    @Option(help: "CA certificate file: connect to the broker with TLS (default: mqtt_ca_file in the config).")
    var mqttCa: String?
    @Option(help: "Hummingbot's MQTT namespace (default: mqtt_namespace in the config, else hbot).") var namespace:
        String?
    @Option(help: "Hummingbot's bots folder (default: bots_folder in the config).") var botsFolder: String?
    @Flag(help: "Refuse every action that changes anything (also read_only: true in the config, HBDECK_READ_ONLY=1).")
    var readOnly = false
    @Option(help: "Seconds to wait for each engine call.") var timeout: Double = 10
    @Option(help: "Seconds to wait for the broker to accept the connection.") var connectTimeout: Double = 5

    func validate() throws {
        if configFile != nil {
            guard config == nil else {
                throw ValidationError("give --config once (--config-file is its former spelling)")
            }
            StandardOutput.error("hbdeck: --config-file is deprecated: use --config")
        }
        if let mqttPort, !(1...65535).contains(mqttPort) {
            throw ValidationError("--mqtt-port must be from 1 to 65535")
        }
        if let namespace, namespace.isEmpty || namespace.contains(where: { "/+#".contains($0) }) {
            throw ValidationError("--namespace must be one topic level without / + #")
        }
        if let mqttCa, !FileManager.default.fileExists(atPath: mqttCa) {
            throw ValidationError("--mqtt-ca: no file at \(mqttCa)")
        }
        guard timeout > 0, connectTimeout > 0 else {
            throw ValidationError("--timeout and --connect-timeout must be above 0")
        }
        // A config file that cannot be read stops every command before anything is done (not a usage error).
        do {
            _ = try settings()
        } catch {
            StandardOutput.error("hbdeck: \(describe(error))")
            throw ExitCode.failure
        }
    }

    /// The config file named, or nil for the default one.
    var configPath: String? { config ?? configFile }

    /// The config file's settings with every flag given laid over them.
    func settings() throws -> ConsoleSettings {
        var settings = try ConsoleSettings.load(
            path: configPath ?? ConsoleSettings.defaultPath, required: configPath != nil)
        if let host {
            settings.engine = host
            settings.contexts = []
        } else if let context {
            settings.engine = nil
            settings.contexts = ConsoleSettings.list(context)
        }
        if let api {
            let known = settings.apis
            settings.apis = try ConsoleSettings.list(api).map { item in
                if let named = known.first(where: { $0.name == item }) { return named }
                guard item.contains("://") else {
                    throw CommandFailure(
                        "--api \(item): not a URL, and no API of that name in the config (apis: \(known.map(\.name).joined(separator: ", ")))"
                    )
                }
                return try APIServer(url: item)
            }
            if host == nil && context == nil {
                settings.engine = nil
                settings.contexts = []
                settings.noEngine = true
            }
        }
        if let mqttHost { settings.mqttHost = mqttHost }
        if let mqttPort { settings.mqttPort = mqttPort }
        if let mqttUser { settings.mqttUser = mqttUser }
        if let mqttCa { settings.mqttCA = mqttCa }
        if let namespace { settings.namespace = namespace }
        if let botsFolder { settings.botsFolder = botsFolder }
        if readOnly { settings.readOnly = true }
        return settings
    }

    /// `validate()` has read the config file once already: read again here, it only fails if it changed since.
    private var resolved: ConsoleSettings { (try? settings()) ?? ConsoleSettings() }

    /// The engines: `--host`, else `--context`, else the config's `engine` or `contexts`, else the environment.
    var engine: EngineOptions {
        let settings = resolved
        return EngineOptions(
            host: settings.engine, context: settings.contexts.isEmpty ? nil : settings.contexts.joined(separator: ","),
            timeout: timeout, noEngine: settings.noEngine)
    }

    var location: BotsFolderOptions { BotsFolderOptions(settings: resolved, configFile: configPath) }

    var broker: BrokerOptions {
        let settings = resolved
        return BrokerOptions(
            mqttHost: settings.mqttHost, mqttPort: settings.mqttPort, mqttUser: settings.mqttUser,
            mqttCa: settings.mqttCA,
            namespace: settings.namespace, connectTimeout: connectTimeout)
    }
}
