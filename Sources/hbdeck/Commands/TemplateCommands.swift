import ArgumentParser
import Deploy
import Foundation

struct TemplateCommandGroup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "template", abstract: "Instance settings kept under a name: create from one with only a new name.",
        subcommands: [TemplateSave.self, TemplateList.self])
}

struct TemplateSave: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "save", abstract: "Keep an instance's image, profile, strategy, limits and network as a template.")
    @OptionGroup(title: FleetOptions.title) var fleet: FleetOptions
    var engine: EngineOptions { fleet.engine }
    var location: BotsFolderOptions { fleet.location }
    @Argument(help: "Template name.") var name: String
    @Option(help: "The instance whose settings are kept.") var from: String
    @Option(help: "Its profile, when it was not deployed by hbdeck.") var profile: String?

    func run() async throws {
        try await audited("template save", [name], fleet: fleet) {
            try await reportingFailures {
                let (folder, _) = try location.resolve()
                try await engine.withEngine(naming: [from]) { client in
                    let template = try DeployTemplate(
                        container: try await client.inspectContainer(from), profile: profile)
                    try TemplateStore(folder: folder).save(template, as: name)
                    StandardOutput.line(
                        "template \(name): \(template.image), profile \(template.profile), \(template.strategy.fileName)",
                        sanitized: true)
                }
            }
        }
    }
}

struct TemplateList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ls", abstract: "List the templates.")
    @OptionGroup(title: FleetOptions.title) var fleet: FleetOptions
    var location: BotsFolderOptions { fleet.location }

    func run() async throws {
        try await reportingFailures {
            let (folder, _) = try location.resolve()
            let store = TemplateStore(folder: folder)
            var table = TextTable("TEMPLATE", "IMAGE", "PROFILE", "STRATEGY", "CPUS", "MEMORY")
            for name in store.names() {
                guard let template = try? store.load(name) else { continue }
                table.add([
                    name, template.image, template.profile, template.strategy.fileName,
                    template.cpus.map { String($0) } ?? "—",
                    template.memoryBytes.map { "\($0 >> 20) MiB" } ?? "—",
                ])
            }
            StandardOutput.line(table.render(), sanitized: true)
        }
    }
}
