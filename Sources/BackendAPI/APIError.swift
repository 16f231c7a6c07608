/// Why a call to hummingbot-api failed, in words an operator can act on. The API's own `detail` is kept, cut
/// and made terminal-safe where it is shown.
public enum APIError: Error, Equatable, CustomStringConvertible {
    /// The server did not answer: connection refused, DNS, TLS, a timeout.
    case unreachable(server: String, reason: String)
    /// 401: the user or the password is wrong.
    case unauthorized(server: String)
    /// 404 and the API's own "not found" answers.
    case notFound(String)
    /// 422: the API refused the request's fields; each field with its reason.
    case invalid(String)
    /// Another status, with the API's detail (a 500's traceback summary, a 400's reason).
    case status(code: Int, detail: String)
    /// A 200 whose body says the action failed (`{"success": false, "message": …}`, `{"status": "error"}`).
    case refused(String)
    /// The reply is not what this API version answers: the contract test names the field.
    case undecodable(path: String, reason: String)

    public var description: String {
        switch self {
        case .unreachable(let server, let reason): return "hummingbot-api at \(server) does not answer: \(reason)"
        case .unauthorized(let server):
            return
                "hummingbot-api at \(server) refused the user or password (401): check HBDECK_API_PASSWORD or the password file"
        case .notFound(let detail): return "not found: \(detail)"
        case .invalid(let detail): return "the API refused the request (422): \(detail)"
        case .status(let code, let detail): return "the API answered \(code): \(detail)"
        case .refused(let message): return "the API refused: \(message)"
        case .undecodable(let path, let reason): return "the API's answer to \(path) is not understood: \(reason)"
        }
    }
}
