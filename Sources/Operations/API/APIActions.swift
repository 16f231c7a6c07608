import BackendAPI
import BotLink
import Foundation
import HBModel
import Monitor

/// What an operator does to a bot of a hummingbot-api fleet, for the CLI and the console alike, through the
/// API's own endpoints. Each returns the line that says how it ended.
public struct APIActions: Sendable {
    public let api: any FleetAPI
    let now: @Sendable () -> Double
    let clock: any Clock<Duration>

    public init(
        api: any FleetAPI, now: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 },
        clock: any Clock<Duration> = ContinuousClock()
    ) {
        self.api = api
        self.now = now
        self.clock = clock
    }

    /// A stopped container is started (the bot starts its configured strategy by itself); a running one whose
    /// strategy was stopped gets the API's start-bot.
    public func start(_ name: String, progress: @escaping @Sendable (String) -> Void) async throws -> String {
        if try await api.isRunning(name) {
            progress("starting \(name): asking the bot to start its strategy through the API…")
            try await api.startBot(name)
            return "\(name): start sent to the bot through the API"
        }
        progress("starting \(name): the API starts its container…")
        try await api.startContainer(name)
        return "\(name): started"
    }

    public func stop(_ name: String, keepOrders: Bool, progress: @escaping @Sendable (String) -> Void) async throws
        -> StopResult
    {
        try await APIStopProcedure(api: api, name: name, keepOrders: keepOrders, now: now, clock: clock)
            .run(progress: progress)
    }

    /// The safe stop, then the container started again.
    public func restart(_ name: String, progress: @escaping @Sendable (String) -> Void) async throws -> String {
        let stopped = try await stop(name, keepOrders: false, progress: progress)
        progress("restarting \(name): the API starts its container…")
        try await api.startContainer(name)
        return "\(name): restarted · \(stopped.summary)"
    }

    /// The safe stop up to the bot's wind-down, then the API's stop-and-archive: it stops the container after
    /// its own fixed 15 s wait, archives `bots/instances/NAME` on its host and removes the container. Waits until
    /// the container is gone (up to `archiveLimit`).
    public func archive(
        _ name: String, keepOrders: Bool, archiveLimit: Double = 120,
        progress: @escaping @Sendable (String) -> Void
    ) async throws -> String {
        guard try await api.isRunning(name) else {
            throw APIError.refused(
                "\(name) is stopped, and the API archives only a bot it still hears (stop-and-archive) or one named hummingbot-… (remove-container): start it, then archive it"
            )
        }
        let procedure = APIStopProcedure(api: api, name: name, keepOrders: keepOrders, now: now, clock: clock)
        let step = await procedure.askBot(progress: progress)
        progress(
            "archiving \(name): \(step.said) · the API's stop-and-archive (its fixed 15 s wait, then the container)…")
        let said = try await api.stopAndArchive(name, skipOrderCancellation: true)
        let began = now()
        while now() - began < archiveLimit {
            let containers = try await api.containers()
            if !(containers.active + containers.exited).contains(where: { $0.name == name }) {
                return
                    "\(name): archived on the API's host and removed · \(step.said) · \(TerminalSafeText.sanitize(said))"
            }
            progress("archiving \(name): waiting for the API to archive and remove it (\(Int(now() - began)) s)…")
            try await clock.sleep(for: .seconds(2))
        }
        return
            "\(name): \(step.said) · the API accepted the archive but its container is still there after \(Int(archiveLimit)) s: see the API's log"
    }

    /// Deploys through the API; returns the name the API gave the instance (the name and a timestamp).
    public func deploy(_ request: APIDeployment, progress: @escaping @Sendable (String) -> Void) async throws -> String
    {
        guard APIDeployment.isSafeName(request.instanceName) else {
            throw APIError.invalid(
                "instance name \"\(InstanceName.shown(request.instanceName))\": only letters, digits, _ and - (the API's rule)"
            )
        }
        guard APIDeployment.isSafeName(request.credentialsProfile) else {
            throw APIError.invalid(
                "account \"\(InstanceName.shown(request.credentialsProfile))\": only letters, digits, _ and -")
        }
        let accounts = try await api.accounts()
        guard accounts.contains(request.credentialsProfile) else {
            throw APIError.notFound(
                "no account \(request.credentialsProfile) on the API (accounts: \(accounts.joined(separator: ", ")))")
        }
        progress("deploying \(request.instanceName) through the API…")
        let reply = try await api.deploy(request)
        return reply.uniqueInstanceName ?? request.instanceName
    }

    /// Uploads a script or controller config (its YAML read into fields) under `name`.
    public func upload(_ kind: APIConfigKind, name: String, fields: JSONValue) async throws -> String {
        guard APIDeployment.isSafeName(name) else {
            throw APIError.invalid("config name \"\(InstanceName.shown(name))\": only letters, digits, _ and -")
        }
        guard fields.objectValue != nil else { throw APIError.invalid("a config is a YAML mapping of fields") }
        return try await api.uploadConfig(kind, name: name, fields: fields)
    }
}
