/// Range checks for every number a bot sends, applied once where it enters. Anyone who can publish on the
/// broker reaches this code: a value that does not fit is dropped (and counted by the caller), never
/// converted into a type it would overflow.
public enum WireNumber {
    /// 2000-01-01 … 2100-01-01: a bot's clock outside this is wrong, or the value is not a time.
    public static let plausibleTime: ClosedRange<Double> = 946_684_800...4_102_444_800
    /// Prices, amounts, P&L and volume beyond this are not figures a screen can show faithfully.
    public static let largestFigure = 1e15

    /// Unix seconds from a value (number or numeric string) in `unit`s per second (1 000 000 for
    /// microseconds), or nil.
    public static func time(_ value: JSONValue?, unitsPerSecond: Double = 1) -> Double? {
        guard let raw = value?.doubleValue else { return nil }
        let seconds = raw / unitsPerSecond
        return plausibleTime.contains(seconds) ? seconds : nil
    }

    /// A finite figure (number or numeric string) no larger than `largestFigure`, or nil.
    public static func figure(_ value: JSONValue?) -> Double? {
        guard let number = value?.doubleValue, number.isFinite, number.magnitude <= largestFigure else { return nil }
        return number
    }

    /// A whole number in `range`, or nil.
    public static func integer(_ value: JSONValue?, in range: ClosedRange<Int>) -> Int? {
        guard let number = value?.doubleValue, number.isFinite,
            number >= Double(range.lowerBound), number <= Double(range.upperBound)
        else { return nil }
        return Int(number)
    }
}

/// Times in command replies, range-checked like telemetry.
public enum WireTime {
    /// Unix seconds from a value in milliseconds, or nil when it is not a plausible time.
    public static func milliseconds(_ value: JSONValue?) -> Double? {
        WireNumber.time(value, unitsPerSecond: 1000)
    }
}
