/// Long text from bots cut to a size, on a character boundary, with a mark saying how much was left out.
public enum TextCut {
    public static func cut(_ text: String, toBytes limit: Int) -> String {
        let size = text.utf8.count
        guard size > limit else { return text }
        var end = text.utf8.index(text.utf8.startIndex, offsetBy: limit)
        while end.samePosition(in: text.unicodeScalars) == nil { end = text.utf8.index(before: end) }
        let kept = text[..<end]
        return kept + " … [\(size - kept.utf8.count) bytes cut]"
    }
}
