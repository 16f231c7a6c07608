/// A strict JSON parser (RFC 8259) straight into `JSONValue`, for telemetry and command replies.
/// Telemetry arrives several times a second from every bot; Foundation's `JSONDecoder` through `Codable`
/// spent most of its time in the errors thrown while guessing each value's type.
struct JSONParser {
    struct Failure: Error, Equatable {
        let offset: Int
    }

    /// Nesting deeper than this is refused rather than recursed into.
    static let maxDepth = 64

    private let bytes: [UInt8]
    private var at = 0

    static func parse(_ bytes: [UInt8]) throws(Failure) -> JSONValue {
        var parser = JSONParser(bytes: bytes)
        let value = try parser.value(depth: 0)
        parser.skipSpace()
        guard parser.at == bytes.count else { throw Failure(offset: parser.at) }
        return value
    }

    private init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    private mutating func value(depth: Int) throws(Failure) -> JSONValue {
        guard depth < Self.maxDepth else { throw fail() }
        skipSpace()
        guard at < bytes.count else { throw fail() }
        switch bytes[at] {
        case UInt8(ascii: "{"): return try object(depth: depth)
        case UInt8(ascii: "["): return try array(depth: depth)
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"):
            try literal("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try literal("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try literal("null")
            return .null
        default: return .number(try number())
        }
    }

    private mutating func object(depth: Int) throws(Failure) -> JSONValue {
        at += 1
        var members: [String: JSONValue] = [:]
        skipSpace()
        if peek(UInt8(ascii: "}")) {
            at += 1
            return .object(members)
        }
        while true {
            skipSpace()
            guard peek(UInt8(ascii: "\"")) else { throw fail() }
            let key = try string()
            skipSpace()
            guard peek(UInt8(ascii: ":")) else { throw fail() }
            at += 1
            members[key] = try value(depth: depth + 1)
            skipSpace()
            if peek(UInt8(ascii: ",")) {
                at += 1
                continue
            }
            guard peek(UInt8(ascii: "}")) else { throw fail() }
            at += 1
            return .object(members)
        }
    }

    private mutating func array(depth: Int) throws(Failure) -> JSONValue {
        at += 1
        var elements: [JSONValue] = []
        skipSpace()
        if peek(UInt8(ascii: "]")) {
            at += 1
            return .array(elements)
        }
        while true {
            elements.append(try value(depth: depth + 1))
            skipSpace()
            if peek(UInt8(ascii: ",")) {
                at += 1
                continue
            }
            guard peek(UInt8(ascii: "]")) else { throw fail() }
            at += 1
            return .array(elements)
        }
    }

    private mutating func string() throws(Failure) -> String {
        at += 1
        let start = at
        // The common case, no escapes: one copy of the bytes.
        while at < bytes.count, bytes[at] != UInt8(ascii: "\""), bytes[at] != UInt8(ascii: "\\") {
            guard bytes[at] >= 0x20 else { throw fail() }
            at += 1
        }
        guard at < bytes.count else { throw fail() }
        var utf8 = Array(bytes[start..<at])
        while bytes[at] == UInt8(ascii: "\\") {
            at += 1
            guard at < bytes.count else { throw fail() }
            let escape = bytes[at]
            at += 1
            switch escape {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): utf8.append(escape)
            case UInt8(ascii: "b"): utf8.append(0x08)
            case UInt8(ascii: "f"): utf8.append(0x0C)
            case UInt8(ascii: "n"): utf8.append(0x0A)
            case UInt8(ascii: "r"): utf8.append(0x0D)
            case UInt8(ascii: "t"): utf8.append(0x09)
            case UInt8(ascii: "u"): utf8.append(contentsOf: try unicodeEscape())
            default: throw fail()
            }
            while at < bytes.count, bytes[at] != UInt8(ascii: "\""), bytes[at] != UInt8(ascii: "\\") {
                guard bytes[at] >= 0x20 else { throw fail() }
                utf8.append(bytes[at])
                at += 1
            }
            guard at < bytes.count else { throw fail() }
        }
        at += 1
        guard let text = String(validating: utf8, as: UTF8.self) else { throw fail() }
        return text
    }

    /// After `\u`: four hex digits, and a second escape for a surrogate pair.
    private mutating func unicodeEscape() throws(Failure) -> [UInt8] {
        var code = try hex4()
        if (0xD800...0xDBFF).contains(code) {
            guard at + 1 < bytes.count, bytes[at] == UInt8(ascii: "\\"), bytes[at + 1] == UInt8(ascii: "u") else {
                throw fail()
            }
            at += 2
            let low = try hex4()
            guard (0xDC00...0xDFFF).contains(low) else { throw fail() }
            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
        } else if (0xDC00...0xDFFF).contains(code) {
            throw fail()
        }
        guard let scalar = Unicode.Scalar(code) else { throw fail() }
        return Array(String(Character(scalar)).utf8)
    }

    private mutating func hex4() throws(Failure) -> UInt32 {
        guard at + 4 <= bytes.count else { throw fail() }
        var code: UInt32 = 0
        for byte in bytes[at..<at + 4] {
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw fail()
            }
            code = code << 4 | UInt32(digit)
        }
        at += 4
        return code
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`, then read by the standard library.
    private mutating func number() throws(Failure) -> Double {
        let start = at
        if peek(UInt8(ascii: "-")) { at += 1 }
        if peek(UInt8(ascii: "0")) {
            at += 1
        } else {
            guard try digits() > 0 else { throw fail() }
        }
        if peek(UInt8(ascii: ".")) {
            at += 1
            guard try digits() > 0 else { throw fail() }
        }
        if peek(UInt8(ascii: "e")) || peek(UInt8(ascii: "E")) {
            at += 1
            if peek(UInt8(ascii: "+")) || peek(UInt8(ascii: "-")) { at += 1 }
            guard try digits() > 0 else { throw fail() }
        }
        guard let value = Double(String(decoding: bytes[start..<at], as: UTF8.self)), value.isFinite else {
            throw fail()
        }
        return value
    }

    private mutating func digits() throws(Failure) -> Int {
        let start = at
        while at < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[at]) { at += 1 }
        return at - start
    }

    private mutating func literal(_ word: String) throws(Failure) {
        for byte in word.utf8 {
            guard peek(byte) else { throw fail() }
            at += 1
        }
    }

    private func peek(_ byte: UInt8) -> Bool {
        at < bytes.count && bytes[at] == byte
    }

    private mutating func skipSpace() {
        while at < bytes.count, bytes[at] == 0x20 || bytes[at] == 0x0A || bytes[at] == 0x0D || bytes[at] == 0x09 {
            at += 1
        }
    }

    private func fail() -> Failure {
        Failure(offset: at)
    }
}
