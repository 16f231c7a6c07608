import Console
import Deploy
import Docker
import HBModel
import Monitor
import Operations
import Terminal

/// What the console does in the bots folder: the create dialog's deploy and the editor.
extension ConsoleLoop {
    /// How work a dialog started ended.
    enum DialogOutcome: Sendable {
        /// A deploy from the create dialog: nil problem is success.
        case created(problem: (field: CreateForm.Field?, message: String)?)
        case valuesSaved(error: String?)
        /// `exists`: the file is already in the bots folder and was left alone until the operator says so.
        case uploaded(error: String?, exists: String?)
        /// A values form read from the client's `hbot config`.
        case valuesOpened(ValuesForm)
        case report(Report)
        /// A report shown already, grown (updated only while it is open).
        case liveReport(Report)
        case charts(HistoryCharts)
    }

    /// The create dialog, with the bots folder's profiles and script configs and the images bots run.
    static func createForm(_ snapshot: FleetSnapshot) -> CreateForm {
        let folder = snapshot.botsFolder.map(BotsFolder.init)
        var images = Array(
            Set(snapshot.instances.compactMap(\.image).filter { !$0.isEmpty && !$0.hasPrefix("sha256:") })
        ).sorted()
        if !images.contains("hummingbot/hummingbot:latest") { images.insert("hummingbot/hummingbot:latest", at: 0) }
        return CreateForm(
            images: images, profiles: folder?.profiles() ?? [], scripts: folder?.scriptConfigNames() ?? [])
    }

    /// Deploys what the dialog holds, with progress in the footer; the outcome goes back to the dialog and
    /// is returned.
    func create(_ request: CreateRequest) async -> String {
        let finish = { (field: CreateForm.Field?, message: String?) -> String in
            guard let message else {
                dialogs.set(.created(problem: nil))
                return ""
            }
            dialogs.set(.created(problem: (field, message)))
            status.set("create \(request.name) failed: \(message)")
            record("create", request.name, "failed: \(message)")
            return "failed: \(message)"
        }
        guard let config = monitor?.config else {
            return finish(nil, "this console watches hummingbot-api only: deploy there with `hbdeck api deploy`")
        }
        guard let path = config.botsFolder else { return finish(nil, "no bots folder is configured") }
        let outcome: String
        var client: DockerClient?
        do {
            let engine = try await DockerClient.connect(to: config.endpoint, timeout: 10)
            client = engine
            var choices = DeployChoices(name: request.name)
            choices.image = request.image
            choices.profile = request.profile
            choices.strategy = .scriptConfig(request.script)
            choices.network = request.network
            choices.cpus = request.cpus
            choices.memoryBytes = request.memoryBytes
            choices.engine = request.engine
            let folder = BotsFolder(path)
            let created = try await CreateBot(client: engine, folder: folder).run(
                try choices.request(in: folder, broker: deployBroker), password: Secret(request.password),
                start: request.start
            ) { step in status.set("create \(request.name): \(step.said())") }
            // The dialog closes before the result shows.
            _ = finish(nil, nil)
            outcome = created.said
            status.set(outcome)
            record("create", request.name, outcome)
        } catch let problem as DeployProblem {
            let fields: [DeployProblem.Field: CreateForm.Field] = [
                .name: .name, .image: .image, .profile: .profile, .strategy: .script, .password: .password,
                .cpus: .cpus, .memory: .memory,
            ]
            outcome = finish(fields[problem.field], problem.message)
        } catch {
            outcome = finish(nil, describe(error))
        }
        await client?.close()
        return outcome
    }

    /// Opens the instance's script config in the operator's editor; returns what became of the edit.
    func editConfig(of name: String, strategy: String, folder path: String?, on screen: TerminalScreen) -> String {
        guard let path else { return "no bots folder is configured: nothing to edit" }
        let folder = BotsFolder(path)
        guard let config = InstanceConfigFiles(folder: folder).main(of: name, strategy: strategy) else {
            return "\(strategy) is not in instances/\(name)/conf: nothing to edit"
        }
        let result = screen.suspended { waitingOnOwnThread { try await FileEditor(folder: folder).edit(config) } }
        switch result {
        case .success(let said): return said
        case .failure(let error): return "\(config): \(describe(error))"
        }
    }
}
