import Foundation

/// Where a Docker engine listens, as `DOCKER_HOST` spells it.
public struct DockerEndpoint: Sendable, Equatable, CustomStringConvertible {
    public enum Transport: Sendable, Equatable {
        case unixSocket(path: String)
        case tcp(host: String, port: Int)
        /// `ssh://[user@]host[:port]`: the engine that `docker system dial-stdio` reaches on that host.
        case ssh(user: String?, host: String, port: Int?)
    }

    /// Client certificate files for a TLS engine (`DOCKER_CERT_PATH`).
    public struct TLSFiles: Sendable, Equatable {
        public var caFile: String
        public var certificateFile: String
        public var keyFile: String
        public var verifyServer: Bool

        public init(directory: String, verifyServer: Bool) {
            caFile = directory + "/ca.pem"
            certificateFile = directory + "/cert.pem"
            keyFile = directory + "/key.pem"
            self.verifyServer = verifyServer
        }
    }

    public static let defaultSocketPath = "/var/run/docker.sock"

    public var transport: Transport
    public var tls: TLSFiles?

    public init(transport: Transport, tls: TLSFiles? = nil) {
        self.transport = transport
        self.tls = tls
    }

    public static let localDefault = DockerEndpoint(transport: .unixSocket(path: defaultSocketPath))

    /// Parses `unix:///path`, `tcp://host:port`, `host:port` and a bare absolute socket path.
    public init(parsing value: String, tls: TLSFiles? = nil) throws(DockerError) {
        let text = value.trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("unix://") {
            let path = String(text.dropFirst("unix://".count))
            guard path.hasPrefix("/"), path.count > 1 else {
                throw .invalidEndpoint(
                    value, reason: "a unix socket needs an absolute path, as in unix:///var/run/docker.sock")
            }
            self.init(transport: .unixSocket(path: path), tls: nil)
            return
        }
        if text.hasPrefix("/") {
            self.init(transport: .unixSocket(path: text), tls: nil)
            return
        }
        if text.hasPrefix("ssh://") {
            var rest = String(text.dropFirst("ssh://".count))
            if rest.hasSuffix("/") { rest.removeLast() }
            var user: String?
            if let at = rest.lastIndex(of: "@") {
                user = String(rest[..<at])
                rest = String(rest[rest.index(after: at)...])
            }
            let (host, portText) = Self.splitHostPort(rest)
            // ssh is given these as arguments: nothing that could read as an option or a second word.
            let safe = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: ".-_:"))
            guard !host.isEmpty, !host.hasPrefix("-"), host.unicodeScalars.allSatisfy(safe.contains),
                user.map({ !$0.isEmpty && !$0.hasPrefix("-") && $0.unicodeScalars.allSatisfy(safe.contains) }) ?? true
            else {
                throw .invalidEndpoint(value, reason: "expected ssh://USER@HOST[:PORT]")
            }
            let port = portText.flatMap { Int($0) }
            if portText != nil, !(1...65535).contains(port ?? 0) {
                throw .invalidEndpoint(value, reason: "the port must be a number from 1 to 65535")
            }
            self.init(transport: .ssh(user: user, host: host, port: port), tls: nil)
            return
        }
        var rest = text
        for scheme in ["tcp://", "http://", "https://"] where rest.hasPrefix(scheme) {
            rest = String(rest.dropFirst(scheme.count))
        }
        if rest.contains("://") {
            throw .invalidEndpoint(value, reason: "supported schemes are unix://, tcp:// and ssh://")
        }
        if rest.hasSuffix("/") { rest.removeLast() }
        let (host, portText) = Self.splitHostPort(rest)
        guard !host.isEmpty, !host.contains("/") else {
            throw .invalidEndpoint(value, reason: "expected tcp://HOST:PORT")
        }
        let defaultPort = tls == nil ? 2375 : 2376
        guard let port = portText.map({ Int($0) }) ?? defaultPort, (1...65535).contains(port) else {
            throw .invalidEndpoint(value, reason: "the port must be a number from 1 to 65535")
        }
        self.init(transport: .tcp(host: host, port: port), tls: tls)
    }

    /// The endpoint the environment asks for: `DOCKER_HOST`, `DOCKER_TLS_VERIFY`, `DOCKER_CERT_PATH`.
    public static func fromEnvironment(_ env: [String: String] = ProcessInfo.processInfo.environment)
        throws(DockerError) -> DockerEndpoint
    {
        guard let host = env["DOCKER_HOST"], !host.isEmpty else { return .localDefault }
        var tls: TLSFiles?
        let verify = !(env["DOCKER_TLS_VERIFY"] ?? "").isEmpty && env["DOCKER_TLS_VERIFY"] != "0"
        if verify || env["DOCKER_CERT_PATH"] != nil {
            let directory = env["DOCKER_CERT_PATH"] ?? (NSHomeDirectory() + "/.docker")
            tls = TLSFiles(directory: directory, verifyServer: verify)
        }
        return try DockerEndpoint(parsing: host, tls: tls)
    }

    public var description: String {
        switch transport {
        case .unixSocket(let path): return "unix://" + path
        case .tcp(let host, let port):
            let shownHost = host.contains(":") ? "[\(host)]" : host
            return (tls == nil ? "tcp://" : "tcp+tls://") + "\(shownHost):\(port)"
        case .ssh(let user, let host, let port):
            return "ssh://" + (user.map { $0 + "@" } ?? "") + host + (port.map { ":\($0)" } ?? "")
        }
    }

    /// The base URL AsyncHTTPClient is given; `Host` is set separately on every request.
    var baseURL: String {
        switch transport {
        case .unixSocket(let path):
            let encoded =
                path.addingPercentEncoding(
                    withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? path
            return "http+unix://" + encoded
        case .tcp(let host, let port):
            let shownHost = host.contains(":") ? "[\(host)]" : host
            return (tls == nil ? "http://" : "https://") + "\(shownHost):\(port)"
        case .ssh:
            preconditionFailure("an ssh engine is reached through its dialer's socket")
        }
    }

    var hostHeader: String {
        switch transport {
        case .unixSocket: return "docker"
        case .tcp(let host, let port): return "\(host):\(port)"
        case .ssh: return "docker"
        }
    }

    public var isLocalSocket: Bool {
        if case .unixSocket = transport { return true }
        return false
    }

    private static func splitHostPort(_ text: String) -> (String, String?) {
        if text.hasPrefix("["), let close = text.firstIndex(of: "]") {
            let host = String(text[text.index(after: text.startIndex)..<close])
            let after = text[text.index(after: close)...]
            return (host, after.hasPrefix(":") ? String(after.dropFirst()) : nil)
        }
        if let colon = text.lastIndex(of: ":"), text.firstIndex(of: ":") == colon {
            return (String(text[..<colon]), String(text[text.index(after: colon)...]))
        }
        return (text, nil)
    }
}
