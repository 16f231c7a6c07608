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

extension QualifiedName {
    /// A name fit for the HOST part: 1 to 64 of letters, digits, `.`, `_` and `-`.
    public static func isHostName(_ text: String) -> Bool {
        isPlain(text, dots: true)
    }

    /// 1 to 64 ASCII letters, digits, `_` and `-` (and `.` with `dots`): a name safe as one path component.
    public static func isPlain(_ text: String, dots: Bool) -> Bool {
        !text.isEmpty && text.utf8.count <= 64
            && text.utf8.allSatisfy { byte in
                (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
                    || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-") || (dots && byte == UInt8(ascii: "."))
            }
    }
}
