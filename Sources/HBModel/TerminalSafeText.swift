/// Text from bots made safe to print on a terminal: control characters (escape sequences that set the
/// window title, clear the screen or ring the bell) are shown in caret notation (`^[`, `^G`) instead of
/// being obeyed. Newlines and tabs stay; a `\r` before `\n` is dropped.
public enum TerminalSafeText {
    public static func sanitize(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.contains(where: needsCare) else { return bytes }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 16)
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            switch byte {
            case 0x0A, 0x09:
                out.append(byte)
            case 0x0D where i + 1 < bytes.count && bytes[i + 1] == 0x0A:
                break
            case 0x00..<0x20:
                out += [UInt8(ascii: "^"), byte + 0x40]
            case 0x7F:
                out += [UInt8(ascii: "^"), UInt8(ascii: "?")]
            case 0xC2 where i + 1 < bytes.count && (0x80...0x9F).contains(bytes[i + 1]):
                // C1 controls (U+0080…U+009F), CSI among them, which some terminals obey.
                out += [UInt8(ascii: "^"), UInt8(ascii: "["), UInt8(ascii: "?")]
                i += 1
            default:
                out.append(byte)
            }
            i += 1
        }
        return out
    }

    public static func sanitize(_ text: String) -> String {
        String(decoding: sanitize(Array(text.utf8)), as: UTF8.self)
    }

    private static func needsCare(_ byte: UInt8) -> Bool {
        (byte < 0x20 && byte != 0x0A && byte != 0x09) || byte == 0x7F || byte == 0xC2
    }
}
