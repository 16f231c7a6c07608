import ArgumentParser
import Docker
import Foundation

struct LogsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "logs", abstract: "Print an instance's container log; stdout and stderr stay apart.")

    @OptionGroup(title: FleetOptions.title) var fleet: FleetOptions
    var engine: EngineOptions { fleet.engine }
    @Flag(name: [.short, .long], help: "Keep printing new lines.") var follow = false
    @Option(help: "Lines from the end to start with.") var tail: Int?
    @Option(help: "Start at a time: unix seconds, RFC 3339, or an age such as 90s, 10m, 2h.") var since: String?
    @Flag(name: [.short, .long], help: "Prefix each line with the engine's timestamp.") var timestamps = false
    @Flag(help: "Print the log as written, control characters included, even on a terminal.") var raw = false
    @Argument(help: "Instance name (HOST/NAME where several engines are in use).") var name: String

    func validate() throws {
        if let tail, tail < 0 { throw ValidationError("--tail must be 0 or more") }
        if let since, TimeSpec.parse(since) == nil {
            throw ValidationError("--since \"\(since)\": expected unix seconds, RFC 3339 or an age such as 10m")
        }
    }

    func run() async throws {
        try await engine.withEngines(naming: [name]) { engines in
            let found = try await engines.locate([name])[0]
            let (client, instance) = (found.engine.client, found.summary)
            let options = LogOptions(
                follow: follow, tail: tail, since: since.flatMap { TimeSpec.parse($0) }, timestamps: timestamps)
            for try await chunk in try await client.logs(instance.id, options: options) {
                StandardOutput.raw(chunk.bytes, toStandardError: chunk.source == .stderr, sanitized: !raw)
            }
        }
    }
}
