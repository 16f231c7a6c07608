import Foundation
import Testing

/// Expected screens, kept as text files beside the tests. `HBDECK_UPDATE_GOLDEN=1` rewrites them;
/// review the diff before committing.
enum Golden {
    static func check(_ text: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "Golden/\(name).txt")
        if ProcessInfo.processInfo.environment["HBDECK_UPDATE_GOLDEN"] == "1" {
            try (text + "\n").write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(
            text + "\n" == expected, "screen \(name) differs from Golden/\(name).txt", sourceLocation: sourceLocation)
    }
}
