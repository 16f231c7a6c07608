import Canvas
import Foundation
import Testing

@Suite struct ThemeTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "../../Themes"
    ).standardized

    @Test(arguments: ["dark", "light", "high-contrast", "monochrome"])
    func everyShippedThemeNamesEveryRole(_ name: String) throws {
        let path = Self.folder.appendingPathComponent("\(name).yml").path
        let theme = try ThemeParser.parse(try String(contentsOfFile: path, encoding: .utf8), file: path)
        #expect(theme.name == name)
        #expect(Set(theme.styles.keys) == Set(StyleRole.allCases))
    }

    @Test func monochromeUsesNoColour() throws {
        let path = Self.folder.appendingPathComponent("monochrome.yml").path
        let theme = try ThemeParser.parse(try String(contentsOfFile: path, encoding: .utf8), file: path)
        #expect(
            theme.styles.values.allSatisfy { $0.foreground == .terminalDefault && $0.background == .terminalDefault })
    }

    @Test func aBrokenThemeNamesTheLine() {
        #expect(
            throws: ThemeError(
                file: "t.yml", line: 2,
                message:
                    "title: \"purplish\" is not a colour or attribute (colours: default, red, bright-blue, color208, #ff8800; attributes: bold, dim, reverse, underline; background: on COLOUR)"
            )
        ) {
            try ThemeParser.parse("text: default\ntitle: purplish bold\n", file: "t.yml")
        }
        #expect(throws: ThemeError(file: "t.yml", line: 1, message: "unknown role \"titel\"")) {
            try ThemeParser.parse("titel: red\n", file: "t.yml")
        }
        #expect(throws: ThemeError.self) { try ThemeParser.parse("text default\n", file: "t.yml") }
    }

    @Test func themesAreYAML() throws {
        let theme = try ThemeParser.parse(Self.complete(title: "\"#ff8800 on black bold\"  # orange"), file: "t.yml")
        #expect(theme.style(.title).foreground == ThemeColor(parsing: "#ff8800"))
        #expect(theme.style(.title).bold)
        #expect(
            throws: ThemeError(
                file: "t.yml", line: 3,
                message: "title: no style (quote a colour like \"#ff8800\": in YAML a bare # starts a comment)")
        ) {
            try ThemeParser.parse(Self.complete(title: "#ff8800"), file: "t.yml")
        }
        #expect(
            throws: ThemeError(file: "t.yml", line: 3, message: "\"title\" takes one value, not a list or a mapping")
        ) {
            try ThemeParser.parse(Self.complete(title: "[red, bold]"), file: "t.yml")
        }
        #expect(throws: ThemeError.self) { try ThemeParser.parse("text: default\n  title: : red\n", file: "t.yml") }
    }

    /// A theme naming every role, with `title` given `style` on line 3.
    static func complete(title style: String) -> String {
        let others = StyleRole.allCases.filter { $0 != .title }.map { "\($0.rawValue): default" }
        return (["# a test theme", "name: test", "title: \(style)"] + others).joined(separator: "\n") + "\n"
    }

    @Test func coloursFitTheTerminal() {
        #expect(ThemeColor(parsing: "#ff8800")?.index(forTerminalColors: 256) == 208)
        #expect(ThemeColor(parsing: "#ff0000")?.index(forTerminalColors: 8) == 1)
        #expect(ThemeColor(parsing: "bright-red")?.index(forTerminalColors: 8) == 1)
        #expect(ThemeColor(parsing: "color208")?.index(forTerminalColors: 16) != nil)
        #expect(ThemeColor(parsing: "default")?.index(forTerminalColors: 256) == nil)
        #expect(ThemeColor(parsing: "chartreuse") == nil)
    }

    @Test func wideCharactersTakeTwoCells() {
        var grid = CellGrid(width: 10, height: 1)
        let end = grid.put("日本x", x: 0, y: 0)
        #expect(end == 5)
        #expect(grid.row(0) == "日本x")
        #expect(TextWidth.truncate("btc_mm_binance_01", to: 8) == "btc_mm_…")
        #expect(["─", "●", "▶", "…", "▇", "→"].map(TextWidth.of) == [1, 1, 1, 1, 1, 1])
        #expect(TextWidth.of(Character("\u{20D7}")) == 0, "a combining mark among the symbols takes no cell")
        #expect(TextWidth.of(Character("\u{2DE0}")) == 0)
        #expect(TextWidth.of("❤️") == 2, "an emoji presentation selector makes it wide")
    }
}
