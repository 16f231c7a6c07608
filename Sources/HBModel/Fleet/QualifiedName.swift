/// `HOST/NAME`: an instance on one of several engines (HOST is its Docker context's name), or a bare `NAME`.
public struct QualifiedName: Sendable, Equatable {
    public let host: String?
    public let name: String

    public init(_ text: String) {
        if let slash = text.firstIndex(of: "/") {
            host = String(text[..<slash])
            name = String(text[text.index(after: slash)...])
        } else {
            host = nil
            name = text
        }
    }
}
