import Canvas
import HBModel

/// The dialogs' keys and the results the loop brings back to them: create, values form, upload, reports.
extension ConsoleController {
    /// Shows the create dialog, filled with the choices the loop read from the bots folder.
    public mutating func showCreateForm(_ form: CreateForm) {
        state.overlay = .create(form)
    }

    /// A deploy from the dialog ended: a problem goes back to its field (or, with none, to the form's top)
    /// and the dialog stays; success closes it.
    public mutating func createFinished(problem: (field: CreateForm.Field?, message: String)?) {
        guard case .create(var form)? = state.overlay else { return }
        guard let problem else {
            state.overlay = nil
            return
        }
        form.busy = false
        if let field = problem.field {
            form.errors[field] = problem.message
            form.focus = field
        }
        state.overlay = .create(form)
    }

    /// Shows the values form the loop read from the instance's config files.
    public mutating func showValuesForm(_ form: ValuesForm) {
        state.overlay = .values(form)
    }

    /// A save from the values form ended: a failure stays in the form with its reason; success closes it.
    public mutating func valuesSaved(error: String?) {
        guard case .values(var form)? = state.overlay else { return }
        guard let error else {
            state.overlay = nil
            return
        }
        form.busy = false
        form.error = error
        state.overlay = .values(form)
    }

    /// Shows the upload dialog, or another folder in it.
    public mutating func showFolder(_ folder: String, entries: [FilePicker.Entry], controllerTypes: [String]) {
        if case .upload(var picker)? = state.overlay {
            picker.show(folder, entries: entries)
            state.overlay = .upload(picker)
        } else {
            var picker = FilePicker(folder: folder, entries: [], controllerTypes: controllerTypes)
            picker.show(folder, entries: entries)
            state.overlay = .upload(picker)
        }
    }

    /// The history read for the details screen's charts; ignored when the operator moved on meanwhile.
    public mutating func showCharts(_ charts: HistoryCharts) {
        guard case .details(let name)? = state.overlay, name == charts.instance, charts.range == state.chartRange else {
            return
        }
        state.charts = charts
    }

    /// Shows what the operator asked a bot for.
    public mutating func showReport(_ report: Report) {
        state.overlay = .report(report)
    }

    /// A report that grows as work goes on (a fleet-wide stop's rows): shown again only while it is open, so that
    /// one closed stays closed.
    public mutating func updateReport(_ report: Report) {
        guard case .report(let shown)? = state.overlay, shown.title == report.title else { return }
        var updated = report
        updated.scroll = shown.scroll
        state.overlay = .report(updated)
    }

    /// The fleet-wide stop's chooser, or why there is nothing to choose.
    public mutating func showFleetStopChooser(_ chooser: FleetStopChooser) {
        guard !chooser.choices.isEmpty else {
            state.status = "no running bot to stop"
            return
        }
        state.overlay = .fleetStop(chooser)
    }

    /// A folder could not be listed: the dialog stays where it was and says why.
    public mutating func folderRefused(_ reason: String) {
        guard case .upload(var picker)? = state.overlay else {
            state.status = reason
            return
        }
        picker.error = reason
        state.overlay = .upload(picker)
    }

    /// An upload ended: `exists` asks the operator before replacing; a failure stays in the dialog; success closes it.
    public mutating func uploadFinished(error: String?, exists: String?) {
        guard case .upload(var picker)? = state.overlay else { return }
        picker.busy = false
        if let exists {
            picker.replacing = exists
        } else if let error {
            picker.error = error
        } else {
            state.overlay = nil
            return
        }
        state.overlay = .upload(picker)
    }

    mutating func handleValues(_ form: inout ValuesForm, _ key: Key) -> [ConsoleCommand] {
        guard !form.busy else { return [] }
        var commands: [ConsoleCommand] = []
        if case .character(let c) = key {
            form.type(c)
            state.overlay = .values(form)
            return []
        }
        switch Keymap.overlayAction(for: key, in: .form) {
        case .cancel?:
            let unsaved = form.changes.count
            state.overlay = nil
            state.status =
                unsaved == 0
                ? "values form closed" : "values form closed: \(unsaved) change\(unsaved == 1 ? "" : "s") not saved"
            return []
        case .moveDown?: form.moveFocus(by: 1)
        case .moveUp?: form.moveFocus(by: -1)
        case .pageDown?: for _ in 0..<10 { form.moveFocus(by: 1) }
        case .pageUp?: for _ in 0..<10 { form.moveFocus(by: -1) }
        case .erase?: form.backspace()
        case .revert?: form.revert()
        case .confirm?:
            guard !form.changes.isEmpty else {
                state.overlay = nil
                state.status = "no value changed: nothing saved"
                return []
            }
            form.busy = true
            commands = [.saveValues(form.instance, form.changes, viaHbot: form.viaHbot)]
        default: break
        }
        state.overlay = .values(form)
        return commands
    }

    mutating func handlePicker(_ picker: inout FilePicker, _ key: Key) -> [ConsoleCommand] {
        guard !picker.busy else { return [] }
        var commands: [ConsoleCommand] = []
        if picker.replacing != nil {
            switch Keymap.overlayAction(for: key, in: .confirm) {
            case .confirm?:
                if let entry = picker.current, let destination = picker.destination {
                    picker.busy = true
                    commands = [.upload(source: picker.path(of: entry), to: destination, replacing: true)]
                }
            case .cancel?:
                state.status = "\(picker.replacing ?? "the file") kept as it was"
                picker.replacing = nil
            default: break
            }
            state.overlay = .upload(picker)
            return commands
        }
        switch Keymap.overlayAction(for: key, in: .upload) {
        case .cancel?:
            state.overlay = nil
            state.status = "upload cancelled: nothing was done"
            return []
        case .moveUp?: picker.move(by: -1)
        case .moveDown?: picker.move(by: 1)
        case .pageUp?: picker.move(by: -10)
        case .pageDown?: picker.move(by: 10)
        case .first?: picker.move(by: -picker.entries.count)
        case .last?: picker.move(by: picker.entries.count)
        case .previousChoice?: picker.cycleDestination(by: -1)
        case .nextChoice?: picker.cycleDestination(by: 1)
        case .parentFolder?:
            if picker.folder != "/" {
                commands = [.listFolder(picker.path(of: FilePicker.Entry(name: "..", isFolder: true)))]
            }
        case .confirm?:
            guard let entry = picker.current else { break }
            if entry.isFolder {
                commands = [.listFolder(picker.path(of: entry))]
            } else if let destination = picker.destination {
                picker.busy = true
                commands = [.upload(source: picker.path(of: entry), to: destination, replacing: false)]
            }
        default: break
        }
        state.overlay = .upload(picker)
        return commands
    }

    mutating func handleForm(_ form: inout CreateForm, _ key: Key, snapshot: FleetSnapshot) -> [ConsoleCommand] {
        guard !form.busy else { return [] }
        var commands: [ConsoleCommand] = []
        if case .character(let c) = key {
            form.type(c)
            state.overlay = .create(form)
            return []
        }
        switch Keymap.overlayAction(for: key, in: .form) {
        case .cancel?:
            state.overlay = nil
            state.status = "create cancelled: nothing was done"
            return []
        case .moveDown?: form.moveFocus(by: 1)
        case .moveUp?: form.moveFocus(by: -1)
        case .previousChoice?: form.cycle(by: -1)
        case .nextChoice?: form.cycle(by: 1)
        case .erase?: form.backspace()
        case .confirm?:
            let problems = form.problems(taken: Set(snapshot.instances.map(\.name)))
            form.errors = problems
            if let first = CreateForm.Field.allCases.first(where: { problems[$0] != nil }) {
                form.focus = first
            } else {
                form.busy = true
                commands = [.create(form.request)]
            }
        default: break
        }
        state.overlay = .create(form)
        return commands
    }
}
