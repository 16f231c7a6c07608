import ArgumentParser
import BotLink
import Foundation

/// The broker a command talks to, as `FleetOptions` resolved it (flags, else the config file, else defaults).
struct BrokerOptions {
    var mqttHost = "127.0.0.1"
    var mqttPort = 1883
    /// The password is read from HBDECK_MQTT_PASSWORD, never from a flag.
    var mqttUser: String?
    var mqttCa: String?
    var namespace = "hbot"
    /// Seconds to wait for the broker to accept the connection.
    var connectTimeout: Double = 5

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
                    throw CommandFailure(
                        "cannot reach the MQTT broker at \(settings.address) (\(reason)); choose it with --mqtt-host and --mqtt-port"
                    )
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
