import Deploy
import Foundation

/// Edits a file of the bots folder with the operator's editor, on a copy, and saves it checked and versioned.
struct FileEditor {
    let folder: BotsFolder

    /// Runs the editor in this terminal (the console leaves its screen first) and says what became of the edit.
    func edit(_ path: String) async throws -> String {
        let store = VersionStore(folder: folder)
        guard let original = try store.read(path) else {
            throw CommandFailure("\(path): no such file in the bots folder")
        }
        let name = URL(fileURLWithPath: path).lastPathComponent
        let copy = URL(
            fileURLWithPath: NSTemporaryDirectory() + "hbdeck-edit-\(UInt32.random(in: 0...UInt32.max))-\(name)")
        try original.write(to: copy)
        let environment = ProcessInfo.processInfo.environment
        let editor = environment["VISUAL"] ?? environment["EDITOR"] ?? "vi"
        // The editor may carry its own arguments (`code -w`): the shell splits them; the file is passed as $1.
        let status = await ForegroundProgram.run(["/bin/sh", "-c", "\(editor) \"$1\"", "hbdeck-editor", copy.path])
        guard status == 0 else {
            return "the editor ended with status \(status): \(path) not saved (your copy: \(copy.path))"
        }
        let edited = FileManager.default.contents(atPath: copy.path) ?? Data()
        if edited == original {
            try? FileManager.default.removeItem(at: copy)
            return "\(path): no change"
        }
        let kind = Uploader.Kind.infer(fileName: name, controllerType: nil)
        if let kind, let problem = Uploader.problem(in: edited, name: name, kind: kind) {
            return "not saved: \(problem). Your edit is kept in \(copy.path)"
        }
        do {
            try store.save(
                edited, to: path, message: "edited with \(editor.split(separator: " ").first ?? "editor")",
                expecting: original)
        } catch let stale as VersionStore.StaleRead {
            return "not saved: \(stale). Your edit is kept in \(copy.path)"
        }
        try? FileManager.default.removeItem(at: copy)
        return "\(path) saved (hbdeck versions \(path))"
    }
}
