import Foundation
import HBTestSupport

extension TestFleet {
    /// Runs hbdeck on this fleet's bots folder with an empty config file, `stdin` on its standard input.
    func hbdeck(_ arguments: [String], stdin: String = "", seconds: Double = 180) throws -> HBDeckProcess.Result {
        let input = root.appendingPathComponent("stdin-\(UUID().uuidString)")
        try stdin.write(to: input, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: input) }
        let config = root.appendingPathComponent("hbdeck.yml")
        try "".write(to: config, atomically: true, encoding: .utf8)
        return try HBDeckProcess.run(
            arguments + ["--bots-folder", root.path, "--config", config.path], stdinFile: input.path, seconds: seconds)
    }
}
