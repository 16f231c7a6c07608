import Deploy
import Foundation
import Testing

@testable import Operations

/// The values form's rows and its save, in process, on a bots folder of the test's own.
struct InstanceValuesTests {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("values-\(UUID().uuidString)")

    func write(_ text: String, to path: String) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    @Test func theScriptConfigAndTheControllersItListsAreRowsAndASaveSaysWhatComesNext() throws {
        try write(
            "script_file_name: v2_with_controllers.py\ncontrollers_config:\n  - grid_1.yml\n",
            to: "instances/bot_1/conf/scripts/run.yml")
        try write("id: grid_1\nspread: 0.01\nlevels:\n  - 1\n", to: "instances/bot_1/conf/controllers/grid_1.yml")
        let values = InstanceValues(folder: BotsFolder(root.path))
        let rows = try values.rows(of: "bot_1", strategy: "run.yml").get()
        #expect(rows.map(\.key) == ["script_file_name", "controllers_config", "id", "spread", "levels"])
        #expect(rows.filter(\.editable).map(\.key) == ["script_file_name", "id", "spread"])
        let controller = "instances/bot_1/conf/controllers/grid_1.yml"
        let saved = try values.save(
            [ConfigForm.Change(file: controller, key: "spread", value: "0.02", shown: "0.01")], of: "bot_1")
        #expect(saved.controllersOnly)
        #expect(saved.said.hasSuffix("· the bot re-reads controller configs within 10 s"))
        #expect(
            try String(contentsOf: root.appendingPathComponent(controller), encoding: .utf8).contains("spread: 0.02"))
        let again = try values.save(
            [ConfigForm.Change(file: controller, key: "spread", value: "0.02", shown: "0.02")], of: "bot_1")
        #expect(again.said == "nothing changed")
    }

    @Test func aConfigThatIsNotThereOrHasNoSingleValuesIsRefusedWithWhatToDo() throws {
        try write("- a\n- b\n", to: "instances/bot_2/conf/scripts/list.yml")
        let values = InstanceValues(folder: BotsFolder(root.path))
        #expect(
            values.rows(of: "bot_2", strategy: "gone.yml").failure?.description
                == "gone.yml is not in instances/bot_2/conf: nothing to change")
        #expect(
            values.rows(of: "bot_2", strategy: "list.yml").failure?.description
                == "instances/bot_2/conf/scripts/list.yml is not a YAML mapping of settings: open it with e")
    }
}

extension Result {
    fileprivate var failure: Failure? {
        if case .failure(let failure) = self { return failure }
        return nil
    }
}
