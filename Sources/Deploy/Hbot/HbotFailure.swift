/// A refusal from the client's `hbot`: its message and its stable exit code (1 error, 2 not found,
/// 3 not running, 4 config error, 5 timeout), as it printed them (`Error: <message> (code N)`).
public struct HbotFailure: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    public let code: Int

    public init(message: String, code: Int) {
        self.message = message
        self.code = code
    }

    /// The message from what `hbot` printed on stderr; the whole text when it is not in the client's form.
    public init(stderr: String, exitCode: Int) {
        var text = stderr.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.hasPrefix("Error: ") { text.removeFirst("Error: ".count) }
        if let range = text.range(of: " (code \(exitCode))", options: .backwards), range.upperBound == text.endIndex {
            text.removeSubrange(range)
        }
        message = text.isEmpty ? "hbot ended with exit code \(exitCode) and said nothing" : text
        code = exitCode
    }

    public var description: String { "hbot: \(message)" }
}
