import Foundation
import Testing

@testable import BotLink

@Suite struct JSONParserTests {
    static func foundation(_ text: [UInt8]) -> JSONValue? {
        try? JSONDecoder().decode(JSONValue.self, from: Data(text))
    }

    @Test func agreesWithFoundationOnEveryRecordedPayload() throws {
        let messages = try RecordedTelemetry.messages()
        #expect(messages.count > 40)
        for message in messages {
            let ours = try? JSONParser.parse(message.payload)
            #expect(ours != nil, "\(String(decoding: message.payload, as: UTF8.self))")
            #expect(ours == Self.foundation(message.payload), "\(String(decoding: message.payload, as: UTF8.self))")
        }
    }

    @Test(arguments: [
        #" {"a": [1, -2.5e3, 0, true, false, null], "b": {}, "c": [] } "#,
        #""tab\there \"quoted\" back\\slash a\/b \u00e9 \ud83d\ude00 \u0000""#,
        "-0", "1E+2", "0.000001", "1795628025404085", #""""#, "[[[[]]]]",
        "\"é 日本\"",
    ])
    func validDocumentsParseAsFoundationParsesThem(_ text: String) throws {
        let bytes = Array(text.utf8)
        let ours = try JSONParser.parse(bytes)
        #expect(ours == Self.foundation(bytes))
    }

    @Test func valuesComeOutAsWritten() throws {
        let value = try JSONParser.parse(
            Array(#"{"s":"a\/b \u00e9 \ud83d\ude00","n":-2.5e3,"t":true,"z":null,"l":[1,"x"]}"#.utf8))
        #expect(value["s"] == .string("a/b é 😀"))
        #expect(value["n"] == .number(-2500))
        #expect(value["t"] == .bool(true))
        #expect(value["z"] == .null)
        #expect(value["l"] == .array([.number(1), .string("x")]))
        #expect(
            try JSONParser.parse(Array(#"{"dup": 1, "dup": 2}"#.utf8))["dup"] == .number(2),
            "the last wins, as in Python's json")
    }

    @Test(arguments: [
        "", " ", "{", "}", "[1 2]", #"{"a":}"#, #"{"a" 1}"#, #"{a:1}"#, "01", "1.", ".5", "-", "+1",
        "1e", "--1", #""\x""#, #""\ud800""#, #""\udc00""#, #""\u12g4""#, #""unterminated"#, "tru", "nul", "True", "1 2",
        "NaN", "Infinity", "1e400", "\"a\u{01}b\"", "{}x",
    ])
    func malformedDocumentsFailAsFoundationFails(_ text: String) {
        let bytes = Array(text.utf8)
        #expect((try? JSONParser.parse(bytes)) == nil, "\(text) parsed")
        #expect(Self.foundation(bytes) == nil, "Foundation parsed \(text): the case is not malformed")
    }

    @Test func trailingCommasAreRefusedThoughFoundationTakesThem() {
        #expect((try? JSONParser.parse(Array("[1,]".utf8))) == nil)
        #expect((try? JSONParser.parse(Array(#"{"a":1,}"#.utf8))) == nil)
    }

    @Test func invalidUTF8AndDeepNestingAreRefused() {
        #expect((try? JSONParser.parse([0x22, 0xFF, 0x22])) == nil)
        #expect(
            (try? JSONParser.parse(
                Array((String(repeating: "[", count: 100) + String(repeating: "]", count: 100)).utf8))) == nil)
        #expect(
            (try? JSONParser.parse(Array((String(repeating: "[", count: 60) + String(repeating: "]", count: 60)).utf8)))
                != nil)
    }
}
