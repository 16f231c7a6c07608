/// How many terminal columns a character takes: 2 for East Asian wide and emoji, 0 for combining marks.
public enum TextWidth {
    public static func of(_ character: Character) -> Int {
        guard let scalar = character.unicodeScalars.first else { return 0 }
        let v = scalar.value
        if v < 0x20 || (0x7F..<0xA0).contains(v) { return 0 }
        if v < 0x300 { return 1 }
        // Punctuation, arrows, box drawing, blocks and shapes (most of what the screen draws besides ASCII):
        // one column, without the costlier property lookups below. 0x20D0–0x20FF are combining marks.
        if (0x2000..<0x2CEF).contains(v), !(0x20D0...0x20FF).contains(v), character.unicodeScalars.count == 1 {
            return 1
        }
        if scalar.properties.generalCategory == .nonspacingMark || scalar.properties.generalCategory == .enclosingMark {
            return 0
        }
        if character.unicodeScalars.contains(where: { $0.value == 0xFE0F }) { return 2 }
        if (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
            || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
            || (0xFFE0...0xFFE6).contains(v) || (0x1F300...0x1F64F).contains(v) || (0x1F900...0x1F9FF).contains(v)
            || (0x20000...0x3FFFD).contains(v)
        {
            return 2
        }
        return 1
    }

    public static func of(_ text: String) -> Int {
        text.reduce(0) { $0 + of($1) }
    }

    /// Cuts `text` to at most `width` columns, ending with `…` when something was cut.
    public static func truncate(_ text: String, to width: Int) -> String {
        guard width > 0 else { return "" }
        if of(text) <= width { return text }
        var out = ""
        var used = 0
        for character in text {
            let w = of(character)
            if used + w > width - 1 { break }
            out.append(character)
            used += w
        }
        return out + "…"
    }

    /// The longest start of `text` that fits `width` columns, and the rest.
    public static func split(_ text: String, at width: Int) -> (head: String, rest: String) {
        var used = 0
        var index = text.startIndex
        while index < text.endIndex, used + of(text[index]) <= width {
            used += of(text[index])
            index = text.index(after: index)
        }
        return (String(text[..<index]), String(text[index...]))
    }

    public static func pad(_ text: String, to width: Int, right: Bool = false) -> String {
        let cut = truncate(text, to: width)
        let fill = String(repeating: " ", count: max(0, width - of(cut)))
        return right ? fill + cut : cut + fill
    }
}
