import ArgumentParser
import BotLink
import Foundation

struct BrokerOptions: ParsableArguments {
    @Option(help: "MQTT broker host.") var mqttHost = "127.0.0.1"
    @Option(help: "MQTT broker port.") var mqttPort = 1883
    @Option(help: "MQTT user name; the password is read from HBDECK_MQTT_PASSWORD, never from a flag.") var mqttUser: String?
    @Option(help: "CA certificate file: connect with TLS.") var mqttCa: String?
    @Option(help: "Hummingbot's MQTT namespace.") var namespace = "hbot"
    @Option(help: "Seconds to wait for the broker to accept the connection.") var connectTimeout: Double = 5

    func validate() throws {
        guard (1...65535).contains(mqttPort) else { throw ValidationError("--mqtt-port must be from 1 to 65535") }
        guard !namespace.isEmpty, !namespace.contains("/"), !namespace.contains("+"), !namespace.contains("#") else {
            throw ValidationError("--namespace must be one topic level without / + #")
        }
        if let mqttCa, !FileManager.default.fileExists(atPath: mqttCa) {
            throw ValidationError("--mqtt-ca: no file at \(mqttCa)")
        }
    }

    var settings: MQTTSettings {
        MQTTSettings(
            host: mqttHost, port: mqttPort, username: mqttUser,
            password: ProcessInfo.processInfo.environment["HBDECK_MQTT_PASSWORD"], caFile: mqttCa)
    }

    /// A connection when the broker answers within the connect timeout, else nil (and a line on stderr).
    func connectIfReachable() async -> BotConnection? {
        let connection = BotConnection(settings: settings, namespace: namespace)
        try? await connection.start()
        if await connection.waitUntilConnected(seconds: connectTimeout) { return connection }
        StandardOutput.error("no MQTT broker at \(settings.address): bots cannot be asked to stop first")
        await connection.close()
        return nil
    }

    /// Connects, runs `body`, closes, and turns any failure into one line on stderr.
    func withConnection(_ body: (BotConnection) async throws -> Void) async throws {
        try await withTelemetry { connection, _ in try await body(connection) }
    }

    /// As `withConnection`, with the bots' telemetry from the first message on: the stream is opened before
    /// the subscriptions, so retained messages and those of the first moments are not missed.
    func withTelemetry(_ body: (BotConnection, AsyncStream<(String, BotTelemetry)>) async throws -> Void) async throws {
        try await reportingFailures {
            let connection = BotConnection(settings: settings, namespace: namespace)
            let telemetry = await connection.telemetry()
            do {
                try await connection.start()
                guard await connection.waitUntilConnected(seconds: connectTimeout) else {
                    var reason = "no answer within \(Int(connectTimeout)) s"
                    if case .disconnected(let why, _) = connection.client.state { reason = why }
                    throw CommandFailure("cannot reach the MQTT broker at \(settings.address) (\(reason)); choose it with --mqtt-host and --mqtt-port")
                }
                try await body(connection, telemetry)
            } catch {
                await connection.close()
                throw error
            }
            await connection.close()
        }
    }
}
