import Alerts
import BackendAPI
import BotLink
import Docker
import Foundation
import HBModel
import Monitor

/// The console's settings: `~/.config/hbdeck/config.yml`, then flags over it.
struct ConsoleSettings {
    var engine: String?
    var brokerContainer = "hummingbot-broker"
    var mqttHost = "127.0.0.1"
    var mqttPort = 1883
    var mqttUser: String?
    var mqttCA: String?
    var mqtt = true
    var namespace = "hbot"
    var botsFolder: String?
    var theme = "dark"
    var refreshInterval = 2.0
    var logLines = 5000
    var livenessTimeout = 30.0
    /// The broker `hbdeck broker create` (and `b` in the console) makes when there is none.
    var brokerImage = "emqx:5"
    var brokerBind = "127.0.0.1"
    var brokerNetwork = "bridge"
    var brokerHealth: String?
    /// More bots than this on one broker gets a warning (Hummingbot advises 5 to 10).
    var brokerMaxBots = 10
    /// Days of uptime after which a bot is flagged for a restart (Hummingbot advises weekly).
    var restartAfterDays = 7.0
    /// Days of performance samples kept in the history store.
    var historyDays = 90.0
    /// Bots a fleet-wide stop stops at once (`stop_concurrency`).
    var stopConcurrency = 8
    /// The most an instance's `data/` and `logs/` should take (`disk_quota: 2g`), nil: not watched.
    var diskQuota: UInt64?
    /// Refuse every action that changes anything (`read_only: true`, `HBDECK_READ_ONLY=1`, `--read-only`).
    var readOnly = false
    /// Docker contexts watched together (`contexts: a, b`); the first is this machine's. Empty: one engine.
    var contexts: [String] = []
    /// Each context's broker (`context_brokers: b=10.0.0.2:1883, c=1883`): `HOST:PORT` reached as given, or a
    /// port on that host's own 127.0.0.1 (through ssh for an ssh context).
    var contextBrokers: [String: String] = [:]
    /// The alert rules and their thresholds (`alert_*`), where alerts go (`alert_targets`) and the program that
    /// takes mail (`alert_sendmail`, with its own arguments).
    var alertPolicy = AlertPolicy()
    var alertTargets: [AlertTarget] = []
    var alertSendmail = ["/usr/sbin/sendmail"]
    /// hummingbot-api servers watched beside the engines (`apis: ops=http://10.0.0.5:8000`), each with its name.
    var apis: [APIServer] = []
    /// No Docker engine at all (`engine: none`, or `--api` without `--host` or `--context`): APIs only.
    var noEngine = false
    /// The config file's folder, where `apis/<name>.password` files are read.
    var configFolder: String?

    static var defaultPath: String {
        let base = ProcessInfo.processInfo.environment["XDG_CONFIG_HOME"] ?? (NSHomeDirectory() + "/.config")
        return base + "/hbdeck/config.yml"
    }

    /// Reads the file when it exists; a bad line is an error naming the file and line.
    static func load(path: String, required: Bool) throws -> ConsoleSettings {
        var settings = ConsoleSettings()
        settings.configFolder = (path as NSString).deletingLastPathComponent
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            if required { throw CommandFailure("cannot read the config file \(path)") }
            return settings
        }
        let entries: [SettingsFile.Entry]
        do {
            entries = try SettingsFile.parse(text)
        } catch {
            throw CommandFailure("\(path):\(error.line): \(error.message)")
        }
        for entry in entries {
            func number<T: LosslessStringConvertible>(_: T.Type) throws -> T {
                guard let value = T(entry.value) else {
                    throw CommandFailure("\(path):\(entry.line): \(entry.key) must be a number")
                }
                return value
            }
            switch entry.key {
            case "engine" where entry.value == "none":
                settings.engine = nil
                settings.noEngine = true
            case "engine": settings.engine = entry.value
            case "apis":
                do {
                    settings.apis = try ConsoleSettings.apiList(entry.value)
                } catch {
                    throw CommandFailure("\(path):\(entry.line): \(error)")
                }
            case "api_password":
                throw CommandFailure(
                    "\(path):\(entry.line): put the API's password in HBDECK_API_PASSWORD or apis/<name>.password, not in the config file"
                )
            case "broker_container": settings.brokerContainer = entry.value
            case "mqtt_host": settings.mqttHost = entry.value
            case "mqtt_port": settings.mqttPort = try number(Int.self)
            case "mqtt_username": settings.mqttUser = entry.value
            case "mqtt_ca_file": settings.mqttCA = entry.value
            case "mqtt": settings.mqtt = !["false", "off", "no"].contains(entry.value.lowercased())
            case "mqtt_namespace": settings.namespace = entry.value
            case "bots_folder": settings.botsFolder = entry.value
            case "theme": settings.theme = entry.value
            case "refresh_interval": settings.refreshInterval = try number(Double.self)
            case "log_buffer_lines": settings.logLines = try number(Int.self)
            case "liveness_timeout": settings.livenessTimeout = try number(Double.self)
            case "broker_image": settings.brokerImage = entry.value
            case "broker_bind": settings.brokerBind = entry.value
            case "broker_network": settings.brokerNetwork = entry.value
            case "broker_health": settings.brokerHealth = entry.value
            case "broker_max_bots": settings.brokerMaxBots = try number(Int.self)
            case "restart_after_days": settings.restartAfterDays = try number(Double.self)
            case "history_days": settings.historyDays = try number(Double.self)
            case "stop_concurrency": settings.stopConcurrency = max(1, try number(Int.self))
            case "disk_quota":
                guard let bytes = MemorySize.bytes(entry.value), bytes > 0 else {
                    throw CommandFailure("\(path):\(entry.line): disk_quota must be a size such as 2g")
                }
                settings.diskQuota = UInt64(bytes)
            case "read_only": settings.readOnly = ["true", "yes", "on", "1"].contains(entry.value.lowercased())
            case "contexts": settings.contexts = ConsoleSettings.list(entry.value)
            case "context_brokers":
                for item in ConsoleSettings.list(entry.value) {
                    let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
                    guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                        throw CommandFailure(
                            "\(path):\(entry.line): context_brokers takes CONTEXT=HOST:PORT or CONTEXT=PORT, comma-separated"
                        )
                    }
                    settings.contextBrokers[parts[0]] = parts[1]
                }
            case "alert_targets":
                let folder = (path as NSString).deletingLastPathComponent
                do {
                    settings.alertTargets = try AlertTarget.parse(entry.value) {
                        ConsoleSettings.alertURL(of: $0, configFolder: folder)
                    }
                } catch {
                    throw CommandFailure("\(path):\(entry.line): \(error)")
                }
            case "alert_sendmail":
                settings.alertSendmail = entry.value.split(separator: " ").map(String.init)
                guard settings.alertSendmail.first?.hasPrefix("/") == true else {
                    throw CommandFailure("\(path):\(entry.line): alert_sendmail takes the program's full path")
                }
            case "mqtt_password":
                throw CommandFailure(
                    "\(path):\(entry.line): put the MQTT password in HBDECK_MQTT_PASSWORD, not in the config file")
            default:
                do {
                    if try settings.alertPolicy.set(entry.key, to: entry.value) { continue }
                } catch {
                    throw CommandFailure("\(path):\(entry.line): \(error)")
                }
                throw CommandFailure("\(path):\(entry.line): unknown setting \"\(entry.key)\"")
            }
        }
        return settings
    }

    /// A webhook's address: `HBDECK_ALERT_URL_<NAME>`, else the file `alerts/<name>.url` beside the config file
    /// (its first line). Never in the config file itself: chat services' addresses hold their token.
    static func alertURL(of name: String, configFolder: String) -> String? {
        let variable = "HBDECK_ALERT_URL_" + name.uppercased().replacingOccurrences(of: "-", with: "_")
        if let url = ProcessInfo.processInfo.environment[variable], !url.isEmpty { return url }
        let file = configFolder + "/alerts/\(name).url"
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { return nil }
        return text.split(whereSeparator: \.isNewline).first.map { $0.trimmingCharacters(in: .whitespaces) }
    }

    /// `ops=http://10.0.0.5:8000, lab=https://admin@lab:8000`: each API with its name (a bare URL is named by
    /// its host and port).
    static func apiList(_ text: String) throws -> [APIServer] {
        try list(text).map { item in
            let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
            if parts.count == 2, !parts[0].contains("/") {
                guard QualifiedName.isHostName(parts[0]) else {
                    throw CommandFailure("apis: \(parts[0]) is not a name (letters, digits, . _ -)")
                }
                return try APIServer(name: parts[0], url: parts[1])
            }
            return try APIServer(url: item)
        }
    }

    /// `a, b ,c` as `["a", "b", "c"]`, each once.
    static func list(_ text: String) -> [String] {
        var seen = Set<String>()
        return text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter {
            !$0.isEmpty && seen.insert($0).inserted
        }
    }

    func monitorConfig() throws -> MonitorConfig {
        // As the Docker CLI: the config's engine, else DOCKER_HOST, else the current context (DOCKER_CONTEXT or
        // `docker context use`), whose default is the local socket.
        let environment = ProcessInfo.processInfo.environment
        let endpoint =
            try engine.map { try DockerEndpoint(parsing: $0, tls: DockerEndpoint.fromEnvironment().tls) }
            ?? (environment["DOCKER_HOST"].map { !$0.isEmpty } == true
                ? DockerEndpoint.fromEnvironment() : DockerContexts().endpoint(of: DockerContexts().current))
        guard refreshInterval >= 0.5 else { throw CommandFailure("refresh interval must be at least 0.5 s") }
        guard (100...1_000_000).contains(logLines) else {
            throw CommandFailure("log buffer must be 100 to 1,000,000 lines")
        }
        guard (1...65535).contains(mqttPort) else {
            throw CommandFailure("the MQTT port must be a number from 1 to 65535, not \(mqttPort)")
        }
        let settings =
            mqtt
            ? MQTTSettings(
                host: mqttHost, port: mqttPort, username: mqttUser,
                password: ProcessInfo.processInfo.environment["HBDECK_MQTT_PASSWORD"], caFile: mqttCA) : nil
        var config = MonitorConfig(
            endpoint: endpoint, brokerContainer: brokerContainer, mqtt: settings, namespace: namespace,
            botsFolder: botsFolder,
            refreshInterval: refreshInterval, livenessTimeout: livenessTimeout, logLines: logLines,
            brokerMaxBots: brokerMaxBots)
        config.restartAfter = restartAfterDays * 86_400
        config.diskQuota = diskQuota
        return config
    }
}
