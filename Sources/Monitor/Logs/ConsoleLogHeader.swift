/// The first line of a record as the Hummingbot client prints it on stdout (its container log):
/// `HH:MM:SS - <last part of the logger name> - <message>`. No date, no level; a message with newlines goes
/// on over the next lines, which do not start with a time.
struct ConsoleLogHeader: Equatable {
    /// Seconds since midnight in the bot's own time zone.
    let secondOfDay: Int
    let logger: String
    let message: String

    init?(_ text: Substring) {
        let bytes = text.utf8
        guard bytes.count >= 13 else { return nil }
        var digits: [Int] = []
        var index = bytes.startIndex
        for position in 0..<8 {
            let byte = bytes[index]
            if position == 2 || position == 5 {
                guard byte == UInt8(ascii: ":") else { return nil }
            } else {
                guard byte >= 48, byte <= 57 else { return nil }
                digits.append(Int(byte - 48))
            }
            index = bytes.index(after: index)
        }
        let afterTime = text[index...]
        guard afterTime.hasPrefix(" - ") else { return nil }
        let rest = afterTime.dropFirst(3)
        guard let loggerEnd = rest.firstIndex(of: " "), rest[loggerEnd...].hasPrefix(" -") else { return nil }
        let logger = rest[..<loggerEnd]
        guard !logger.isEmpty else { return nil }
        let afterDash = rest[loggerEnd...].dropFirst(2)
        secondOfDay =
            (digits[0] * 10 + digits[1]) * 3600 + (digits[2] * 10 + digits[3]) * 60 + digits[4] * 10 + digits[5]
        self.logger = String(logger)
        message = String(afterDash.hasPrefix(" ") ? afterDash.dropFirst() : afterDash)
    }
}
