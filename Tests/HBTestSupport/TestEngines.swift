import Foundation

/// The two more private engines `scripts/testenv.sh up` starts for the tests of a fleet on several hosts:
/// B on tcp://127.0.0.1:23760 with TLS, C only through ssh to a private sshd on 127.0.0.1 (its sessions'
/// DOCKER_HOST is C). Each also has a unix socket for the tests' own setup.
public enum TestEngines {
    public static let run = "/run/hbdeck-test"
    public static let state = "/var/lib/hbdeck-test"
    public static let bSocket = "unix://\(run)/b/docker.sock"
    public static let cSocket = "unix://\(run)/c/docker.sock"
    /// Engine N: iptables on, so bridge networks are isolated from each other as on an operator's machine.
    public static let nSocket = "unix://\(run)/n/docker.sock"
    public static var isolationEngineIsUp: Bool { FileManager.default.fileExists(atPath: "\(run)/n/docker.sock") }
    public static let bTCP = "tcp://127.0.0.1:23760"
    /// ca.pem, cert.pem and key.pem of a client engine B trusts.
    public static let clientTLS = "\(state)/tls/client"
    /// An ssh config with the host `hbdeck-c`, its key and known host.
    public static let sshConfig = "\(state)/ssh/config"
    /// What hbdeck needs to reach C through ssh.
    public static let sshEnvironment = ["HBDECK_SSH_OPTS": "-F \(sshConfig)"]

    /// Runs the docker CLI against one engine's unix socket and returns its trimmed stdout.
    @discardableResult
    public static func docker(_ socket: String, _ arguments: [String], environment: [String: String] = [:]) throws
        -> String
    {
        var env = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        env["DOCKER_HOST"] = socket
        let result = try Subprocess.run(["docker"] + arguments, environment: env, timeout: 120)
        guard result.status == 0 else {
            throw TestEngineFailure(description: "docker \(arguments.joined(separator: " ")): \(result.stderr)")
        }
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A Docker CLI config folder with the contexts `hosta` (the first engine's socket), `hostb` (B over TLS)
    /// and `hostc` (C over ssh), made by `docker context create` itself; `b` is where B's TLS port is reached.
    public static func contexts(b: String = bTCP) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "hbdeck-docker-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let env = ["DOCKER_CONFIG": folder.path]
        let a = TestEngine.host ?? "unix://\(run)/docker.sock"
        try docker(a, ["context", "create", "hosta", "--docker", "host=\(a)"], environment: env)
        try docker(
            a,
            [
                "context", "create", "hostb", "--docker",
                "host=\(b),ca=\(clientTLS)/ca.pem,cert=\(clientTLS)/cert.pem,key=\(clientTLS)/key.pem",
            ], environment: env)
        try docker(a, ["context", "create", "hostc", "--docker", "host=ssh://hbdeck-c"], environment: env)
        return folder
    }
}

public struct TestEngineFailure: Error, CustomStringConvertible {
    public let description: String
}
