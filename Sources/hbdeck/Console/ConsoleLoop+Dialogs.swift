import Console
import Deploy
import Foundation
import HBModel
import Monitor
import Operations

/// The values form and the upload dialog: what they read to open, and the saves they ask for.
extension ConsoleLoop {
    /// Opens the dialog a command asks for; false when the command is not one of those.
    func open(_ command: ConsoleCommand, in controller: inout ConsoleController, snapshot: FleetSnapshot) -> Bool {
        let folder = snapshot.botsFolder.map(BotsFolder.init)
        switch command {
        case .openCreateForm:
            controller.showCreateForm(Self.createForm(snapshot))
        case .showAudit:
            controller.showReport(auditReport())
        case .openFleetStop(let shown):
            controller.showFleetStopChooser(fleetStopChooser(among: Set(shown), folder: folder))
        // `name` is the container's own name here (on several engines, one of this machine's: `onThisMachine`).
        case .openValuesForm(let name, _)
        where snapshot.instances.contains(where: {
            $0.containerName == name && $0.host == snapshot.hosts.first?.name && $0.engine == .hbot
                && $0.state == .running
        }):
            // The client's own `hbot config` gives the fields: seconds of Python, so not on this thread.
            controller.setStatus("asking \(name)'s hbot for its config (the client starts Python: a few seconds)…")
            return false
        case .openValuesForm(let name, let strategy):
            switch folder.map({ Self.valuesForm(of: name, strategy: strategy, in: $0) })
                ?? .failure(Refusal(message: "no bots folder is configured"))
            {
            case .success(let form): controller.showValuesForm(form)
            case .failure(let reason): controller.setStatus("\(name): \(reason.message)")
            }
        case .openUpload, .listFolder:
            let path: String
            if case .listFolder(let chosen) = command {
                path = chosen
            } else {
                path = FileManager.default.currentDirectoryPath
            }
            switch Self.listing(of: path) {
            case .success(let entries):
                controller.showFolder(path, entries: entries, controllerTypes: folder.map(Self.controllerTypes) ?? [])
            case .failure(let reason): controller.folderRefused(reason.message)
            }
        default:
            return false
        }
        return true
    }

    /// A reason a dialog cannot open, for `Result`.
    struct Refusal: Error {
        let message: String
    }

    /// The form for an instance's config values: its script config, then the controller configs it lists.
    static func valuesForm(of name: String, strategy: String, in folder: BotsFolder) -> Result<ValuesForm, Refusal> {
        InstanceValues(folder: folder).rows(of: name, strategy: strategy)
            .map { rows in
                ValuesForm(
                    instance: name,
                    rows: rows.map {
                        ValuesForm.Row(file: $0.file, key: $0.key, value: $0.value, editable: $0.editable)
                    })
            }
            .mapError { Refusal(message: $0.description) }
    }

    /// A folder's sub-folders and strategy files, `..` first; hidden ones left out.
    static func listing(of path: String) -> Result<[FilePicker.Entry], Refusal> {
        let url = URL(fileURLWithPath: path)
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: path)
        } catch {
            return .failure(Refusal(message: "cannot list \(path): \((error as NSError).localizedDescription)"))
        }
        var folders: [String] = []
        var files: [String] = []
        for name in names where !name.hasPrefix(".") {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.appendingPathComponent(name).path, isDirectory: &isFolder)
            else { continue }
            if isFolder.boolValue {
                folders.append(name)
            } else if name.hasSuffix(".py") || name.hasSuffix(".yml") || name.hasSuffix(".yaml") {
                files.append(name)
            }
        }
        let parent = path == "/" ? [] : [FilePicker.Entry(name: "..", isFolder: true)]
        return .success(
            parent + folders.sorted().map { .init(name: $0, isFolder: true) }
                + files.sorted().map { .init(name: $0, isFolder: false) })
    }

    /// The controller types of the bots folder: the folders under `controllers/`.
    static func controllerTypes(_ folder: BotsFolder) -> [String] {
        let root = folder.root.appendingPathComponent("controllers")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        return names.filter { name in
            var isFolder: ObjCBool = false
            return !name.hasPrefix(".") && !name.hasPrefix("__")
                && FileManager.default.fileExists(
                    atPath: root.appendingPathComponent(name).path, isDirectory: &isFolder)
                && isFolder.boolValue
        }.sorted()
    }

    /// Saves the values changed in the form: every file is checked first, so a problem in one saves none.
    func saveValues(_ changes: [ValuesForm.Change], of name: String) {
        guard let path = botsFolder else {
            return dialogs.set(.valuesSaved(error: "no bots folder is configured"))
        }
        do {
            let saved = try InstanceValues(folder: BotsFolder(path)).save(
                changes.map { ConfigForm.Change(file: $0.file, key: $0.key, value: $0.value, shown: $0.original) },
                of: name)
            // The dialog closes before the result shows: what is on screen never says done while it is open.
            dialogs.set(.valuesSaved(error: nil))
            status.set(saved.said)
            if !saved.files.isEmpty { record("set", name, "saved \(saved.files.joined(separator: " · "))") }
        } catch {
            dialogs.set(.valuesSaved(error: describe(error)))
            record("set", name, "refused: \(describe(error))")
        }
    }

    /// Uploads a file the dialog chose; an existing one is left alone until the operator says to replace it.
    func upload(_ source: String, to destination: FilePicker.Destination, replacing: Bool) {
        guard let path = botsFolder else {
            return dialogs.set(.uploaded(error: "no bots folder is configured", exists: nil))
        }
        let folder = BotsFolder(path)
        let name = URL(fileURLWithPath: source).lastPathComponent
        let kind: Uploader.Kind
        switch destination {
        case .scripts: kind = .script
        case .controllers(let type): kind = .controller(type: type)
        case .scriptConfigs: kind = .scriptConfig
        case .controllerConfigs: kind = .controllerConfig
        }
        let uploader = Uploader(folder: folder)
        do {
            if !replacing, let relative = try uploader.replaces(URL(fileURLWithPath: source), as: name, kind: kind) {
                return dialogs.set(.uploaded(error: nil, exists: relative))
            }
            let said = try uploader.upload(URL(fileURLWithPath: source), as: name, kind: kind, replacing: replacing)
                .said
            dialogs.set(.uploaded(error: nil, exists: nil))
            status.set(said)
            record("upload", source, said)
        } catch {
            dialogs.set(.uploaded(error: describe(error), exists: nil))
            record("upload", source, "refused: \(describe(error))")
        }
    }
}
