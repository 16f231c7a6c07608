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

/// `hbdeck record` in the background, its stderr kept in a file.
struct Recorder {
    let process: Process
    let errors: URL

    var said: String { (try? String(contentsOf: errors, encoding: .utf8)) ?? "" }

    func stop() {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }
}

extension TestFleet {
    /// hbdeck's config file for this fleet (its bots folder and broker), with `extra` lines after.
    func recorderConfig(_ extra: String = "") throws -> URL {
        let config = root.appendingPathComponent("hbdeck.yml")
        try "bots_folder: \(root.path)\nmqtt_port: \(port)\nbroker_container: \(brokerName)\n\(extra)".write(
            to: config, atomically: true, encoding: .utf8)
        return config
    }

    /// Starts `hbdeck record` on `config` against the private engine.
    func startRecorder(config: URL, arguments: [String] = [], environment: [String: String] = [:]) throws -> Recorder {
        let process = Process()
        process.executableURL = HBDeckProcess.binary
        process.arguments = ["record", "--config", config.path] + arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }.merging([
            "DOCKER_HOST": TestEngine.host ?? ""
        ]) { $1 }
        let errors = root.appendingPathComponent("record-\(UUID().uuidString).err")
        FileManager.default.createFile(atPath: errors.path, contents: nil)
        process.standardError = try FileHandle(forWritingTo: errors)
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        return Recorder(process: process, errors: errors)
    }
}
