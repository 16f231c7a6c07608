import Foundation
import HBTestSupport
import Testing

/// Runs the built `hbdeck` binary as an operator's shell would.
struct HBDeckProcess {
    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    static var binary: URL {
        if let path = ProcessInfo.processInfo.environment["HBDECK_BIN"] { return URL(fileURLWithPath: path) }
        // The test runner sits beside the products of the same build.
        return URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("hbdeck")
    }

    static let testHost = TestEngine.host

    static func run(_ arguments: [String], dockerHost: String? = testHost, seconds: Double = 60) throws -> Result {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["DOCKER_HOST"] = dockerHost
        process.environment = env
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let killer = DispatchWorkItem { process.terminate() }
        DispatchQueue.global().asyncAfter(deadline: .now() + seconds, execute: killer)
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        killer.cancel()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }
}
