import Foundation

/// The recorded hummingbot-api session (`Tests/BackendAPITests/Fixtures/session.json`) played back by
/// `scripts/hbapi_tape.py` on a free port of 127.0.0.1: a fresh tape for each test.
public final class APIReplay: Sendable {
    /// The repository, from this file's place in it.
    public static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    public static let tape = root.appendingPathComponent("Tests/BackendAPITests/Fixtures/session.json")
    /// The basic-auth password the replay takes (the recording's own was another).
    public static let password = "replay-pass"

    public let port: Int
    public let pid: pid_t
    public var url: String { "http://127.0.0.1:\(port)" }
    private let output: String
    private let errors: String

    public init(tape: URL = APIReplay.tape) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hbdeck-replay-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        output = directory.appendingPathComponent("port").path
        errors = directory.appendingPathComponent("err").path
        pid = try Subprocess.spawn(
            [
                "python3", Self.root.appendingPathComponent("scripts/hbapi_tape.py").path, "replay", "0", tape.path,
                Self.password,
            ], stdout: output, stderr: errors)
        let deadline = Date().addingTimeInterval(30)
        var port: Int?
        while port == nil && Date() < deadline {
            port = (try? String(contentsOfFile: output, encoding: .utf8))?.split(separator: "\n").first.flatMap {
                Int($0)
            }
            if port == nil { usleep(50_000) }
        }
        guard let port else {
            kill(pid, SIGTERM)
            Subprocess.wait(pid)
            throw ReplayError(said: (try? String(contentsOfFile: errors, encoding: .utf8)) ?? "")
        }
        self.port = port
    }

    /// The requests the tape did not hold, as the replay named them.
    public var misses: [String] {
        ((try? String(contentsOfFile: errors, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
            .filter { $0.hasPrefix("tape miss") }
    }

    public func stop() {
        kill(pid, SIGTERM)
        Subprocess.wait(pid)
    }

    public struct ReplayError: Error, CustomStringConvertible {
        public let said: String
        public var description: String { "the replay server did not start: \(said)" }
    }
}
