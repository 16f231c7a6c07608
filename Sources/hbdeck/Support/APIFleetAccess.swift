import ArgumentParser
import BackendAPI
import Deploy
import Foundation
import HBModel
import Operations

/// The hummingbot-api servers a command was asked to work on, and which of the named bots are theirs.
struct APIFleetAccess {
    let clients: [BackendAPIClient]
    /// Engines are used too: bots are then named `HOST/NAME` to tell them apart.
    let withEngines: Bool

    /// A bot found on one of the APIs.
    struct Located {
        let client: BackendAPIClient
        let name: String
        /// `HOST/NAME` where hosts are shown, else the name.
        let shown: String
    }

    /// The APIs of `fleet` (nil when it names none), each with its password.
    static func open(_ fleet: FleetOptions) throws -> APIFleetAccess? {
        let settings = try fleet.settings()
        guard !settings.apis.isEmpty else { return nil }
        return APIFleetAccess(
            clients: try APIAccess.clients(settings, timeout: fleet.timeout), withEngines: !settings.noEngine)
    }

    var several: Bool { clients.count > 1 || withEngines }

    func close() async {
        for client in clients { await client.close() }
    }

    /// The API and own name of each of `names` that is an API's bot, in the order given: `API/NAME`, or a bare
    /// name when only APIs are used (found on exactly one). Empty when none is; a command naming both an
    /// API's bots and an engine's is refused.
    func locate(_ names: [String]) async throws -> [Located] {
        var found: [Located] = []
        for text in names {
            let qualified = QualifiedName(text)
            if let host = qualified.host, let client = clients.first(where: { $0.server.name == host }) {
                try check(qualified.name)
                found.append(Located(client: client, name: qualified.name, shown: text))
            } else if !withEngines {
                try check(qualified.name)
                if let host = qualified.host {
                    throw CommandFailure(
                        "\(InstanceName.shown(text)): no API named \(InstanceName.shown(host)) (APIs: \(clients.map(\.server.name).joined(separator: ", ")))"
                    )
                }
                found.append(try await holder(of: qualified.name))
            }
        }
        guard found.isEmpty || found.count == names.count else {
            throw CommandFailure("name the bots of an API and those of an engine in separate commands")
        }
        return found
    }

    private func check(_ name: String) throws {
        guard APIDeployment.isSafeName(name) else {
            throw CommandFailure(
                "invalid instance name \"\(InstanceName.shown(name))\": only letters, digits, _ and - (hummingbot-api's rule)"
            )
        }
    }

    private func holder(of name: String) async throws -> Located {
        guard clients.count > 1 else {
            return Located(client: clients[0], name: name, shown: name)
        }
        var holders: [BackendAPIClient] = []
        for client in clients {
            let listed = try await client.containers()
            if (listed.active + listed.exited).contains(where: { $0.name == name }) { holders.append(client) }
        }
        guard let first = holders.first else { throw CommandFailure("no such instance: \(name)") }
        guard holders.count == 1 else {
            throw CommandFailure(
                "\(name) is on \(holders.map(\.server.name).joined(separator: " and ")): say which, as \(first.server.name)/\(name)"
            )
        }
        return Located(client: first, name: name, shown: "\(first.server.name)/\(name)")
    }

    /// Runs `action` on each bot under its lock (another hbdeck acting on it refuses this one), one line a bot
    /// on stdout; a failure is one line on stderr and the command then ends with status 1.
    static func each(
        _ bots: [Located], _ action: (APIActions, Located) async throws -> String
    ) async throws {
        var failures = 0
        for bot in bots {
            let held: InstanceLock?
            switch InstanceLock.acquire(
                bot.name, engine: bot.client.server.baseURL, in: InstanceLock.folder(botsFolder: nil))
            {
            case .success(let lock): held = lock
            case .failure(let busy):
                StandardOutput.error("hbdeck: \(bot.shown): \(busy.description)")
                failures += 1
                continue
            }
            defer { held?.release() }
            do {
                StandardOutput.line(try await action(APIActions(api: bot.client), bot))
            } catch {
                failures += 1
                StandardOutput.error("hbdeck: \(bot.shown): \(describe(error))")
            }
        }
        if failures > 0 { throw ExitCode.failure }
    }
}

extension APIFleetAccess {
    /// Runs `body` on the named bots when they are an API's; false (nothing done) when they are an engine's.
    static func handle(
        _ names: [String], fleet: FleetOptions, _ body: ([Located]) async throws -> Void
    ) async throws -> Bool {
        var handled = false
        try await reportingFailures { handled = try await run(names, fleet: fleet, body) }
        return handled
    }

    private static func run(
        _ names: [String], fleet: FleetOptions, _ body: ([Located]) async throws -> Void
    ) async throws -> Bool {
        guard let access = try open(fleet) else { return false }
        return try await access.closing {
            let bots = try await access.locate(names)
            guard !bots.isEmpty else { return false }
            try await body(bots)
            return true
        }
    }

    /// Runs `body`, then closes every client, whether `body` threw or not.
    func closing<T>(_ body: () async throws -> T) async throws -> T {
        do {
            let result = try await body()
            await close()
            return result
        } catch {
            await close()
            throw error
        }
    }
}
