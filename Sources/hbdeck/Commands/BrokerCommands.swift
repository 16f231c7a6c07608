import ArgumentParser
import BotLink
import Deploy
import Docker
import Foundation
import HBModel
import Monitor
import Operations

/// `hbdeck broker …`: the MQTT broker the bots talk through, as a container.
struct BrokerCommandGroup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "broker",
        abstract: "Create, start, stop, restart the MQTT broker container, and see its state and log.",
        subcommands: [
            BrokerCreate.self, BrokerStart.self, BrokerStop.self, BrokerRestart.self, BrokerStatus.self,
            BrokerLogs.self,
        ])
}

/// The broker settings every `broker` command reads: the config file, with the engine and folder options.
struct BrokerLocation: ParsableArguments {
    @OptionGroup(title: FleetOptions.title) var fleet: FleetOptions
    var engine: EngineOptions { fleet.engine }
    var location: BotsFolderOptions { fleet.location }

    var settings: ConsoleSettings {
        get throws { try fleet.settings() }
    }

    var name: String { (try? settings.brokerContainer) ?? "hummingbot-broker" }
}

struct BrokerCreate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create", abstract: "Create and start the broker when there is none.",
        discussion: """
            The image is broker_image in the config file (default emqx:5, Hummingbot's; mosquitto images work \
            too), its MQTT port mqtt_port, reachable on broker_bind only (default 127.0.0.1), on broker_network \
            (default bridge, the port published; host for host networking). With mqtt_username set, the password \
            is HBDECK_MQTT_PASSWORD and anonymous clients are refused. An existing broker is left as it is.
            """)
    @OptionGroup var broker: BrokerLocation

    func run() async throws {
        try await audited("broker create", [broker.name], fleet: broker.fleet) {
            let settings = try broker.settings
            let plan = settings.brokerPlan(botsFolder: try broker.location.resolveIfConfigured().0)
            try await broker.engine.withEngine { client in
                StandardOutput.line(
                    try await BrokerControl.create(plan, client: client, progress: { StandardOutput.error($0) }))
            }
        }
    }
}

struct BrokerStart: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "start", abstract: "Start the broker container.")
    @OptionGroup var broker: BrokerLocation

    func run() async throws {
        try await audited("broker start", [broker.name], fleet: broker.fleet) {
            try await broker.engine.withEngine {
                StandardOutput.line(try await BrokerControl.start(broker.name, engine: $0))
            }
        }
    }
}

struct BrokerStop: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stop", abstract: "Stop the broker container (the bots lose their link until it is back).")
    @OptionGroup var broker: BrokerLocation

    func run() async throws {
        try await audited("broker stop", [broker.name], fleet: broker.fleet) {
            try await broker.engine.withEngine {
                StandardOutput.line(try await BrokerControl.stop(broker.name, engine: $0))
            }
        }
    }
}

struct BrokerRestart: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "restart", abstract: "Restart the broker container.")
    @OptionGroup var broker: BrokerLocation

    func run() async throws {
        try await audited("broker restart", [broker.name], fleet: broker.fleet) {
            try await broker.engine.withEngine {
                StandardOutput.line(try await BrokerControl.restart(broker.name, engine: $0))
            }
        }
    }
}

struct BrokerStatus: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "The broker's state, its engine health check, and whether hbdeck can log in to it.")
    @OptionGroup var broker: BrokerLocation

    static func find(_ name: String, client: DockerClient) async throws -> ContainerDetails {
        guard let found = try? await client.inspectContainer(name) else {
            throw CommandFailure("no broker container named \(name): hbdeck broker create makes one")
        }
        return found
    }

    func run() async throws {
        try await reportingFailures {
            let settings = try broker.settings
            try await broker.engine.withEngine { client in
                let found = try await Self.find(broker.name, client: client)
                var table = TextTable("FIELD", "VALUE")
                table.add(["container", "\(found.name) (\(found.state.status))"])
                table.add(["image", found.config.image])
                table.add(["health check", found.state.health.map { $0.status } ?? "none"])
                table.add(["network", found.hostConfig.networkMode])
                let login = await Self.login(settings)
                table.add(["hbdeck's login", login])
                StandardOutput.line(table.render(), sanitized: true)
            }
        }
    }

    /// Whether hbdeck gets in with its own settings, and if not, the broker's reason.
    static func login(_ settings: ConsoleSettings) async -> String {
        guard let mqtt = try? settings.monitorConfig().mqtt else { return "MQTT is off in the config" }
        let connection = BotConnection(settings: mqtt, namespace: settings.namespace)
        try? await connection.start()
        let ok = await connection.waitUntilConnected(seconds: 5)
        var reason = "no answer within 5 s"
        if case .disconnected(let why, _) = connection.client.state { reason = why }
        await connection.close()
        return ok
            ? "ok at \(mqtt.address)\(mqtt.username.map { " as \($0)" } ?? "")"
            : "refused at \(mqtt.address): \(reason)"
    }
}

struct BrokerLogs: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "logs", abstract: "The broker container's log.")
    @OptionGroup var broker: BrokerLocation
    @Option(help: "Lines from the end.") var tail = 100

    func run() async throws {
        try await reportingFailures {
            try await broker.engine.withEngine { client in
                _ = try await BrokerStatus.find(broker.name, client: client)
                for try await chunk in try await client.logs(broker.name, options: LogOptions(tail: tail)) {
                    StandardOutput.raw(chunk.bytes, toStandardError: chunk.source == .stderr, sanitized: true)
                }
            }
        }
    }
}

extension ConsoleSettings {
    /// The broker these settings describe, its files kept in hbdeck's folder (in the bots folder when there is one).
    func brokerPlan(botsFolder: BotsFolder?) -> BrokerPlan {
        let password = ProcessInfo.processInfo.environment["HBDECK_MQTT_PASSWORD"].flatMap {
            $0.isEmpty ? nil : Secret($0)
        }
        let state = botsFolder?.state ?? AuditLog.location(botsFolder: nil).file.deletingLastPathComponent()
        var plan = BrokerPlan(
            name: brokerContainer, image: brokerImage, port: mqttPort, bind: brokerBind, network: brokerNetwork,
            username: mqttUser, password: mqttUser == nil ? nil : password,
            folder: state.appendingPathComponent("broker"),
            healthCommand: brokerHealth.map { [$0] })
        plan.namespace = namespace
        return plan
    }
}
