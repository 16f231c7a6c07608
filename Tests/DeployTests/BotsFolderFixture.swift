import Deploy
import Foundation

/// A bots folder in /tmp laid out as Hummingbot's tooling does, with one profile and a script config
/// that lists one controller config.
struct BotsFolderFixture {
    let folder: BotsFolder
    var root: URL { folder.root }

    init() throws {
        let path = NSTemporaryDirectory() + "hbdeck-deploy-\(UInt32.random(in: 0...UInt32.max))"
        folder = BotsFolder(path)
        try write(
            "credentials/master_account/conf_client.yml",
            """
            # client settings
            instance_id: template
            mqtt_bridge:
              mqtt_host: localhost
              mqtt_port: 1883
              mqtt_namespace: hbot
              mqtt_autostart: false

            """)
        try write("credentials/master_account/.password_verification", "7b2263727970746f223a7b7d7d")
        try write("credentials/master_account/connectors/binance.yml", "binance_api_key: 7b22\n")
        try write(
            "conf/scripts/pmm.yml", "script_file_name: v2_with_controllers.py\ncontrollers_config:\n  - grid_1.yml\n")
        try write("conf/controllers/grid_1.yml", "id: grid_1\ncontroller_name: grid_strike\n")
        try write("conf/controllers/unused.yml", "id: unused\n")
        try write("conf/scripts/broken.yml", "script_file_name: [unclosed\n")
        try write("conf/scripts/missing_controller.yml", "controllers_config: [nowhere.yml]\n")
        try write(
            "conf/scripts/escape.yml", "controllers_config: ['../../credentials/master_account/conf_client.yml']\n")
    }

    func write(_ relative: String, _ text: String) throws {
        let url = root.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    func read(_ relative: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(relative), encoding: .utf8)
    }

    /// Every path under the folder with its size and content hash: what "nothing changed on disk" compares.
    func listing() -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: root.path)
        var entries: [String] = []
        while let path = enumerator?.nextObject() as? String {
            let data = FileManager.default.contents(atPath: root.appendingPathComponent(path).path)
            entries.append("\(path) \(data.map { String($0.hashValue) } ?? "dir")")
        }
        return entries.sorted()
    }

    func remove() {
        try? FileManager.default.removeItem(at: root)
    }
}
