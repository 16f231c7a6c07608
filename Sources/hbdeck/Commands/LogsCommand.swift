import ArgumentParser
import Docker
import Foundation
import Monitor

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
        let onAPI = try await APIFleetAccess.handle([name], fleet: fleet) { bots in
            // The API holds the last 100 records it heard of the bot over MQTT, and the last 100 errors.
            let source = APILogSource(api: bots[0].client)
            for try await chunks in try await source.follow(bots[0].name, tail: tail, since: nil) {
                for chunk in chunks {
                    let text = String(decoding: chunk.bytes, as: UTF8.self).split(
                        separator: "\n", omittingEmptySubsequences: false)
                    let lines = text.map { line in timestamps ? line : line.drop { $0 != " " }.dropFirst() }
                    StandardOutput.raw(
                        Array(lines.dropLast().map { $0 + "\n" }.joined().utf8), toStandardError: false,
                        sanitized: !raw)
                }
                if !follow { break }
            }
        }
        if onAPI { return }
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
