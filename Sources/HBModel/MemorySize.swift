/// A memory size as Docker's CLI takes it: `512m`, `2g`, `1.5g`, `65536k`, or bytes.
public enum MemorySize {
    public static func bytes(_ text: String) -> Int64? {
        let lower = text.lowercased().trimmingSuffix("b")
        let units: [Character: Double] = ["k": 1024, "m": 1024 * 1024, "g": 1024 * 1024 * 1024]
        var number = Substring(lower)
        var unit = 1.0
        if let last = lower.last, let factor = units[last] {
            unit = factor
            number = lower.dropLast()
        }
        guard let value = Double(number), value.isFinite, value > 0, value * unit < 1e15 else { return nil }
        return Int64((value * unit).rounded())
    }
}

extension String {
    fileprivate func trimmingSuffix(_ suffix: String) -> String {
        hasSuffix(suffix) && count > 1 ? String(dropLast(suffix.count)) : self
    }
}
