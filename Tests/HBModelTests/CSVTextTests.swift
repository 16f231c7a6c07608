import HBModel
import Testing

/// Exports open in spreadsheets: a bot's string never runs there as a formula, and numbers stay numbers.
@Suite struct CSVTextTests {
    @Test func formulaCellsAreDefusedAndNumbersKept() {
        let csv = CSVText.table(
            ["pair", "pnl"],
            [
                ["=HYPERLINK(\"http://x\",\"y\")", "-3.5"],
                ["+1+cmd|' /C calc'!A0", "+2"],
                ["@SUM(A1)", "12"],
                ["-", "1e3"],
                ["BTC-USDT", "0"],
            ])
        #expect(
            csv == """
                pair,pnl\r
                "'=HYPERLINK(""http://x"",""y"")",-3.5\r
                '+1+cmd|' /C calc'!A0,+2\r
                '@SUM(A1),12\r
                '-,1e3\r
                BTC-USDT,0\r

                """)
    }
}
