/// What a command run in a container with `exec` printed, and how it ended.
public struct ExecResult: Sendable, Equatable {
    public let exitCode: Int
    public let stdout: String
    public let stderr: String
    /// More was printed than was kept.
    public let truncated: Bool

    public init(exitCode: Int, stdout: String, stderr: String, truncated: Bool = false) {
        self.exitCode = exitCode
        self.stdout = stdout
        self.stderr = stderr
        self.truncated = truncated
    }
}
