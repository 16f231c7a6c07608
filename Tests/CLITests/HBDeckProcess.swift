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
        return URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent(
            "hbdeck")
    }

    static let testHost = TestEngine.host

    static func run(
        _ arguments: [String], dockerHost: String? = testHost, stdinFile: String = "/dev/null",
        environment: [String: String] = [:], seconds: Double = 60
    ) throws -> Result {
        var env = ProcessInfo.processInfo.environment
        // Commands with no bots folder keep their audit log in hbdeck's state folder: one of the tests', not the user's.
        env["XDG_STATE_HOME"] = NSTemporaryDirectory() + "hbdeck-test-state"
        env.merge(environment) { $1 }
        env["DOCKER_HOST"] = dockerHost
        let result = try Subprocess.run(
            [binary.path] + arguments, environment: env, timeout: seconds, stdinFile: stdinFile)
        return Result(status: result.status, stdout: result.stdout, stderr: result.stderr)
    }
}
