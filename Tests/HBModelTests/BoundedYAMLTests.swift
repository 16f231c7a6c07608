import HBModel
import Testing

/// YAML from a bot's folder or an upload is read with limits, so a small file cannot take the machine's memory.
@Suite struct BoundedYAMLTests {
    /// Nine anchors, each a list of nine aliases of the one before: 9⁹ values once expanded.
    static let aliasBomb: String = {
        var text = "a0: &a0 [x, x, x, x, x, x, x, x, x]\n"
        for level in 1...8 {
            let previous = Array(repeating: "*a\(level - 1)", count: 9).joined(separator: ", ")
            text += "a\(level): &a\(level) [\(previous)]\n"
        }
        return text + "total_amount_quote: 100\n"
    }()

    @Test func anAliasBombIsRefusedBeforeItIsBuilt() {
        #expect(throws: BoundedYAML.Refusal.expandsTooFar) { try BoundedYAML.load(Self.aliasBomb) }
        #expect(throws: BoundedYAML.Refusal.expandsTooFar) { try BoundedYAML.compose(Self.aliasBomb) }
    }

    @Test func aFewAliasesReadAsUsual() throws {
        let text = "base: &base {leverage: 5, pair: BTC-USDT}\ncopy: *base\nlist: [*base, *base]\n"
        let root = try #require(try BoundedYAML.load(text) as? [String: Any])
        #expect((root["copy"] as? [String: Any])?["leverage"] as? Int == 5)
        #expect((root["list"] as? [Any])?.count == 2)
    }

    @Test func aFileOverTheSizeLimitIsRefusedWithItsSize() {
        let text = "key: " + String(repeating: "x", count: BoundedYAML.maxBytes) + "\n"
        #expect(throws: BoundedYAML.Refusal.tooLarge(bytes: text.utf8.count)) { try BoundedYAML.load(text) }
        #expect(
            "\(BoundedYAML.Refusal.tooLarge(bytes: text.utf8.count))".hasPrefix(
                "the YAML is 1.0MiB, over the 1.0MiB hbdeck reads"))
    }
}
