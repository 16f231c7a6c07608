import Console
import Deploy
import Docker
import Foundation
import HBModel

/// What the console asks the client's own `hbot` in a running bot, only when the operator asks: its config
/// (the values form), changes to it, `hbot doctor` and `hbot status`.
extension ConsoleLoop {
    /// Runs `work` with the client's CLI in `name`; a failure goes to the footer with the bot's name.
    private func withHbot(_ name: String, _ work: (HbotCLI) async throws -> Void) async {
        guard let monitor = localEngine(for: "\(name): hbot") else { return }
        var client: DockerClient?
        do {
            let engine = try await DockerClient.connect(to: monitor.config.endpoint, timeout: 10)
            client = engine
            try await work(HbotCLI(client: engine, container: name))
        } catch {
            status.set("\(name): \(describe(error))")
        }
        await client?.close()
    }

    /// The values form from `hbot config --json`: the fields in the file's order where the bots folder has
    /// it, each with whether a running controller takes it up live.
    func openHbotValues(of name: String) async {
        await withHbot(name) { hbot in
            let listing = try await hbot.configListing()
            let file = botsFolder.flatMap {
                HbotConfigFile(folder: BotsFolder($0), instance: name, file: listing.file, type: listing.type)
            }
            let order =
                file?.read().flatMap { String(data: $0, encoding: .utf8) }.flatMap(ConfigFields.read)?.map(\.key) ?? []
            let keys =
                order.filter { listing.fields.keys.contains($0) }
                + listing.fields.keys.filter { !order.contains($0) }.sorted()
            let rows = keys.map { key in
                let value = listing.fields[key] ?? nil
                return ValuesForm.Row(
                    file: "\(listing.file) (\(listing.type), through hbot config)", key: key,
                    value: value ?? "[list or block]",
                    editable: value != nil, live: listing.liveFields.contains(key))
            }
            guard rows.contains(where: \.editable) else {
                throw HbotFailure(message: "\(listing.file) has no single values to change", code: 4)
            }
            dialogs.set(.valuesOpened(ValuesForm(instance: name, rows: rows, viaHbot: true)))
            status.set(
                "\(listing.file): fields as \(name)'s hbot gives them; a change is checked by the client and applies live or at the next start"
            )
        }
    }

    /// Each change through `hbot config KEY VALUE`, one after the other; the client's answer for each.
    func saveThroughHbot(_ changes: [ValuesForm.Change], of name: String) async {
        var said: [String] = []
        var refusal: String?
        await withHbot(name) { hbot in
            let listing = try await hbot.configListing()
            let file = botsFolder.flatMap {
                HbotConfigFile(folder: BotsFolder($0), instance: name, file: listing.file, type: listing.type)
            }
            let before = file?.read()
            for change in changes {
                do {
                    let answer = try await hbot.set(change.key, to: change.value)
                    said.append("\(change.key)=\(answer.value)\(answer.applies.map { " (\($0))" } ?? "")")
                } catch {
                    refusal = "\(change.key): \(describe(error))"
                    break
                }
            }
            try? file?.keepVersions(before: before, message: "hbot config \(said.joined(separator: ", "))")
        }
        if !said.isEmpty || refusal != nil {
            record(
                "config", name,
                (said.isEmpty ? "" : "set \(said.joined(separator: " · "))") + (refusal.map { " refused: \($0)" } ?? "")
            )
        }
        if let refusal {
            dialogs.set(
                .valuesSaved(
                    error: said.isEmpty ? refusal : "\(refusal) (saved before it: \(said.joined(separator: ", ")))"))
        } else if !said.isEmpty {
            dialogs.set(.valuesSaved(error: nil))
            status.set("\(name): set \(said.joined(separator: " · "))")
        } else {
            dialogs.set(.valuesSaved(error: "the bot's hbot could not be asked (see the footer)"))
        }
    }

    /// `hbot doctor`'s rows, or `hbot status` as the client prints it.
    func hbotReport(_ name: String, doctor: Bool) async {
        await withHbot(name) { hbot in
            if doctor {
                let report = try await hbot.doctor()
                let width = report.checks.map(\.name.count).max() ?? 5
                let lines = report.checks.map {
                    TerminalSafeText.sanitize(
                        "\($0.name.padding(toLength: width, withPad: " ", startingAt: 0))  \($0.status.padding(toLength: 4, withPad: " ", startingAt: 0))  \($0.detail)"
                    )
                }
                dialogs.set(
                    .report(
                        Report(
                            title: "hbot doctor · \(name) · \(report.healthy ? "healthy" : "FAILED CHECKS")",
                            lines: lines)))
                status.set("\(name): hbot doctor \(report.healthy ? "found no failed check" : "found failed checks")")
            } else {
                let text = try await hbot.status()
                let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
                    TerminalSafeText.sanitize(String($0))
                }
                dialogs.set(.report(Report(title: "hbot status · \(name)", lines: lines)))
                status.set("\(name): hbot status, as the client prints it")
            }
        }
    }
}
