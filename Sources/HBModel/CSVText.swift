import Foundation

/// A table as CSV for a spreadsheet: RFC 4180 (fields with a comma, quote or line break quoted, quotes
/// doubled, CRLF line ends). A field a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab or CR
/// first, and not a number) gets a `'` in front, as OWASP advises: a bot's strings reach these files.
public enum CSVText {
    public static func table(_ header: [String], _ rows: [[String]]) -> String {
        var out = ""
        out.reserveCapacity((rows.count + 1) * 96)
        func line(_ fields: [String]) {
            for (index, field) in fields.enumerated() {
                if index > 0 { out += "," }
                let value = isFormula(field) ? "'" + field : field
                if value.utf8.contains(where: {
                    $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13
                }) {
                    out += "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
                } else {
                    out += value
                }
            }
            out += "\r\n"
        }
        line(header)
        rows.forEach(line)
        return out
    }

    static func isFormula(_ field: String) -> Bool {
        guard let first = field.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return false }
        return Double(field) == nil
    }
}
