import Deploy
import Testing

struct YAMLValueEditorTests {
    static let confClient = """
        # Hummingbot's client settings
        instance_id: old-name   # set by the deploy tool
        log_level: INFO
        mqtt_bridge:
          mqtt_host: 10.0.0.5
          mqtt_port: 1883

          mqtt_namespace: 'hbot'
          mqtt_autostart: false
        kill_switch_mode: {}
        """ + "\n"

    @Test func aValueIsReplacedAndEveryOtherByteKept() throws {
        let edited = try YAMLValueEditor.setting("bot-1", at: ["instance_id"], in: Self.confClient)
        #expect(edited == Self.confClient.replacingOccurrences(of: "instance_id: old-name", with: "instance_id: bot-1"))
        let port = try YAMLValueEditor.setting(
            "1884", at: ["mqtt_bridge", "mqtt_port"], in: Self.confClient, asString: false)
        #expect(port == Self.confClient.replacingOccurrences(of: "mqtt_port: 1883", with: "mqtt_port: 1884"))
    }

    @Test func aMissingKeyIsAddedInItsBlock() throws {
        let edited = try YAMLValueEditor.setting("u", at: ["mqtt_bridge", "mqtt_username"], in: Self.confClient)
        #expect(edited.contains("  mqtt_autostart: false\n  mqtt_username: u\nkill_switch_mode"))
        let top = try YAMLValueEditor.setting("x", at: ["new_key"], in: "a: 1\n")
        #expect(top == "a: 1\nnew_key: x\n")
        let block = try YAMLValueEditor.setting("h", at: ["mqtt_bridge", "mqtt_host"], in: "a: 1\n")
        #expect(block == "a: 1\nmqtt_bridge:\n  mqtt_host: h\n")
    }

    @Test func stringsThatYAMLWouldReadAsOtherTypesAreQuoted() throws {
        #expect(
            try YAMLValueEditor.setting("007", at: ["instance_id"], in: "instance_id: a\n") == "instance_id: '007'\n")
        #expect(
            try YAMLValueEditor.setting("true", at: ["instance_id"], in: "instance_id: a\n") == "instance_id: 'true'\n")
        #expect(
            try YAMLValueEditor.setting("a: b", at: ["instance_id"], in: "instance_id: a\n") == "instance_id: 'a: b'\n")
        #expect(
            try YAMLValueEditor.setting("true", at: ["m", "auto"], in: "m:\n  auto: false\n", asString: false)
                == "m:\n  auto: true\n")
    }

    @Test func whatCannotBeEditedSafelyIsRefused() {
        #expect(throws: YAMLValueEditor.Failure.self) {
            try YAMLValueEditor.setting("h", at: ["mqtt_bridge", "mqtt_host"], in: "mqtt_bridge: {mqtt_host: a}\n")
        }
        #expect(throws: YAMLValueEditor.Failure.self) {
            try YAMLValueEditor.setting("h", at: ["a", "b", "c"], in: "a: 1\n")
        }
    }
}

extension YAMLValueEditorTests {
    @Test func lineEndsAndAMissingFinalNewlineAreKept() throws {
        let crlf = "a: 1\r\nb:\r\n  c: 2\r\n"
        #expect(
            try YAMLValueEditor.setting("3", at: ["b", "c"], in: crlf, asString: false) == "a: 1\r\nb:\r\n  c: 3\r\n")
        #expect(try YAMLValueEditor.setting("x", at: ["b", "d"], in: crlf) == "a: 1\r\nb:\r\n  c: 2\r\n  d: x\r\n")
        #expect(try YAMLValueEditor.setting("5", at: ["a"], in: "a: 1\nb: 2", asString: false) == "a: 5\nb: 2")
        #expect(try YAMLValueEditor.setting("z", at: ["c"], in: "a: 1") == "a: 1\nc: z")
    }
}
